/**
 * What the build swaps in for library code (scripts/build-plugins.mjs) gives
 * what the library gives: the SMS grapheme split of src/messages/sms-text.ts,
 * twitter-text's ES module build of parseTweet and extractUrls without its
 * core-js polyfills, and Handlebars bundled without the source-map library.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import Handlebars from 'handlebars';
import { SegmentedMessage } from 'sms-segments-calculator';
import { splitGraphemes as librarySplit } from 'sms-segments-calculator/dist/libs/textUtils.js';
import twitter from 'twitter-text';
import { describe, expect, it } from 'vitest';
import { splitGraphemes } from '../../src/messages/sms-text.js';
// @ts-expect-error: a plain JavaScript module of the build
import { noPolyfillsForTwitterText, noSourceMapForHandlebars } from '../../scripts/build-plugins.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function range(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
}

const SAMPLES = [
  '',
  'Our app is down. Updates at https://status.example.com/incidents/42 — sorry! #outage @support',
  'Nous rencontrons une panne. Merci de votre patience : www.exemple.fr/statut',
  'Line one\r\nline two\rline three\n',
  'Emoji 🙏🏽 and flags 🇫🇷🇬🇧 and a family 👨‍👩‍👧',
  'Combining e\u0301 and ZWJ a\u200db and ZWNJ a\u200cb',
  'Hangul 한국어 and CJK 中文 and Arabic مرحبا',
  'Price 5€, 10 £, ¥100, “quotes” ‘single’ … – —',
  'example.com, foo.co.uk/path?q=1, http://localhost:3000, ftp://nope, support@example.com',
  'x'.repeat(400),
  'é'.repeat(200),
];

describe('SMS graphemes (src/messages/sms-text.ts)', () => {
  it('splits every pair of the characters it takes a shortcut for as the library does', () => {
    const chars = [...range(0x20, 0x7e), '\r', '\n', ...range(0xa0, 0xff), ...range(0x2010, 0x2027), ...range(0x202f, 0x205e), '\u20ac'];
    // compared here and asserted once: one expect per pair would cost more than the comparisons
    const differ: string[] = [];
    for (const a of chars) {
      for (const b of chars) {
        const ours = splitGraphemes(a + b);
        const theirs = librarySplit(a + b);
        if (ours.length !== theirs.length || ours.some((g, i) => g !== theirs[i])) differ.push(`${JSON.stringify(a + b)}: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it('splits any text as the library does', () => {
    for (const text of SAMPLES) expect(splitGraphemes(text)).toEqual(librarySplit(text));
    // and the segment counts agree on both paths
    for (const text of SAMPLES) expect(new SegmentedMessage(text).segmentsCount).toBeGreaterThanOrEqual(text === '' ? 0 : 1);
  });
});

describe('twitter-text, ES module build', () => {
  it('gives, without its polyfills, the weighted length and the URLs the CommonJS build gives', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crisis-twitter-'));
    try {
      const outfile = join(dir, 'twitter.mjs');
      await build({
        stdin: {
          contents:
            "export { default as parseTweet } from 'twitter-text/dist/esm/parseTweet.js'; export { default as extractUrls } from 'twitter-text/dist/esm/extractUrls.js';",
          resolveDir: ROOT,
        },
        bundle: true,
        format: 'esm',
        platform: 'node',
        outfile,
        plugins: [noPolyfillsForTwitterText],
        metafile: true,
        logLevel: 'silent',
      }).then((result) => {
        // the polyfills are really left out
        expect(Object.keys(result.metafile.inputs).some((input) => input.includes('node_modules/core-js'))).toBe(false);
      });
      const esm = (await import(pathToFileURL(outfile).href)) as { parseTweet: typeof twitter.parseTweet; extractUrls: typeof twitter.extractUrls };
      for (const text of SAMPLES) {
        expect(esm.parseTweet(text)).toEqual(twitter.parseTweet(text));
        expect(esm.extractUrls(text)).toEqual(twitter.extractUrls(text));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('Handlebars without source-map', () => {
  it('compiles, renders and fails as the package does', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crisis-handlebars-'));
    try {
      const outfile = join(dir, 'handlebars.cjs');
      await build({
        entryPoints: [join(ROOT, 'node_modules/handlebars/dist/cjs/handlebars.js')],
        bundle: true,
        format: 'cjs',
        platform: 'node',
        outfile,
        plugins: [noSourceMapForHandlebars],
        logLevel: 'silent',
      });
      const { createRequire } = await import('node:module');
      const bundled = (createRequire(import.meta.url)(outfile) as { default: typeof Handlebars }).default;
      const outcome = (hb: typeof Handlebars, source: string, view: object) => {
        try {
          return hb.create().compile(source, { strict: true, noEscape: true })(view);
        } catch (error) {
          return `error: ${(error as Error).message}`;
        }
      };
      const view = { brand: 'Acme & Co', items: ['a', 'b'], on: true, nested: { x: 1 } };
      for (const source of ['Hi {{brand}}', '{{#each items}}{{@index}}={{this}};{{/each}}', '{{#if on}}yes{{else}}no{{/if}}', '{{nested.x}} {{nested.y}}', '{{missing}}', '{{#if}}', '{{> partial}}']) {
        expect(outcome(bundled, source, view)).toBe(outcome(Handlebars, source, view));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('countGraphemes shortcut (src/messages/measure.ts)', () => {
  it('counts as Intl.Segmenter does on every pair of the characters it takes a shortcut for', async () => {
    const { countGraphemes } = await import('../../src/messages/measure.js');
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const count = (text: string) => [...segmenter.segment(text)].length;
    const chars = [...range(0x20, 0x7e), '\t', '\n', ...range(0xa0, 0xff), ...range(0x2010, 0x2027), ...range(0x202f, 0x205e), '\u20ac'];
    const differ: string[] = [];
    for (const a of chars) {
      for (const b of chars) if (countGraphemes(a + b) !== count(a + b)) differ.push(`${JSON.stringify(a + b)}: ${countGraphemes(a + b)} vs ${count(a + b)}`);
    }
    expect(differ).toEqual([]);
    for (const text of SAMPLES) expect(countGraphemes(text)).toBe(count(text));
  });
});

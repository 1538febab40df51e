/**
 * Hostile and surprising values (every control character, the scalars YAML
 * would turn into numbers, booleans, null or dates, template syntax, HTML's
 * < and &) given through --var, an answers file or config.yaml, then printed
 * by start, announce, report and page. What is printed holds no control
 * character but newline and tab (colour is off), and each value comes out
 * exactly as typed, its control characters in their visible form.
 *
 * Random yet reproducible: the seed is printed; VALUES_FUZZ_SEED replays a
 * run and VALUES_FUZZ_CASES raises the number of cases (default 4).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

import { runInProcess } from '../helpers/in-process.js';
import { seededRng, seedFrom, type Rng } from '../helpers/prng.js';
import { tempDir } from './helpers.js';

const PLAYBOOK = resolve('test/fixtures/playbooks/mini-down.en.yaml');
const SEED = seedFrom('VALUES_FUZZ_SEED', 0x5eed18);
const CASES = Number(process.env.VALUES_FUZZ_CASES ?? 4);
const NOW = new Date('2026-11-21T09:00:00Z');
const STEPS = 'steps: { devices: done, downdetector: done, hashtags: done, confirmed: yes, severity: major, services: [dm], backlog: 3, legal: done, first-post: x }\n';
/** Printed text may hold newline and tab, and no other control character. */
const BAD = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

const CONTROLS = [...Array.from({ length: 0x20 }, (_, i) => i), ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i)]
  .filter((c) => c !== 0x0a && c !== 0x09)
  .map((c) => String.fromCharCode(c));
/** Written plain in YAML, where the core schema would read them as something else than the text. */
const PLAIN_SCALARS = ['0800123456', '1.10', '0x10', '0o17', '1e3', '.inf', 'yes', 'no', 'on', 'off', 'true', 'null', '~', '2026-01-01', '2026-01-01 10:00:00', '-0'];
const PIECES = ['{{x}}', '{{brand}}', '{{{brand}}}', '<b>', '&amp;', '&', '<', '"', "'", '\\', ' # not a comment', '*a', '[x](y)', 'Acme', 'Crêpes', '\t', 'a\nb'];

/** What the program prints for a control character (written here on its own, apart from the code under test). */
function visible(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** A YAML double-quoted scalar holding `text` exactly. */
function quoted(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&').replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

interface Case {
  value: string;
  /** Written plain in the file (a YAML-special scalar), else quoted. */
  plain: boolean;
  via: 'var' | 'answers' | 'config';
}

function makeCase(rng: Rng, n: number): Case {
  const via = (['var', 'answers', 'config'] as const)[n % 3]!;
  if (via !== 'var' && rng.chance(0.35)) return { value: rng.pick(PLAIN_SCALARS), plain: true, via };
  let value = '';
  for (let i = rng.int(1, 4); i > 0; i--) {
    const r = rng.next();
    value += r < 0.45 ? rng.pick(CONTROLS) : r < 0.7 ? rng.pick(PLAIN_SCALARS) : rng.pick(PIECES);
  }
  // the brand is a name: edges of blank would be trimmed by YAML, not by us
  if (/^\s|\s$/.test(value)) value = `A${value}Z`;
  return { value, plain: false, via };
}

describe('values fuzz', () => {
  it(`${CASES} values through --var, answers files and config.yaml into start, announce, report and page`, async () => {
    const rng = seededRng(SEED);
    console.log(`values fuzz: seed ${SEED} (replay with VALUES_FUZZ_SEED=${SEED}), ${CASES} cases`);
    // every control character at least once over the first cases
    const cases = Array.from({ length: CASES }, (_, n) => makeCase(rng, n));
    if (cases[0]) cases[0] = { value: `Acme${CONTROLS.join('')}\tend`, plain: false, via: 'var' };
    if (cases[1]) cases[1] = { value: `\u001b]52;c;aGk=\u0007Acme\u001bc`, plain: false, via: 'config' };
    for (const [n, c] of cases.entries()) {
      const what = `case ${n} (${c.via}): ${JSON.stringify(c.value)}`;
      const dir = tempDir('crisis-values-fuzz-');
      const home = join(dir, 'home');
      mkdirSync(home);
      const brand = `  brand: ${c.plain ? c.value : quoted(c.value)}\n`;
      writeFileSync(join(home, 'config.yaml'), `variables:\n${c.via === 'config' ? brand : ''}  signature: Julie\n`);
      writeFileSync(join(dir, 'a.yaml'), `variables:\n${c.via === 'answers' ? brand : ''}  support_email: help@acme.example\n${STEPS}`);
      const env = { CRISIS_HOME: home };
      const vars = c.via === 'var' ? ['--var', `brand=${c.value}`] : [];
      const printed: [string, { stdout: string; stderr: string }][] = [];
      const run = async (args: string[]) => {
        const r = await runInProcess(args, { env, now: NOW, cwd: dir });
        printed.push([args.join(' '), r]);
        expect(r.code, `${what}: ${args.join(' ')}: ${r.stderr}`).toBe(0);
        return r;
      };

      const start = await runInProcess(['start', PLAYBOOK, '--answers', join(dir, 'a.yaml'), '--id', 'fuzz', '--no-input', ...vars], { env, now: NOW, cwd: dir });
      printed.push(['start', start]);
      expect(start.stderr, what).not.toMatch(/unexpected error/);
      // ends or stops at a question it has no answer for, with every answer before it recorded
      expect([0, 3], `${what}: ${start.stderr}`).toContain(start.code);
      // the X post ends with the brand (the SMS channel turns text into what GSM-7 can send)
      const post = `Mini chat is down for everyone. We are sorry: write to help@acme.example and we will answer. - ${c.value}`;
      const log = readFileSync(join(home, 'incidents', 'fuzz', 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(log.find((e) => e.type === 'message_posted')?.text, what).toBe(post);

      const announce = await run(['announce', 'initial', '--channel', 'x']);
      expect(announce.stdout, what).toContain(visible(post));
      const json = await run(['announce', 'initial', '--channel', 'x', '--json']);
      expect(JSON.parse(json.stdout).channels[0].text, what).toBe(post);
      await run(['report']);
      const reportJson = await run(['report', '--json']);
      expect(() => JSON.parse(reportJson.stdout), what).not.toThrow();
      await run(['page', '-o', '-']);
      await run(['page', '-o', join(dir, 'site')]);
      const summary = JSON.parse(readFileSync(join(dir, 'site', 'summary.json'), 'utf8'));
      expect(summary.page.name, what).toBe(c.value);

      for (const [args, r] of printed) {
        expect(r.stdout, `${what}: ${args}: stdout`).not.toMatch(BAD);
        expect(r.stderr, `${what}: ${args}: stderr`).not.toMatch(BAD);
      }
    }
  }, 300_000);
});

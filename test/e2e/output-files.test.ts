/**
 * What the program writes to files (report -o, timeline -o, the status page)
 * is what it would print: a value's control characters and bidirectional
 * overrides made visible, so a note cannot hide an escape sequence or reverse
 * text in the post-mortem someone opens later.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';
import { tempDir } from './helpers.js';

const HOSTILE = 'paid \u001b]52;c;aGk=\u0007 ok \u202etxt.exe\u202c';
/** One clock for every command: the report says when it was written. */
const NOW = new Date('2026-11-21T10:00:00Z');
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('files written by commands', () => {
  it('hold no raw control character or bidirectional override from a value', async () => {
    const cwd = tempDir('crisis-out-');
    const env = { CRISIS_HOME: join(cwd, 'home') };
    const run = (args: string[]) => runInProcess(args, { cwd, env, now: NOW });
    // opened, then stopped at the first question (no terminal, no answers file: exit 3)
    expect((await run(['start', 'messenger-down', '--no-input', '--id', 'out', '--var', 'brand=Acme', '--var', 'support_email=help@acme.example'])).code).toBe(3);
    const noted = await run(['log', 'out', HOSTILE]);
    expect(noted.code, noted.stderr).toBe(0);

    for (const [args, file] of [
      [['report', 'out', '-o', 'pm.md'], 'pm.md'],
      [['timeline', 'out', '-o', 'tl.md'], 'tl.md'],
    ] as const) {
      const r = await run([...args]);
      expect(r.code, r.stderr).toBe(0);
      const text = readFileSync(join(cwd, file), 'utf8');
      // ESC and BEL as their signs, the override as its escape (Markdown escapes the bracket)
      expect(text, file).toMatch(/paid \u241b\\?\]52;c;aGk=\u2407 ok \\u202etxt\.exe\\u202c/);
      expect(text, file).not.toMatch(RAW);
    }
    // and the same text on standard output as in the file
    const printed = await run(['report', 'out']);
    expect(printed.stdout).toBe(readFileSync(join(cwd, 'pm.md'), 'utf8'));
  });

  it('the status page shows a brand written with an override as written, not reversed', async () => {
    const cwd = tempDir('crisis-out-');
    const run = (args: string[]) => runInProcess(args, { cwd, env: { CRISIS_HOME: join(cwd, 'home') }, now: NOW });
    await run(['start', 'messenger-down', '--no-input', '--id', 'pg', '--var', 'brand=Ac\u202eme', '--var', 'support_email=help@acme.example']);
    const page = await run(['page', '-o', 'site']);
    expect(page.code, page.stderr).toBe(0);
    for (const file of ['index.html', 'summary.json', 'feed.atom']) {
      const text = readFileSync(join(cwd, 'site', file), 'utf8');
      expect(text, file).toContain('Ac\\u202eme');
      expect(text, file).not.toMatch(RAW);
    }
  });
});

describe('a file name with replacement patterns', () => {
  it('is said as written after writing it', async () => {
    const cwd = tempDir('crisis-out-');
    const run = (args: string[]) => runInProcess(args, { cwd, env: { CRISIS_HOME: join(cwd, 'home') }, now: NOW });
    await run(['start', 'messenger-down', '--no-input', '--id', 'nm', '--var', 'brand=Acme', '--var', 'support_email=help@acme.example']);
    const r = await run(['report', 'nm', '-o', "a$&b{}$'.md"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("a$&b{}$'.md");
    expect(readFileSync(join(cwd, "a$&b{}$'.md"), 'utf8')).toMatch(/^# Acme/);
  });
});

describe('an output place that cannot be written', () => {
  it('is met with advice about -o, not about the data directory', async () => {
    const cwd = tempDir('crisis-out-');
    const run = (args: string[]) => runInProcess(args, { cwd, env: { CRISIS_HOME: join(cwd, 'home') }, now: NOW });
    await run(['start', 'messenger-down', '--no-input', '--id', 'ro', '--var', 'brand=Acme', '--var', 'support_email=help@acme.example']);
    for (const args of [['page', '-o', '/dev/null/site'], ['report', 'ro', '-o', '/dev/null/pm.md']]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toContain('/dev/null');
      expect(r.stderr, args.join(' ')).not.toContain('data directory');
    }
  });
});

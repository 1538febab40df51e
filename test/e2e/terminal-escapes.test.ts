/**
 * Escape sequences in values never reach the terminal: an OSC 52 in a brand
 * name would write the user's clipboard, ESC c resets the terminal. Every
 * control character but newline and tab comes out visible, from every source
 * of values, in every command that prints them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

import { runInProcess } from '../helpers/in-process.js';
import { tempDir } from './helpers.js';

const PLAYBOOK = resolve('test/fixtures/playbooks/mini-down.en.yaml');
const BAD = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const OSC52 = '\u001b]52;c;aGVsbG8=\u0007';
const SHOWN = '\u241b]52;c;aGVsbG8=\u2407';
const NOW = new Date('2026-11-21T09:00:00Z');
const STEPS = 'steps: { devices: done, downdetector: done, hashtags: done, confirmed: yes, severity: major, services: [dm], backlog: 3, legal: done, first-post: x }\n';

function clean(r: { stdout: string; stderr: string }, what: string) {
  expect(r.stdout, `${what}: stdout`).not.toMatch(BAD);
  expect(r.stderr, `${what}: stderr`).not.toMatch(BAD);
}

describe('control characters in values are shown, never sent to the terminal', () => {
  it('from config.yaml, an answers file, --var and a note, through start, announce, status, report and timeline', async () => {
    const dir = tempDir('crisis-escapes-');
    const home = join(dir, 'home');
    mkdirSync(home);
    writeFileSync(join(home, 'config.yaml'), 'variables:\n  brand: "Acme\\e]52;c;aGVsbG8=\\a"\n');
    writeFileSync(join(dir, 'a.yaml'), `variables:\n  signature: "Julie\\ec"\n  support_email: help@acme.example\n${STEPS}`);
    const env = { CRISIS_HOME: home };
    const start = await runInProcess(['start', PLAYBOOK, '--answers', join(dir, 'a.yaml'), '--id', 'esc', '--no-input'], { env, now: NOW });
    clean(start, 'start');
    expect(start.stdout).toContain(`Acme${SHOWN}`);
    expect(start.stdout).toContain('Julie\u241bc');
    const log = await runInProcess(['log', `Meta says\u001b[2J fixed\u009b soon`], { env, now: NOW });
    expect(log.code, log.stderr).toBe(0);
    for (const args of [['announce', 'initial'], ['announce', 'initial', '--json'], ['status'], ['report'], ['timeline'], ['report', '--json']]) {
      const r = await runInProcess(args, { env, now: NOW });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      clean(r, args.join(' '));
      // Markdown escapes the bracket: \]
      if (!args.includes('--json') && args[0] !== 'status') expect(r.stdout.replace(/\\\]/g, ']'), args.join(' ')).toContain(`Acme${SHOWN}`);
    }
    const report = await runInProcess(['report'], { env, now: NOW });
    expect(report.stdout.replace(/\\\[/g, '[')).toContain('Meta says\u241b[2J fixed\\u009b soon');
    // JSON stays exact: the escape is JSON's own, and reads back as the value typed
    const json = await runInProcess(['announce', 'initial', '--json', '--channel', 'x'], { env, now: NOW });
    expect(JSON.parse(json.stdout).channels[0].text).toContain(`Acme${OSC52}`);
    const withVar = await runInProcess(['announce', 'initial', '--channel', 'sms', '--var', `brand=Zed${OSC52}\u001bc`], { env, now: NOW });
    clean(withVar, 'announce --var');
    expect(withVar.stdout).toContain(`Zed${SHOWN}\u241bc: Mini chat is down.`);
  });

  it('in error messages that quote what was typed', async () => {
    const r = await runInProcess(['announce', '--playbook', PLAYBOOK, 'initial', '--var', `br\u001bcand=x`]);
    expect(r.code).not.toBe(0);
    clean(r, 'unknown variable');
    expect(r.stderr).toContain('br\u241bcand');
  });

  it('validate reports a control character in a playbook at its line and column, and the playbook does not load', async () => {
    const dir = tempDir('crisis-escapes-pb-');
    const file = join(dir, 'mini-down.en.yaml');
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(PLAYBOOK, 'utf8')
      .replace('title: Mini chat is down', 'title: "Mini chat \\e]52;c;aGk=\\a is down"')
      .replace('platform: Mini chat', 'platform: Mini \u001bc chat')
      .replace('Keep answers short and kind.', 'Keep answers short\u009b and kind.');
    writeFileSync(file, text);
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const r = await runInProcess(['validate', file], { env: { CRISIS_NO_CACHE: '1' } });
    expect(r.code).toBe(1);
    clean(r, 'validate');
    expect(r.stdout + r.stderr).toContain(`mini-down.en.yaml:${lineOf('title:')}:19: control character U+001B (ESC)`);
    expect(r.stdout + r.stderr).toContain(`mini-down.en.yaml:${lineOf('platform:')}:16: control character U+001B (ESC)`);
    expect(r.stdout + r.stderr).toMatch(new RegExp(`mini-down\\.en\\.yaml:${lineOf('Keep answers')}:\\d+: control character U\\+009B`));
    const show = await runInProcess(['show', file], { env: { CRISIS_NO_CACHE: '1' } });
    expect(show.code).not.toBe(0);
    clean(show, 'show');
  });
});

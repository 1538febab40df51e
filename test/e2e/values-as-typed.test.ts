/**
 * Values in answers files and config.yaml are text: what YAML would read as a
 * number, a boolean, null or a date comes out exactly as it was typed, in the
 * walkthrough, in `announce`, in the report and on the status page.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

import { runInProcess } from '../helpers/in-process.js';
import { tempDir } from './helpers.js';

const PLAYBOOK = resolve('test/fixtures/playbooks/mini-down.en.yaml');
const STEPS = 'steps: { devices: done, downdetector: done, hashtags: done, confirmed: yes, severity: major, services: [dm], backlog: 0012, legal: done, first-post: x }\n';
const NOW = new Date('2026-11-21T09:00:00Z');

async function open(config: string, answers: string) {
  const dir = tempDir('crisis-values-');
  const home = join(dir, 'home');
  mkdirSync(home);
  writeFileSync(join(home, 'config.yaml'), config);
  writeFileSync(join(dir, 'a.yaml'), answers);
  const env = { CRISIS_HOME: home };
  const start = await runInProcess(['start', PLAYBOOK, '--answers', join(dir, 'a.yaml'), '--id', 'v1', '--no-input'], { env, now: NOW });
  return { dir, home, env, start };
}

describe('values are text, taken as written', () => {
  it('keeps 0800123456, 1.10 and 0x10 from config.yaml as typed in start, announce and the report', async () => {
    const { env, start, home } = await open(
      'variables:\n  brand: 0800123456\n  signature: 1.10\n  support_email: help@acme.example\npage:\n  name: 0x10\n  components: [1.10]\n',
      `variables:\n  signature: 0x10\n${STEPS}`,
    );
    expect(start.stderr).not.toContain('unexpected');
    expect(start.stdout).toContain('brand          0800123456');
    expect(start.stdout).toContain('signature      0x10');
    const announce = await runInProcess(['announce', 'initial', '--channel', 'email'], { env, now: NOW });
    expect(announce.code, announce.stderr).toBe(0);
    expect(announce.stdout).toContain('Subject: 0800123456: Mini chat is unavailable');
    expect(announce.stdout).toContain('\n0x10\n');
    const report = await runInProcess(['report'], { env, now: NOW });
    expect(report.stdout).toMatch(/^# 0800123456: post-mortem/);
    // a number step still takes a number
    expect(report.stdout).toContain('How many conversations are waiting? **12**');
    const page = await runInProcess(['page', '-o', join(home, 'site')], { env, now: NOW });
    expect(page.code, page.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(home, 'site', 'summary.json'), 'utf8'));
    expect(summary.page.name).toBe('0x10');
    expect(summary.components.map((c: { name: string }) => c.name)).toContain('1.10');
    const log = readFileSync(join(home, 'incidents', 'v1', 'events.jsonl'), 'utf8');
    expect(log).toContain('"brand":"0800123456"');
    expect(log).toContain('"signature":"0x10"');
    // the walkthrough's own rendering of the first announcement, recorded as posted
    expect(log).toContain('we will answer. - 0800123456"');
  });

  it('keeps dates, !!timestamp, !!int, yes and ~ from an answers file as typed', async () => {
    const { env } = await open(
      'variables:\n  signature: 1.10\n',
      `variables:\n  brand: !!timestamp 2026-01-01\n  signature: "~ yes"\n  support_email: help@acme.example\n${STEPS}`,
    );
    const x = await runInProcess(['announce', 'initial', '--channel', 'x'], { env, now: NOW });
    expect(x.stdout).toContain('we will answer. - 2026-01-01\n');
    for (const [value, shown] of [
      ['!!int 0800', '0800'],
      ['yes', 'yes'],
      ['~', '~'],
      ['null', 'null'],
      ['1e3', '1e3'],
      ['2026-01-01 10:00:00', '2026-01-01 10:00:00'],
      ['.inf', '.inf'],
    ]) {
      const again = await open('', `variables:\n  brand: ${value}\n  support_email: help@acme.example\n${STEPS}`);
      const sms = await runInProcess(['announce', 'initial', '--channel', 'sms'], { env: again.env, now: NOW });
      expect(sms.stdout, value).toContain(`\n${shown}: Mini chat is down.`);
    }
  });
});

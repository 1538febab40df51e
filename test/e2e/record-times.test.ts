/**
 * End to end, in process with a fixed clock: the times an incident records
 * are the times things happened, whether answered from a file of last week
 * or given with --at.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';

const PLAYBOOK = resolve('test/fixtures/playbooks/mini-down.en.yaml');
/** Eleven days after the incident of the answers below. */
const TODAY = new Date('2026-12-02T10:00:00Z');
let home: string;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crisis-times-'));
  home = join(dir, 'home');
});

const run = (args: string[], now: Date = TODAY) => runInProcess(args, { env: { CRISIS_HOME: home }, now });
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const log = (id: string) =>
  readFileSync(join(home, 'incidents', id, 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const LAST_WEEK = `
detected_at: 2026-11-21T09:00:00Z
variables: { brand: Acme, support_email: help@acme.example, signature: Julie }
people: { lead: Julie Martin, community: Karim }
steps:
  devices: { status: done, at: 2026-11-21T09:02:00Z }
  downdetector: { status: done, at: 2026-11-21T09:04:00Z }
  hashtags: { status: skipped, at: 2026-11-21T09:05:00Z }
  confirmed: { value: yes, at: 2026-11-21T09:06:00Z }
  severity: { value: major, at: 2026-11-21T09:08:00Z }
  services: { value: [dm], at: 2026-11-21T09:09:00Z }
  backlog: { value: 120, at: 2026-11-21T09:10:00Z }
  legal: { status: na, at: 2026-11-21T09:11:00Z }
  tip: { at: 2026-11-21T09:11:00Z }
  first-post: { posted: [x], at: 2026-11-21T09:20:00Z }
  update: { posted: [x], at: 2026-11-21T10:20:00Z }
  banner: { status: done, at: 2026-11-21T12:10:00Z }
resolved_at: 2026-11-21T12:00:00Z
`;

describe('times from an answers file', () => {
  it('a scripted incident of last week keeps its times: every deadline met, none missed by days', async () => {
    const r = await run(['start', PLAYBOOK, '--answers', write('a.yaml', LAST_WEEK), '--no-input', '--id', 'last-week']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const tip = log('last-week').find((e) => e.type === 'step_answered' && e.step === 'tip');
    expect(tip?.at).toBe('2026-11-21T09:11:00.000Z');
    const status = JSON.parse((await run(['status', 'last-week', '--json'])).stdout) as { deadlines: Array<{ phase: string; status: string; met_at: string; due_at: string }> };
    // times in the incident's zone, with its offset: compared as instants
    const iso = (t: string) => new Date(t).toISOString();
    expect(status.deadlines.map((d) => ({ ...d, due_at: iso(d.due_at), met_at: iso(d.met_at) }))).toEqual([
      { phase: 'confirm', due_at: '2026-11-21T09:15:00.000Z', met_at: '2026-11-21T09:06:00.000Z', status: 'met' },
      { phase: 'assess', due_at: '2026-11-21T09:30:00.000Z', met_at: '2026-11-21T09:11:00.000Z', status: 'met' },
      { phase: 'communicate', due_at: '2026-11-21T09:30:00.000Z', met_at: '2026-11-21T09:20:00.000Z', status: 'met' },
    ]);
    const report = (await run(['report', 'last-week'])).stdout;
    expect(report).not.toMatch(/missed/i);
    // the chart ends with the incident, not today
    expect(report).not.toContain('2026-12-02');
  });

  it('refuses an `at` before the detection, naming the file and the line, and opens nothing', async () => {
    const file = write('early.yaml', LAST_WEEK.replace('devices: { status: done, at: 2026-11-21T09:02:00Z }', 'devices: { status: done, at: 2026-11-21T08:02:00Z }'));
    const r = await run(['start', PLAYBOOK, '--answers', file, '--no-input', '--id', 'early']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:6:`);
    expect(r.stderr).toMatch(/before the incident was detected/);
    expect(() => log('early')).toThrow();
  });

  it('refuses an `at` after the time of the run', async () => {
    const r = await run(['start', PLAYBOOK, '--answers', write('a.yaml', LAST_WEEK), '--no-input', '--id', 'future'], new Date('2026-11-21T11:00:00Z'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/:17:\d+: step "banner": "at" .* is in the future/);
    expect(r.stderr).toMatch(/:18:.*"resolved_at" .* is in the future/);
  });

  it('on resume, measures the file against the incident\'s own detection', async () => {
    const start = await run(['start', PLAYBOOK, '--no-input', '--id', 'resumed', '--var', 'brand=Acme', '--var', 'support_email=help@acme.example', '--at', '2026-12-02T09:30:00Z']);
    expect(start.code).toBe(3);
    const r = await run(['resume', 'resumed', '--answers', write('a.yaml', 'steps:\n  devices: { status: done, at: 2026-12-02T09:00:00Z }\n'), '--no-input']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/a\.yaml:2:.*before the incident was detected \(2026-12-02T09:30:00.000Z\); fix the time$/m);
  });
});

describe('--at', () => {
  it('start refuses a detection in the future', async () => {
    const r = await run(['start', PLAYBOOK, '--no-input', '--at', '2026-12-02T10:05:00Z']);
    expect(r.code).toBe(1);
    // echoed as typed, in the incident's zone with its offset
    expect(r.stderr).toMatch(/--at 2026-12-02T\d\d:05:00[+-]\d\d:\d\d is in the future/);
  });

  it('resolve refuses a time before the detection, and one in the future', async () => {
    await run(['start', PLAYBOOK, '--no-input', '--id', 'r', '--var', 'brand=Acme', '--var', 'support_email=help@acme.example', '--at', '2026-12-02T09:00:00Z']);
    const before = await run(['resolve', 'r', '--yes', '--no-input', '--at', '2026-12-02T08:55:00Z']);
    expect(before.code).toBe(1);
    expect(before.stderr).toMatch(/before the incident was detected/);
    const later = await run(['resolve', 'r', '--yes', '--no-input', '--at', '2026-12-02T11:00:00Z']);
    expect(later.code).toBe(1);
    expect(later.stderr).toMatch(/in the future/);
    expect(log('r').some((e) => e.type === 'resolved')).toBe(false);
    const ok = await run(['resolve', 'r', '--yes', '--no-input', '--at', '2026-12-02T09:45:00Z']);
    expect(log('r').find((e) => e.type === 'resolved')?.at).toBe('2026-12-02T09:45:00.000Z');
    expect([0, 3]).toContain(ok.code);
  });
});

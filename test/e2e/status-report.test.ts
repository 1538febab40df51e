/**
 * status --json and the report agree on the deadlines of the same resolved
 * incident (one deadline function), and the chart draws a phase never met up
 * to the resolution, not to the day the report is written.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';

const PLAYBOOK = resolve('test/fixtures/playbooks/mini-down.en.yaml');
const TODAY = new Date('2026-12-02T10:00:00Z');

describe('status and report on one resolved incident', () => {
  it('give the same deadlines: met late and never met are both missed, none overdue', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crisis-agree-'));
    const env = { CRISIS_HOME: join(dir, 'home'), CRISIS_TZ: 'UTC' };
    const answers = join(dir, 'a.yaml');
    writeFileSync(
      answers,
      [
        'detected_at: 2026-11-21T09:00:00Z',
        'variables: { brand: Acme, support_email: help@acme.example, signature: Julie }',
        'steps:',
        '  devices: { status: done, at: 2026-11-21T09:05:00Z }',
        '  downdetector: { status: done, at: 2026-11-21T09:06:00Z }',
        '  hashtags: { status: done, at: 2026-11-21T09:07:00Z }',
        '  confirmed: { value: yes, at: 2026-11-21T09:20:00Z }',
        '  severity: { value: minor, at: 2026-11-21T09:21:00Z }',
        '',
      ].join('\n'),
    );
    const run = (args: string[]) => runInProcess(args, { env, now: TODAY });
    expect((await run(['start', PLAYBOOK, '--answers', answers, '--no-input', '--id', 'agree'])).code).toBe(3);
    await run(['resolve', 'agree', '--yes', '--no-input', '--at', '2026-11-21T10:00:00Z']);
    const status = JSON.parse((await run(['status', 'agree', '--json'])).stdout) as { state: string; deadlines: Array<{ phase: string; due_at: string; met_at: string | null; status: string }> };
    const report = JSON.parse((await run(['report', 'agree', '--json'])).stdout) as { figures: { phases: Array<{ phase: string; due_at: string | null; completed_at: string | null; status: string | null; until: string }> } };
    expect(status.state).toBe('resolved');
    const iso = (t: string | null) => (t === null ? null : new Date(t).toISOString());
    const fromStatus = status.deadlines.map((d) => [d.phase, iso(d.due_at), iso(d.met_at), d.status]);
    const fromReport = report.figures.phases.filter((p) => p.due_at !== null).map((p) => [p.phase, iso(p.due_at), iso(p.completed_at), p.status]);
    expect(fromReport).toEqual(fromStatus);
    expect(fromStatus).toEqual([
      ['confirm', '2026-11-21T09:15:00.000Z', '2026-11-21T09:20:00.000Z', 'missed'],
      ['assess', '2026-11-21T09:30:00.000Z', null, 'missed'],
      ['communicate', '2026-11-21T09:30:00.000Z', null, 'missed'],
    ]);
    // a phase never met is drawn up to the resolution
    expect(iso(report.figures.phases.find((p) => p.phase === 'assess')!.until)).toBe('2026-11-21T10:00:00.000Z');
    const markdown = (await run(['report', 'agree'])).stdout;
    expect(markdown).toMatch(/Assess the impact\s*:[^\n]*2026-11-21 09:20, 2026-11-21 10:00/);
    expect(markdown).not.toContain('2026-12-02');
  });
});

/**
 * A scripted incident of last week, replayed today from its answers file,
 * gives the same status, report and chart as the same run made at the time
 * (the in-process runner's clock set to when it ended).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';

const ANSWERS = resolve('test/fixtures/answers/messenger-down.yaml');

async function runAt(now: Date, file: string) {
  const dir = mkdtempSync(join(tmpdir(), 'crisis-replay-'));
  const env = { CRISIS_HOME: join(dir, 'home'), CRISIS_TZ: 'Europe/Paris' };
  const start = await runInProcess(['start', 'messenger-down', '--lang', 'en', '--answers', file, '--no-input', '--id', 'replayed'], { env, now });
  expect(start.stderr).toBe('');
  expect(start.code).toBe(0);
  const status = await runInProcess(['status', 'replayed', '--json'], { env, now });
  const report = await runInProcess(['report', 'replayed'], { env, now });
  return { status: JSON.parse(status.stdout) as Record<string, unknown>, report: report.stdout };
}

describe('a replay of last week', () => {
  it('gives the status, report and chart a run at the time would have given', async () => {
    // the file's last answer is at 16:45 on 2026-11-21 (Paris)
    const then = new Date('2026-11-21T15:45:00Z');
    const today = new Date('2026-12-02T10:00:00Z');
    const live = await runAt(then, ANSWERS);
    const replay = await runAt(today, ANSWERS);
    expect(replay.status).toEqual(live.status);
    expect(replay.status).toMatchObject({ state: 'resolved' });
    expect(replay.report).toBe(live.report);
    // the chart is drawn within the incident, and no figure mentions today
    const chart = replay.report.slice(replay.report.indexOf('```mermaid'), replay.report.indexOf('```', replay.report.indexOf('```mermaid') + 3));
    expect(chart).toContain('gantt');
    expect(chart).not.toContain('2026-12-02');
    expect(replay.report).not.toMatch(/\b2 December 2026\b|2026-12-02/);
  });
});

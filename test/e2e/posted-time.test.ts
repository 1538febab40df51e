/**
 * In a real terminal (tmux): the operator takes time pasting a post before
 * confirming it; the post is recorded at the confirmation, not when the
 * question appeared. The binary's clock is a file the test moves forward.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux, openTmux, type TmuxPane } from '../helpers/tmux.js';
import { MINI_VARIABLES, miniRun } from '../helpers/mini-run.js';

let pane: TmuxPane | undefined;
afterEach(() => pane?.close());

describe.skipIf(!hasTmux)('the time of a post', () => {
  it('is when the operator confirms it', async () => {
    const run = miniRun(
      [
        'detected_at: 2026-11-21T09:00:00Z',
        MINI_VARIABLES,
        'steps: { devices: done, downdetector: done, hashtags: done, confirmed: yes, severity: minor, services: [dm], backlog: 3 }',
      ],
      { now: '2026-11-21T09:20:00Z', env: { CRISIS_TZ: 'UTC' } },
    );
    pane = openTmux(run.argv('timed'), run.env, { columns: 100, rows: 40 });
    // the copy keys first, then the channels
    await pane.waitFor(/Mini chat is down for everyone/, 30_000);
    await pane.waitFor(/1–3|copy/i, 30_000);
    pane.keys('Enter');
    await pane.waitFor(/Posted on which channels\?/, 30_000);
    // seven minutes pasting the texts, then X ticked and confirmed
    run.setNow('2026-11-21T09:27:00Z');
    pane.keys('Space');
    await pane.waitFor(/◉/);
    pane.keys('Enter');
    const log = join(run.home, 'incidents', 'timed', 'events.jsonl');
    // the answer is on disk before the next prompt is drawn
    await pane.waitFor(() => readFileSync(log, 'utf8').split('\n').some((l) => l.includes('"step_answered"') && l.includes('"first-post"')), 30_000);
    const events = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const posted = events.filter((e) => e.type === 'message_posted');
    expect(posted.map((e) => [e.channel, new Date(String(e.at)).toISOString()])).toEqual([['x', '2026-11-21T09:27:00.000Z']]);
    const answer = events.find((e) => e.type === 'step_answered' && e.step === 'first-post');
    expect(new Date(String(answer?.at)).toISOString()).toBe('2026-11-21T09:27:00.000Z');
  });
});

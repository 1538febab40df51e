/**
 * The waiting menu keeps time: under a test clock (CRISIS_TEST_NOW_FILE), its
 * countdown to the next update changes on screen as time passes, and when
 * the update falls due the terminal gets a bell and "Post an update now"
 * moves first.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux, openTmux, type TmuxPane } from '../helpers/tmux.js';
import { MINI_VARIABLES, miniRun } from '../helpers/mini-run.js';

let pane: TmuxPane | undefined;
afterEach(() => pane?.close());

describe.skipIf(!hasTmux)('reminders in the waiting menu', () => {
  it('counts down to the next update, then rings and puts "Post an update now" first when it falls due', async () => {
    const run = miniRun(
      [
        'detected_at: 2026-11-21T09:00:00+01:00',
        MINI_VARIABLES,
        'steps:',
        '  devices: done',
        '  downdetector: done',
        '  hashtags: done',
        '  confirmed: yes',
        '  severity: minor',
        '  services: [dm]',
        '  backlog: 3',
        '  first-post: { posted: [x], at: 2026-11-21T09:10:00+01:00 }',
      ],
      { now: '2026-11-21T09:30:00+01:00', env: { CRISIS_TZ: 'Europe/Paris' } },
    );
    const dir = run.dir;
    pane = openTmux(run.argv('clock'), run.env, { columns: 100, rows: 40 });
    // minor: an update every 2 h after the first post (09:10), so at 11:10
    await pane.waitFor(/Next public update in 1 h 40 min \(at 11:10\)/, 30_000);
    const before = pane.screen();
    expect(before.indexOf('The platform is back')).toBeLessThan(before.indexOf('Post an update now'));

    const bytes = join(dir, 'bytes');
    writeFileSync(bytes, '');
    pane.record(bytes);
    run.setNow('2026-11-21T11:09:00+01:00');
    await pane.waitFor(/Next public update in 1 min \(at 11:10\)/);
    expect(readFileSync(bytes, 'latin1')).not.toContain('\x07');

    run.setNow('2026-11-21T11:12:00+01:00');
    const due = await pane.waitFor(/A public update is due \(2 min late\)/);
    expect(due.indexOf('❯ Post an update now')).toBeGreaterThan(-1);
    expect(due.indexOf('Post an update now')).toBeLessThan(due.indexOf('The platform is back'));
    await new Promise((r) => setTimeout(r, 300));
    expect(readFileSync(bytes, 'latin1')).toContain('\x07');

    // Enter takes the update, now first: it asks what is new for it
    pane.keys('Enter');
    await pane.waitFor(/What's new since the last update\?/);
    pane.keys('C-c');
    expect(await pane.exited()).toBe(130);
  });
});

process.env.TZ = 'UTC';
/**
 * One deadline computation: the walkthrough header, `crisis status` (text
 * and JSON) and the report's figures say the same of the same incident, at a
 * fixed clock.
 */
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { foldEvents } from '../../src/incident/state.js';
import { statusOf } from '../../src/incident/status.js';
import { computeFigures } from '../../src/report/figures.js';
import { formatStatus } from '../../src/ui/status-view.js';
import { walkthroughView } from '../../src/ui/walkthrough-view.js';
import { at, log, overMidnight, resolvedIncident } from '../fixtures/report/events.js';
import { playbookEn } from '../fixtures/report/playbook.js';

const plain = new Chalk({ level: 0 });
/** Ten days after the incident: a replay or a late look must not count these days. */
const tenDaysLater = new Date('2026-12-02T09:00:00Z');

describe('phase deadlines', () => {
  it('a resolved incident: status (JSON and text) and the report agree, and its unmet deadlines are missed, never overdue', () => {
    const events = overMidnight();
    const state = foldEvents(events);
    const status = statusOf(playbookEn, state, tenDaysLater);
    const figures = computeFigures(events, playbookEn, { now: tenDaysLater });
    const fromFigures = figures.phases.filter((p) => p.due_at).map((p) => [p.phase, p.status]);
    expect(status.deadlines.map((d) => [d.phase, d.status])).toEqual(fromFigures.slice(0, status.deadlines.length));
    expect(status.deadlines.find((d) => d.phase === 'assess')?.status).toBe('missed');
    expect(status.deadlines.some((d) => d.status === 'overdue')).toBe(false);
    const text = formatStatus(status, state, playbookEn, tenDaysLater, plain).join('\n');
    expect(text).not.toMatch(/\bd\b.*late/);
    // lateness is counted to the resolution (01:30), not to today: assess was due 00:05
    expect(text).toMatch(/missed 22 Nov 00:05  Assess the impact  \(1 h 25 min late\)/);
  });

  it('the walkthrough header says met for a phase already met, not late', () => {
    // the confirm phase is met at 09:11 (due 09:20); at 09:40 a step of it shown again is not "late"
    const events = log(...resolvedIncident().slice(0, 6));
    const state = foldEvents(events);
    let out = '';
    const view = walkthroughView({ playbook: playbookEn, out: { write: (s: string) => ((out += s), true) } as never, paint: plain, live: true });
    const phase = playbookEn.phases[0]!;
    view({
      type: 'step',
      action: { kind: 'step', total: 10, repeat: true, step: phase.steps[0]!, phase, stepKind: 'check', index: 1, afterResolution: false },
      state,
      now: new Date(at('09:40')),
    });
    expect(out).toContain('(met)');
    expect(out).not.toMatch(/late/);
  });
});

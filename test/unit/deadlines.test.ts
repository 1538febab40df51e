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
import { phaseDeadlines } from '../../src/incident/deadlines.js';
import { resolveIncident } from '../../src/incident/engine.js';
import { MemoryLog } from '../helpers/memory-log.js';
import { tinyPlaybook } from '../helpers/playbooks.js';

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

describe('a phase holding the updates', () => {
  const T0 = new Date('2026-11-21T09:00:00Z');
  const min = (m: number) => new Date(T0.getTime() + m * 60_000);
  const playbook = tinyPlaybook({
    severities: [{ id: 'minor', title: 'Minor', update_every: '2h' }],
    phases: [
      { id: 'communicate', title: 'Communicate', due: '30m', steps: [{ id: 'post', announce: 'initial' }] },
      { id: 'monitor', title: 'Keep informed', due: '2h', steps: [{ id: 'watch', check: 'Watch the status page' }, { id: 'update', announce: 'update', repeat: 'cadence' }] },
      { id: 'resolve', title: 'Stand down', steps: [{ id: 'banner', check: 'Remove the banner' }] },
    ],
    messages: { initial: { channels: { x: 'Down.' } }, update: { channels: { x: 'Still down.' } } },
  });
  const posted = { kind: 'announce', posted: ['x'] } as const;

  function run(resolveAt: number) {
    const inc = new MemoryLog(playbook, T0);
    inc.answer('post', { ...posted, posted: [...posted.posted] }, min(20));
    inc.answer('watch', { kind: 'check', status: 'done' }, min(25));
    inc.append(resolveIncident(playbook, inc.state, min(resolveAt)));
    return phaseDeadlines(playbook, inc.state, min(600)).find((d) => d.phase === 'monitor');
  }

  it('is met without an update when the incident was resolved before the first one fell due', () => {
    // first post 09:20, the update due 11:20; resolved 09:40
    expect(run(40)).toMatchObject({ status: 'met' });
  });

  it('is missed when an update fell due before the resolution and none was posted', () => {
    // the update was due 11:20; resolved 11:30 without one
    expect(run(150)).toMatchObject({ status: 'missed', met_at: null });
  });
});

import { describe, expect, it } from 'vitest';
import type { Playbook } from '../../src/playbook/schema.js';
import { MemoryLog } from '../helpers/memory-log.js';
import { nextUpdateDue, progress, resolveIncident, type Answer } from '../../src/incident/engine.js';
import { phaseDeadlines } from '../../src/incident/deadlines.js';

const T0 = new Date('2026-11-21T09:00:00Z');
const min = (m: number) => new Date(T0.getTime() + m * 60_000);

const playbook: Playbook = {
  format: 1,
  id: 'test-down',
  lang: 'en',
  title: 'Test platform is down',
  roles: { lead: { title: 'Lead' }, community: { title: 'Community' }, management: { title: 'Management' } },
  severities: [
    { id: 'minor', title: 'Minor', update_every: '2h' },
    { id: 'major', title: 'Major', update_every: '1h', notify: ['lead', 'management'] },
  ],
  phases: [
    {
      id: 'confirm',
      title: 'Confirm',
      due: '15m',
      steps: [
        { id: 'devices', check: 'Test devices', owner: 'lead' },
        { id: 'real', ask: 'Is it real?', type: 'confirm', on_no: { end: 'false-alarm' } },
      ],
    },
    {
      id: 'assess',
      title: 'Assess',
      due: '30m',
      steps: [
        { id: 'sev', ask: 'How bad?', type: 'severity' },
        { id: 'kind', ask: 'Which kind?', type: 'choice', options: ['dm', 'ads'], save_as: 'kind' },
        { id: 'ads-only', check: 'Pause ads', when: { kind: 'ads' } },
        { id: 'services', ask: 'Services?', type: 'multi', options: ['a', 'b'], save_as: 'services' },
        { id: 'backlog', ask: 'How many waiting?', type: 'number' },
        { id: 'legal', ask: 'Call legal?', type: 'confirm', on_no: { goto: 'post' } },
        { id: 'legal-call', check: 'Call legal', when: { severity: 'major' } },
      ],
    },
    {
      id: 'communicate',
      title: 'Communicate',
      due: '30m',
      steps: [
        { id: 'post', announce: 'initial', owner: 'community' },
        { id: 'tip', info: 'Be kind' },
      ],
    },
    { id: 'monitor', title: 'Monitor', steps: [{ id: 'update', announce: 'update', repeat: 'cadence' }] },
    { id: 'resolve', title: 'Resolve', steps: [{ id: 'banner', check: 'Remove banners' }] },
  ],
  messages: {
    initial: { channels: { x: 'down' } },
    update: { channels: { x: 'still down' } },
  },
};

/** A tiny in-memory log: the same fold the store uses. */
class Log extends MemoryLog {
  constructor() {
    super(playbook, T0);
  }
}

const nextId = (log: Log, at: Date, repeats = false) => {
  const a = log.next(at, repeats);
  return a.kind === 'step' ? a.step.id : a.kind;
};

describe('engine', () => {
  it('walks steps in order and numbers them among the applicable ones', () => {
    const log = new Log();
    const a = log.next(min(1));
    expect(a.kind).toBe('step');
    if (a.kind !== 'step') return;
    expect(a.step.id).toBe('devices');
    expect(a.index).toBe(1);
    // ads-only and legal-call are hidden until their conditions hold
    expect(a.total).toBe(11);
    log.answer('devices', { kind: 'check', status: 'done', note: 'iPhone + PC' }, min(2));
    expect(nextId(log, min(2))).toBe('real');
    expect(log.state.steps.devices).toMatchObject({ status: 'done', note: 'iPhone + PC' });
  });

  it('ends as a false alarm when a confirm with on_no end is answered no', () => {
    const log = new Log();
    log.answer('devices', { kind: 'check', status: 'done' }, min(2));
    const events = log.answer('real', { kind: 'ask', value: false }, min(3));
    expect(events.map((e) => e.type)).toEqual(['step_answered', 'false_alarm']);
    expect(log.state.state).toBe('false-alarm');
    expect(log.next(min(4))).toEqual({ kind: 'complete', state: 'false-alarm' });
  });

  it('records the confirm phase as completed, with its deadline met', () => {
    const log = new Log();
    log.answer('devices', { kind: 'check', status: 'skipped' }, min(2));
    const events = log.answer('real', { kind: 'ask', value: true }, min(5));
    expect(events.at(-1)).toMatchObject({ type: 'phase_completed', phase: 'confirm', met: true, due_at: min(15).toISOString() });
  });

  it('a severity answer changes the severity, escalates and sets the cadence', () => {
    const log = new Log();
    log.answer('devices', { kind: 'check', status: 'done' }, min(2));
    log.answer('real', { kind: 'ask', value: true }, min(3));
    const events = log.answer('sev', { kind: 'ask', value: 'major' }, min(4));
    expect(events).toContainEqual(expect.objectContaining({ type: 'severity_changed', severity: 'major', notify: ['lead', 'management'], update_every: '1h' }));
    expect(log.state.severity).toBe('major');
  });

  it('applies when conditions on save_as answers and on severity', () => {
    const log = new Log();
    log.answer('devices', { kind: 'check', status: 'done' }, min(2));
    log.answer('real', { kind: 'ask', value: true }, min(3));
    log.answer('sev', { kind: 'ask', value: 'minor' }, min(4));
    log.answer('kind', { kind: 'ask', value: 'ads' }, min(5));
    expect(nextId(log, min(5))).toBe('ads-only');
    log.answer('ads-only', { kind: 'check', status: 'na' }, min(6));
    log.answer('services', { kind: 'ask', value: ['a', 'b'] }, min(7));
    log.answer('backlog', { kind: 'ask', value: 42 }, min(8));
    log.answer('legal', { kind: 'ask', value: true }, min(9));
    // severity is minor: legal-call does not apply
    expect(nextId(log, min(9))).toBe('post');
  });

  it('goto on no jumps over the steps in between', () => {
    const log = new Log();
    for (const [id, answer] of [
      ['devices', { kind: 'check', status: 'done' }],
      ['real', { kind: 'ask', value: true }],
      ['sev', { kind: 'ask', value: 'major' }],
      ['kind', { kind: 'ask', value: 'dm' }],
      ['services', { kind: 'ask', value: ['a'] }],
      ['backlog', { kind: 'ask', value: 3 }],
    ] as const) log.answer(id, answer as Answer, min(5));
    // with severity major, legal-call would apply, but the goto skips it
    const events = log.answer('legal', { kind: 'ask', value: false }, min(10));
    expect(nextId(log, min(10))).toBe('post');
    expect(events).toContainEqual(expect.objectContaining({ type: 'phase_completed', phase: 'assess', met: true }));
  });

  it('announce records the posted texts; info needs nothing; a missed deadline is recorded as missed', () => {
    const log = walkToPost();
    const events = log.answer('post', { kind: 'announce', posted: ['x'], rendered: [{ channel: 'x', text: 'down' }] }, min(40));
    expect(events.map((e) => e.type)).toEqual(['message_rendered', 'message_posted', 'step_answered']);
    expect(events[1]).toMatchObject({ channel: 'x', text: 'down' });
    const info = log.answer('tip', { kind: 'info' }, min(41));
    expect(info.at(-1)).toMatchObject({ type: 'phase_completed', phase: 'communicate', met: false });
    const d = phaseDeadlines(playbook, log.state, min(41));
    expect(d.find((x) => x.phase === 'communicate')).toMatchObject({ status: 'missed' });
    expect(d.find((x) => x.phase === 'confirm')).toMatchObject({ status: 'met' });
  });

  it('offers a repeat: cadence message again when the update is due, and waits otherwise', () => {
    const log = walkToPost();
    log.answer('post', { kind: 'announce', posted: ['x'] }, min(20));
    log.answer('tip', { kind: 'info' }, min(21));
    log.answer('update', { kind: 'announce', posted: ['x'] }, min(80));
    // major: every hour; next update due 1h after the last public post
    expect(nextUpdateDue(playbook, log.state)?.toISOString()).toBe(min(140).toISOString());
    expect(log.next(min(100), true)).toMatchObject({ kind: 'waiting' });
    const due = log.next(min(141), true);
    expect(due).toMatchObject({ kind: 'step', repeat: true });
    // not offered without offerRepeats (scripted runs)
    expect(log.next(min(141)).kind).toBe('waiting');
  });

  it('walks the resolve phase only after resolution, then completes', () => {
    const log = walkToPost();
    log.answer('post', { kind: 'announce', posted: [] }, min(20));
    log.answer('tip', { kind: 'info' }, min(21));
    log.answer('update', { kind: 'announce', posted: ['x'] }, min(80));
    expect(log.next(min(90)).kind).toBe('waiting');
    log.append(resolveIncident(playbook, log.state, min(200)));
    expect(log.state.state).toBe('resolved');
    expect(nextId(log, min(201), true)).toBe('banner');
    const end = log.answer('banner', { kind: 'check', status: 'done' }, min(210));
    expect(end.at(-1)).toMatchObject({ type: 'phase_completed', phase: 'resolve' });
    expect(log.next(min(211))).toEqual({ kind: 'complete', state: 'resolved' });
    expect(progress(playbook, log.state)).toEqual({ done: 12, total: 12 });
  });

  it('reports deadlines as open, then overdue, at a fixed clock', () => {
    const log = new Log();
    expect(phaseDeadlines(playbook, log.state, min(10))[0]).toMatchObject({ phase: 'confirm', status: 'open', met_at: null });
    expect(phaseDeadlines(playbook, log.state, min(16))[0]).toMatchObject({ status: 'overdue' });
  });
});

function walkToPost(): Log {
  const log = new Log();
  const answers: Array<[string, Answer]> = [
    ['devices', { kind: 'check', status: 'done' }],
    ['real', { kind: 'ask', value: true }],
    ['sev', { kind: 'ask', value: 'major' }],
    ['kind', { kind: 'ask', value: 'dm' }],
    ['services', { kind: 'ask', value: ['a'] }],
    ['backlog', { kind: 'ask', value: 3 }],
    ['legal', { kind: 'ask', value: true }],
    ['legal-call', { kind: 'check', status: 'done' }],
  ];
  for (const [id, answer] of answers) log.answer(id, answer, min(5));
  return log;
}

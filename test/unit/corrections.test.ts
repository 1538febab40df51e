/**
 * Taking back a mistake: undo (an answer withdrawn, its consequences too),
 * reopen, discard; and what is walked after resolution.
 */
import { describe, expect, it } from 'vitest';
import { tinyPlaybook } from '../helpers/playbooks.js';
import { withoutWithdrawn } from '../../src/incident/state.js';
import { resolveIncident } from '../../src/incident/engine.js';
import { MemoryLog } from '../helpers/memory-log.js';
import { discardIncident, reopenIncident, withdrawLastAnswer } from '../../src/incident/corrections.js';
import { computeFigures } from '../../src/report/figures.js';

const T0 = new Date('2026-11-21T09:00:00Z');
const min = (m: number) => new Date(T0.getTime() + m * 60_000);

const playbook = tinyPlaybook({
  id: 'test-down',
  title: 'Test platform is down',
  severities: [
    { id: 'minor', title: 'Minor', update_every: '2h' },
    { id: 'major', title: 'Major', update_every: '1h' },
  ],
  phases: [
    { id: 'check', stage: 'confirm', title: 'Confirm', due: '15m', steps: [{ id: 'real', ask: 'Is it real?', type: 'confirm', on_no: { end: 'false-alarm' } }] },
    { id: 'size', stage: 'assess', title: 'Assess', due: '30m', steps: [{ id: 'sev', ask: 'How bad?', type: 'severity' }] },
    { id: 'tell', stage: 'communicate', title: 'Communicate', due: '30m', steps: [{ id: 'post', announce: 'initial' }, { id: 'tip', info: 'Be kind' }] },
    { id: 'back', stage: 'resolve', title: 'Stand down', steps: [{ id: 'banner', check: 'Remove banners' }] },
  ],
  messages: { initial: { channels: { x: 'down' } } },
});

class Log extends MemoryLog {
  constructor() {
    super(playbook, T0);
  }
  /** The id of the next step, or what comes instead. */
  nextStep(at: Date): string {
    const action = this.next(at);
    return action.kind === 'step' ? action.step.id : action.kind;
  }
}

function confirmed(): Log {
  const log = new Log();
  log.answer('real', { kind: 'ask', value: true }, min(5));
  return log;
}

describe('crisis undo: the last answer withdrawn', () => {
  it('asks the step again and takes back the severity it set', () => {
    const log = confirmed();
    log.answer('sev', { kind: 'ask', value: 'minor' }, min(6));
    log.answer('sev', { kind: 'ask', value: 'major' }, min(7)); // a repeat would not happen; two severities in a row for the test
    expect(log.state.severity).toBe('major');
    const { events, answer } = withdrawLastAnswer(playbook, log.state, min(8));
    expect(answer).toMatchObject({ step: 'sev', value: 'major' });
    expect(events).toEqual([{ type: 'answer_withdrawn', at: min(8).toISOString(), step: 'sev', answer_seq: answer.seq }]);
    log.append(events);
    expect(log.state.severity).toBe('minor');
    log.append(withdrawLastAnswer(playbook, log.state, min(9)).events);
    expect(log.state.severity).toBeUndefined();
    expect(log.state.steps.sev).toBeUndefined();
    expect(log.state.phasesCompleted.size).toBeUndefined();
    expect(log.nextStep(min(10))).toBe('sev');
    // nothing deleted
    expect(log.events.filter((e) => e.type === 'step_answered' && e.step === 'sev')).toHaveLength(2);
  });

  it('takes back the posts recorded with an announce answer: figures follow', () => {
    const log = confirmed();
    log.answer('sev', { kind: 'ask', value: 'minor' }, min(6));
    log.answer('post', { kind: 'announce', posted: ['x'], rendered: [{ channel: 'x', text: 'down' }] }, min(20));
    expect(log.state.phasesCompleted.tell).toBeUndefined(); // the info step is still to read
    expect(computeFigures(log.events, playbook, { now: min(30) }).first_post?.at).toBe(min(20).toISOString());
    log.append(withdrawLastAnswer(playbook, log.state, min(21)).events);
    expect(log.state.posts).toEqual([]);
    expect(log.nextStep(min(22))).toBe('post');
    expect(computeFigures(log.events, playbook, { now: min(30) }).first_post).toBeNull();
    expect(withoutWithdrawn(log.events).some((e) => e.type === 'message_posted')).toBe(false);
  });

  it('withdraws an answer that ended a phase: the phase is open again', () => {
    const log = confirmed();
    expect(log.state.phasesCompleted.check).toBe(min(5).toISOString());
    log.append(withdrawLastAnswer(playbook, log.state, min(6)).events);
    expect(log.state.phasesCompleted.check).toBeUndefined();
    log.answer('real', { kind: 'ask', value: true }, min(7));
    expect(log.state.phasesCompleted.check).toBe(min(7).toISOString());
  });

  it('withdrawing the "no" of a false alarm opens the incident again', () => {
    const log = new Log();
    log.answer('real', { kind: 'ask', value: false }, min(5));
    expect(log.state.state).toBe('false-alarm');
    log.append(withdrawLastAnswer(playbook, log.state, min(6)).events);
    expect(log.state.state).toBe('open');
    expect(log.nextStep(min(7))).toBe('real');
  });

  it('refuses with nothing to withdraw, and before resolution on a resolved incident', () => {
    expect(() => withdrawLastAnswer(playbook, new Log().state, min(1))).toThrow(/no answer to withdraw/);
    const log = confirmed();
    log.append(resolveIncident(playbook, log.state, min(30)));
    expect(() => withdrawLastAnswer(playbook, log.state, min(31))).toThrow(/given before resolution/);
  });
});

describe('crisis reopen and crisis discard', () => {
  it('reopens a false alarm and asks its confirmation again', () => {
    const log = new Log();
    log.answer('real', { kind: 'ask', value: false }, min(5));
    const events = reopenIncident(log.state, min(6));
    expect(events.map((e) => e.type)).toEqual(['reopened', 'answer_withdrawn']);
    log.append(events);
    expect(log.state).toMatchObject({ state: 'open' });
    expect(log.state.endedAt).toBeUndefined();
    expect(log.nextStep(min(7))).toBe('real');
  });

  it('reopens a resolved incident where it was; refuses an open one', () => {
    const log = confirmed();
    log.append(resolveIncident(playbook, log.state, min(30)));
    expect(log.nextStep(min(31))).toBe('banner');
    log.append(reopenIncident(log.state, min(32)));
    expect(log.state.state).toBe('open');
    expect(log.nextStep(min(33))).toBe('sev');
    expect(() => reopenIncident(log.state, min(34))).toThrow(/open already/);
  });

  it('discards: nothing left to walk, reopen takes it back', () => {
    const log = confirmed();
    log.append(discardIncident(log.state, min(8)));
    expect(log.state.state).toBe('discarded');
    expect(log.nextStep(min(9))).toBe('complete');
    expect(() => discardIncident(log.state, min(9))).toThrow(/discarded already/);
    log.append(reopenIncident(log.state, min(10)));
    expect(log.nextStep(min(11))).toBe('sev');
  });
});

describe('after resolution', () => {
  it('walks only the stand-down steps, and the stand-down phase still ends', () => {
    const log = confirmed();
    log.append(resolveIncident(playbook, log.state, min(30)));
    // "How bad?" and the first post belong to stages before resolution: not offered
    expect(log.nextStep(min(31))).toBe('banner');
    log.answer('banner', { kind: 'check', status: 'done' }, min(32));
    expect(log.nextStep(min(33))).toBe('complete');
    expect(log.state.phasesCompleted.back).toBe(min(32).toISOString());
    expect(log.state.phasesCompleted.size).toBeUndefined();
  });
});

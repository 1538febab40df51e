/**
 * Taking back what was done by mistake: reopening a closed incident,
 * withdrawing the last answer, discarding an incident opened by mistake.
 * Pure: state and time in, events out; nothing is ever deleted from the log.
 */
import type { Playbook } from '../playbook/schema.js';
import { UserError } from '../errors.js';
import type { NewEvent } from './events.js';
import { findStep, isAfterResolution } from './plan.js';
import type { IncidentState, StepRecord } from './state.js';

/**
 * The events that open a closed incident again. A false alarm's "no" is
 * withdrawn with it, so the confirmation is asked again rather than skipped.
 */
export function reopenIncident(state: IncidentState, at: Date): NewEvent[] {
  const { id } = state;
  if (state.state === 'open') throw new UserError((c) => c.errors.alreadyOpen(id), { details: [(c) => c.errors.goOnWith(id)] });
  const iso = at.toISOString();
  const events: NewEvent[] = [{ type: 'reopened', at: iso, previous: state.state }];
  const alarm = state.state === 'false-alarm' && state.falseAlarmStep ? state.steps[state.falseAlarmStep] : undefined;
  if (alarm) events.push({ type: 'answer_withdrawn', at: iso, step: alarm.step, answer_seq: alarm.seq });
  return events;
}

/** The answer `crisis undo` withdraws: the last one given (an info step is read, not answered). */
export function lastAnswer(state: IncidentState): StepRecord | undefined {
  return state.answers.findLast((a) => a.kind !== 'info');
}

/**
 * The event that withdraws the last answer; the step is then asked again.
 * Refused when there is none, when the incident is discarded, and on a
 * resolved incident for a step before resolution (reopen it first).
 */
export function withdrawLastAnswer(playbook: Playbook, state: IncidentState, at: Date): { events: NewEvent[]; answer: StepRecord } {
  const { id } = state;
  if (state.state === 'discarded') throw new UserError((c) => c.errors.isDiscarded(id), { details: [(c) => c.errors.reopenFirst(id)] });
  const answer = lastAnswer(state);
  if (!answer) throw new UserError((c) => c.errors.nothingToWithdraw(id));
  const phase = findStep(playbook, answer.step)?.phase;
  if (state.state === 'resolved' && !(phase && isAfterResolution(phase))) {
    throw new UserError((c) => c.errors.answeredBeforeResolution(id, answer.step), { details: [(c) => c.errors.reopenFirst(id)] });
  }
  return { events: [{ type: 'answer_withdrawn', at: at.toISOString(), step: answer.step, answer_seq: answer.seq }], answer };
}

/** The event that marks an incident opened by mistake. */
export function discardIncident(state: IncidentState, at: Date): NewEvent[] {
  const { id } = state;
  if (state.state === 'discarded') throw new UserError((c) => c.errors.discardedAlready(id));
  return [{ type: 'discarded', at: at.toISOString() }];
}

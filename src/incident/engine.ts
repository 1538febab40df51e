/**
 * The walkthrough engine: from a playbook and an incident's state, what comes
 * next; from an answer, the events to append. Pure: `now` comes in, events go
 * out, and the caller does the I/O.
 */
import type { Phase, Playbook, Step } from '../playbook/schema.js';
import type { AnswerValue, CheckStatus, NewEvent, RenderedChannel } from './events.js';
import { applyEvent, type IncidentState } from './state.js';
import { endsIncident, isAfterResolution, planSteps, type PlannedStep } from './plan.js';
import { lastNeededAnswer, meetsDeadline, phaseDueAt } from './deadlines.js';
import { cadenceMs, nextUpdateDue } from './update-clock.js';

export { cadenceMs, currentSeverity, isUpdatePost, lastPublicPostAt, nextUpdateDue, updateFellDue } from './update-clock.js';

const ms = (iso: string): number => new Date(iso).getTime();

export type NextAction =
  | ({ kind: 'step'; total: number; repeat: boolean } & PlannedStep)
  /** Every step before resolution is answered; the incident stays open until resolved. */
  | { kind: 'waiting'; nextUpdateDueAt?: Date }
  /** Resolved (or false alarm) and nothing left to walk. */
  | { kind: 'complete'; state: IncidentState['state'] };

export type Answer =
  | { kind: 'check'; status: CheckStatus; note?: string }
  | { kind: 'ask'; value: AnswerValue; note?: string }
  | {
      kind: 'announce';
      posted: string[];
      rendered?: RenderedChannel[];
      note?: string;
      /** Posted channels whose text was over the channel's limit (logged `over_limit`). */
      overLimit?: string[];
      /** Of those, the ones a person was asked about and posted anyway. */
      postedAnyway?: string[];
      /** The next update the texts promise (logged on each post). */
      nextUpdateAt?: string;
    }
  | { kind: 'info'; note?: string };

export interface EngineOptions {
  /** Offer `repeat: cadence` messages again when due (only a live walkthrough does). */
  offerRepeats?: boolean;
  /** `repeat: cadence` steps whose first answer is at hand (an answers file): offered in order, due or not. */
  answered?: (stepId: string) => boolean;
}


/**
 * The next update an announce step reached at `at` promises, the same on
 * every channel: an update (`repeat: cadence`) promises `at` + the cadence;
 * any other message repeats the promise in force, or makes the first one.
 */
export function promisedNextUpdate(playbook: Playbook, state: IncidentState, step: Step, at: Date): Date | undefined {
  const cadence = cadenceMs(playbook, state);
  if (!cadence) return undefined;
  if (step.repeat !== 'cadence') {
    const due = nextUpdateDue(playbook, state);
    if (due && due.getTime() > at.getTime()) return due;
  }
  return new Date(at.getTime() + cadence);
}

/**
 * Whether a `repeat: cadence` step may be offered at `now`: once the update
 * is due (counted from the last posted update), and not within a cadence of
 * its own last answer (an update answered with no channel ticked waits too).
 * With no public post yet, nothing is due: the step comes in its turn.
 */
function updateDue(playbook: Playbook, state: IncidentState, planned: PlannedStep, now: Date): boolean {
  const due = nextUpdateDue(playbook, state);
  if (due && now.getTime() < due.getTime()) return false;
  const cadence = cadenceMs(playbook, state);
  const last = state.answers.filter((a) => a.step === planned.step.id).reduce<number | undefined>((max, a) => Math.max(max ?? 0, ms(a.at)), undefined);
  return !(cadence && last !== undefined && now.getTime() < last + cadence);
}

/** A `repeat: cadence` step already answered whose message is due again, if any. */
function dueRepeat(playbook: Playbook, state: IncidentState, plan: PlannedStep[], now: Date): PlannedStep | undefined {
  if (!cadenceMs(playbook, state) || state.state !== 'open' || !nextUpdateDue(playbook, state)) return undefined;
  return plan.find((p) => p.step.repeat === 'cadence' && !p.afterResolution && state.steps[p.step.id] && updateDue(playbook, state, p, now));
}

/** What the walkthrough should do next. */
export function nextAction(playbook: Playbook, state: IncidentState, now: Date, options: EngineOptions = {}): NextAction {
  if (state.state === 'false-alarm' || state.state === 'discarded') return { kind: 'complete', state: state.state };
  const plan = planSteps(playbook, state);
  const total = plan.length;
  if (state.state === 'open' && options.offerRepeats) {
    const repeat = dueRepeat(playbook, state, plan, now);
    if (repeat) return { kind: 'step', total, repeat: true, ...repeat };
  }
  const resolved = state.state === 'resolved';
  // after resolution only the stand-down steps are offered: a step of an earlier stage would say what is no longer true
  // a first update waits until it is due, unless its answer is at hand
  const waits = (p: PlannedStep) =>
    p.step.repeat === 'cadence' && state.state === 'open' && !options.answered?.(p.step.id) && !updateDue(playbook, state, p, now);
  const next = plan.find((p) => !state.steps[p.step.id] && p.afterResolution === resolved && !waits(p));
  if (next) return { kind: 'step', total, repeat: false, ...next };
  if (!resolved) {
    const due = nextUpdateDue(playbook, state);
    return due ? { kind: 'waiting', nextUpdateDueAt: due } : { kind: 'waiting' };
  }
  return { kind: 'complete', state: state.state };
}

function cloneState(state: IncidentState): IncidentState {
  return structuredClone(state);
}

/** Applies events to a copy, giving the seq numbers a placeholder (the store assigns real ones). */
function preview(state: IncidentState, events: NewEvent[]): IncidentState {
  const copy = cloneState(state);
  for (const e of events) applyEvent(copy, { ...e, v: 1, seq: copy.lastSeq + 1 } as never);
  return copy;
}

/** `phase_completed` events for phases that the given state has just finished, in order. */
function completedPhases(playbook: Playbook, state: IncidentState, at: string): NewEvent[] {
  const plan = planSteps(playbook, state);
  const events: NewEvent[] = [];
  for (const phase of playbook.phases) {
    const steps = plan.filter((p) => p.phase.id === phase.id);
    const done = steps.every((p) => state.steps[p.step.id]);
    // once resolved, phases left unfinished stay so (missed) and the stand-down phase can still end
    if (!done && state.state === 'resolved' && !isAfterResolution(phase)) continue;
    if (!done) break;
    if (state.phasesCompleted[phase.id]) continue;
    if (steps.length === 0 && isAfterResolution(phase) && state.state !== 'resolved') break;
    const dueAt = phaseDueAt(phase, state.detectedAt);
    // met when its last step needing an answer was answered: an info step read later does not move it
    const metAt = lastNeededAnswer(steps.map((p) => ({ kind: p.stepKind, record: state.steps[p.step.id] })))?.at ?? at;
    events.push({
      type: 'phase_completed',
      at: metAt,
      phase: phase.id,
      ...(dueAt ? { due_at: dueAt.toISOString(), met: meetsDeadline(metAt, dueAt) } : {}),
    });
    state.phasesCompleted[phase.id] = metAt;
  }
  return events;
}

/** The events that record an answer to a step, with their consequences (severity, false alarm, phase ends). */
export function answerStep(
  playbook: Playbook,
  state: IncidentState,
  planned: { step: Step; phase: Phase },
  answer: Answer,
  at: Date,
  by?: string,
): NewEvent[] {
  const { step, phase } = planned;
  const iso = at.toISOString();
  const events: NewEvent[] = [];
  if (answer.kind === 'announce' && step.announce) {
    if (answer.rendered) events.push({ type: 'message_rendered', at: iso, message: step.announce, step: step.id, channels: answer.rendered });
    for (const channel of answer.posted) {
      const text = answer.rendered?.find((r) => r.channel === channel);
      events.push({
        type: 'message_posted',
        at: iso,
        message: step.announce,
        step: step.id,
        channel,
        text: text?.text ?? '',
        ...(text?.subject !== undefined ? { subject: text.subject } : {}),
        ...(answer.overLimit?.includes(channel) ? { over_limit: true } : {}),
        ...(answer.nextUpdateAt ? { next_update_at: answer.nextUpdateAt } : {}),
      });
    }
  }
  events.push({
    type: 'step_answered',
    at: iso,
    step: step.id,
    phase: phase.id,
    kind: answer.kind,
    ...(answer.kind === 'check' ? { status: answer.status } : {}),
    ...(answer.kind === 'ask' ? { value: answer.value } : {}),
    ...(answer.kind === 'announce' ? { posted: answer.posted } : {}),
    ...(answer.note ? { note: answer.note } : {}),
    ...(by ? { by } : {}),
  });
  if (answer.kind === 'ask' && step.type === 'severity') {
    const sev = playbook.severities.find((s) => s.id === String(answer.value));
    if (sev && sev.id !== state.severity) {
      events.push({
        type: 'severity_changed',
        at: iso,
        severity: sev.id,
        title: sev.title,
        ...(state.severity ? { previous: state.severity } : {}),
        notify: sev.notify ?? [],
        ...(sev.update_every ? { update_every: sev.update_every } : {}),
      });
    }
  }
  if (answer.kind === 'ask' && endsIncident(step, answer.value)) {
    events.push({ type: 'false_alarm', at: iso, step: step.id });
    return events;
  }
  const after = preview(state, events);
  return [...events, ...completedPhases(playbook, after, iso)];
}

/** The events that mark the incident resolved (and close phases left with nothing to do). */
export function resolveIncident(playbook: Playbook, state: IncidentState, at: Date): NewEvent[] {
  if (state.state !== 'open') return [];
  const events: NewEvent[] = [{ type: 'resolved', at: at.toISOString() }];
  const after = preview(state, events);
  return [...events, ...completedPhases(playbook, after, at.toISOString())];
}

/** Checklist progress: applicable steps answered out of applicable steps. */
export function progress(playbook: Playbook, state: IncidentState): { done: number; total: number } {
  const plan = planSteps(playbook, state);
  return { done: plan.filter((p) => state.steps[p.step.id]).length, total: plan.length };
}

/**
 * Phase deadlines: the one place where a phase's deadline, when it was met
 * and where it stands are computed. The walkthrough header, `crisis status`
 * (text and JSON), the report's figures, its checklist and its Gantt chart
 * all read them from here, so they agree. Pure: `now` comes in.
 *
 * - A phase's deadline is detection + its `due`.
 * - A phase is met when its last step that needs an answer (every applicable
 *   step but `info` ones, and but an update never owed: the incident was
 *   resolved before one fell due) is answered: `met_at` is the time of the last of
 *   those answers in the log; the `phase_completed` the log holds for it (written then) is
 *   taken first.
 *   In a false alarm, the phase it was declared in is met when it was declared.
 * - Status: `met` (met on time), `missed` (met late, or never met by the end
 *   of a resolved incident), `overdue` (open incident, past due), `open`
 *   (not due yet), `not_applicable` (never met in a false alarm). A resolved
 *   incident's stand-down phase (walked after the resolution) is `open`
 *   until its deadline, then `missed`; it is never `overdue`.
 */
import type { Phase, Playbook } from '../playbook/schema.js';
import { durationMs } from '../playbook/duration.js';
import { isAfterResolution, planSteps } from './plan.js';
import type { IncidentState } from './state.js';
import { updateFellDue } from './update-clock.js';

export type DeadlineStatus = 'met' | 'missed' | 'open' | 'overdue' | 'not_applicable';

/** One phase and its deadline, as it stands. */
export interface PhaseDeadline {
  phase: string;
  title: string;
  /** Where the phase's bar starts: the latest end of an earlier phase before this one's end, else detection. */
  started_at: string;
  /** Detection + `due`; null for a phase without a deadline. */
  due_at: string | null;
  /** When its last step needing an answer was answered; null while it is not met. */
  met_at: string | null;
  /** Null for a phase without a deadline. */
  status: DeadlineStatus | null;
  /**
   * Milliseconds late (positive) or early (negative): met_at, else the end of
   * a resolved incident, else `now`, minus due_at. Null without a deadline
   * and for `not_applicable`.
   */
  late_ms: number | null;
  /** Where a chart draws the phase up to: met_at, else the end of the incident, else `now`. */
  until: string;
}

const t = (iso: string): number => new Date(iso).getTime();

/** A phase's deadline: detection + `due`, or undefined without `due`. */
export function phaseDueAt(phase: Pick<Phase, 'due'>, detectedAt: string): Date | undefined {
  const ms = phase.due ? durationMs(phase.due) : undefined;
  return ms === undefined ? undefined : new Date(t(detectedAt) + ms);
}

/** Whether something done at `at` meets a deadline `dueAt` (on the minute counts as met). */
export function meetsDeadline(at: Date | string, dueAt: Date | string): boolean {
  return new Date(at).getTime() <= new Date(dueAt).getTime();
}

/**
 * The answer that completed a phase: of its steps needing an answer (not
 * `info`), the one answered last in the log (an answers file may date an
 * earlier answer later: the log's order is the order things were done in).
 */
export function lastNeededAnswer<R extends { at: string; seq: number }>(steps: Array<{ kind: string; record: R | undefined }>): R | undefined {
  let last: R | undefined;
  for (const { kind, record } of steps) if (kind !== 'info' && record && (!last || record.seq > last.seq)) last = record;
  return last;
}

/** When each phase was met (its last step needing an answer answered), by phase id; absent while unmet. */
export function phasesMetAt(playbook: Playbook, state: IncidentState): Record<string, string> {
  const plan = planSteps(playbook, state);
  const met: Record<string, string> = {};
  // an update (`repeat: cadence`) is owed once one fell due while the incident was open; resolved
  // before that, the phase is met without it
  let updateOwed: boolean | undefined;
  const owed = () => (updateOwed ??= state.state !== 'resolved' || !state.endedAt || updateFellDue(playbook, state, new Date(state.endedAt)));
  for (const phase of playbook.phases) {
    const needing = plan.filter((p) => p.phase.id === phase.id && p.stepKind !== 'info' && !(p.step.repeat === 'cadence' && !state.steps[p.step.id] && !owed()));
    if (needing.length === 0) {
      const logged = state.phasesCompleted[phase.id];
      if (logged) met[phase.id] = logged;
      continue;
    }
    const all = needing.every((p) => state.steps[p.step.id]);
    const latest = all ? lastNeededAnswer(needing.map((p) => ({ kind: p.stepKind, record: state.steps[p.step.id] })))?.at : undefined;
    // the log's phase_completed was written when its last step was answered: it is the record
    const logged = state.phasesCompleted[phase.id];
    if (logged) met[phase.id] = logged;
    else if (latest) met[phase.id] = latest;
  }
  // a false alarm's question was answered: the phase it was declared in ends with it
  if (state.state === 'false-alarm' && state.endedAt) {
    const declared = playbook.phases.find((p) => !met[p.id]);
    if (declared) met[declared.id] = state.endedAt;
  }
  return met;
}

/** Every phase of the playbook with its deadline and where it stands at `now`. */
export function phaseDeadlines(playbook: Playbook, state: IncidentState, now: Date): PhaseDeadline[] {
  const metAt = phasesMetAt(playbook, state);
  const end = state.endedAt ?? now.toISOString();
  const result: PhaseDeadline[] = [];
  const earlier: string[] = [];
  for (const phase of playbook.phases) {
    const due = phaseDueAt(phase, state.detectedAt);
    const met = metAt[phase.id] ?? null;
    let status: DeadlineStatus | null = null;
    let late: number | null = null;
    // the stand-down phase is walked after the resolution: it is measured against now
    const after = state.state === 'resolved' && isAfterResolution(phase);
    if (due) {
      const reference = met ?? (after ? now.toISOString() : end);
      late = t(reference) - due.getTime();
      if (met) status = meetsDeadline(met, due) ? 'met' : 'missed';
      else if (after) status = late > 0 ? 'missed' : 'open';
      else if (state.state === 'resolved') status = 'missed';
      else if (state.state === 'false-alarm') {
        status = 'not_applicable';
        late = null;
      } else status = late > 0 ? 'overdue' : 'open';
    }
    // the latest end of an earlier phase that came before this one ended (phases may overlap)
    const until = met ?? end;
    const started = earlier.filter((e) => t(e) <= t(until)).reduce((a, b) => (t(b) > t(a) ? b : a), state.detectedAt);
    result.push({
      phase: phase.id,
      title: phase.title,
      started_at: started,
      due_at: due ? due.toISOString() : null,
      met_at: met,
      status,
      late_ms: late,
      until,
    });
    if (met) earlier.push(met);
  }
  return result;
}

/** The deadline of one phase, as `phaseDeadlines` gives it. */
export function phaseDeadline(playbook: Playbook, state: IncidentState, phaseId: string, now: Date): PhaseDeadline | undefined {
  return phaseDeadlines(playbook, state, now).find((d) => d.phase === phaseId);
}

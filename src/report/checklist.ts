/**
 * The checklist of an incident, from the playbook's `check` steps: what the
 * report's action plan is built from. Pure.
 */
import type { CheckStatus } from '../incident/events.js';
import { planSteps } from '../incident/plan.js';
import type { IncidentState } from '../incident/state.js';
import { phaseDueAt } from '../incident/deadlines.js';
import type { Playbook } from '../playbook/schema.js';

export type ChecklistStatus = CheckStatus | 'not_done';

export interface ChecklistItem {
  step: string;
  phase: string;
  text: string;
  /** Role id of the owner, if the step names one. */
  owner: string | null;
  /** The phase's deadline (detection + due), if any. */
  due_at: string | null;
  /**
   * done / skipped / na as answered; `na` too for a step whose `when` did not
   * hold (or that a `goto` jumped over), and for every unanswered step of a
   * false alarm; `not_done` otherwise.
   */
  status: ChecklistStatus;
  at: string | null;
  note: string | null;
}

/** Every check step of the playbook, in order, with where it stands. */
export function checklist(playbook: Playbook, state: IncidentState): ChecklistItem[] {
  const applicable = new Set(planSteps(playbook, state).map((p) => p.step.id));
  const items: ChecklistItem[] = [];
  for (const phase of playbook.phases) {
    const dueAt = phaseDueAt(phase, state.detectedAt)?.toISOString() ?? null;
    for (const step of phase.steps) {
      if (step.check === undefined) continue;
      const record = state.steps[step.id];
      let status: ChecklistStatus;
      if (record?.status) status = record.status;
      else if (!applicable.has(step.id) || state.state === 'false-alarm') status = 'na';
      else status = 'not_done';
      items.push({
        step: step.id,
        phase: phase.id,
        text: step.check,
        owner: step.owner ?? null,
        due_at: dueAt,
        status,
        at: record?.at ?? null,
        note: record?.note ?? null,
      });
    }
  }
  return items;
}

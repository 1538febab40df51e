/**
 * Which steps of a playbook apply to an incident, in walking order. Pure.
 */
import type { Phase, Playbook, Step, Condition } from '../playbook/schema.js';
import { phaseStage, stepKind } from '../playbook/kinds.js';
import type { IncidentState } from './state.js';

export interface PlannedStep {
  step: Step;
  phase: Phase;
  stepKind: ReturnType<typeof stepKind>;
  /** 1-based position among the applicable steps. */
  index: number;
  /** Whether the step can be offered only after the incident is resolved. */
  afterResolution: boolean;
}

/** The phases walked only once the incident is resolved: the one whose stage is `resolve`. */
export function isAfterResolution(phase: Phase): boolean {
  return phaseStage(phase) === 'resolve';
}

/** Values a condition key currently has: a save_as answer, or `severity`. */
export function conditionValues(playbook: Playbook, state: IncidentState, key: string): unknown[] | undefined {
  if (key === 'severity') return state.severity === undefined ? undefined : [state.severity];
  for (const phase of playbook.phases) {
    for (const step of phase.steps) {
      if (step.save_as !== key) continue;
      const record = state.steps[step.id];
      if (!record || record.value === undefined) return undefined;
      return Array.isArray(record.value) ? record.value : [record.value];
    }
  }
  return undefined;
}

/** A step's `when` holds if every entry matches (for a list answer: any overlap). Unknown answers do not match. */
export function conditionHolds(playbook: Playbook, state: IncidentState, when: Condition | undefined): boolean {
  if (!when) return true;
  for (const [key, expected] of Object.entries(when)) {
    const actual = conditionValues(playbook, state, key);
    if (actual === undefined) return false;
    const wanted = (Array.isArray(expected) ? expected : [expected]).map(normalise);
    if (!actual.map(normalise).some((v) => wanted.includes(v))) return false;
  }
  return true;
}

function normalise(v: unknown): string {
  if (v === true) return 'yes';
  if (v === false) return 'no';
  return String(v);
}

/**
 * The applicable steps, in order: `when` conditions hold and no `on_no: goto`
 * jumped over them. Steps answered before a condition changed stay in the plan.
 */
export function planSteps(playbook: Playbook, state: IncidentState): PlannedStep[] {
  const plan: PlannedStep[] = [];
  let jumpTo: string | undefined;
  for (const phase of playbook.phases) {
    const after = isAfterResolution(phase);
    for (const step of phase.steps) {
      if (jumpTo !== undefined) {
        if (step.id !== jumpTo) continue;
        jumpTo = undefined;
      }
      const answered = state.steps[step.id] !== undefined;
      if (!answered && !conditionHolds(playbook, state, step.when)) continue;
      plan.push({ step, phase, stepKind: stepKind(step), index: plan.length + 1, afterResolution: after });
      const record = state.steps[step.id];
      if (record && step.on_no && 'goto' in step.on_no && record.value === false) jumpTo = step.on_no.goto;
    }
  }
  return plan;
}

/** Whether this answer to the step ends the incident (a confirm question whose `on_no` ends it, answered no). */
export function endsIncident(step: Step, value: unknown): boolean {
  return step.type === 'confirm' && value === false && step.on_no !== undefined && 'end' in step.on_no;
}

/** Every step of the playbook with its phase, in file order. */
export function allSteps(playbook: Playbook): Array<{ step: Step; phase: Phase }> {
  return playbook.phases.flatMap((phase) => phase.steps.map((step) => ({ step, phase })));
}

/** Finds a step by id. */
export function findStep(playbook: Playbook, id: string): { step: Step; phase: Phase } | undefined {
  return allSteps(playbook).find((s) => s.step.id === id);
}

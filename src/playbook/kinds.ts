/**
 * The kinds of steps and the types of questions, without zod: the incident
 * commands need them on every run, and loading the schema (zod) for them
 * would cost each command more than its own work.
 */
import type { Phase, Playbook, Role, Step } from './schema.js';

export const STEP_KINDS = ['check', 'ask', 'announce', 'info'] as const;
export type StepKind = (typeof STEP_KINDS)[number];
export const QUESTION_TYPES = ['confirm', 'choice', 'multi', 'text', 'number', 'datetime', 'severity'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** The kind of a step: the one kind key it carries. */
export function stepKind(step: Step): StepKind {
  for (const k of STEP_KINDS) if (step[k] !== undefined) return k;
  return 'info';
}

/** What a phase is for; the software knows a phase by its stage, never by its id. */
export const STAGES = ['confirm', 'assess', 'communicate', 'redirect', 'monitor', 'resolve'] as const;
export type Stage = (typeof STAGES)[number];

/** A phase's stage: its `stage` key, else its id when the id is one of the six stage names. */
export function phaseStage(phase: Pick<Phase, 'id' | 'stage'>): Stage | undefined {
  if (phase.stage !== undefined) return phase.stage;
  return (STAGES as readonly string[]).includes(phase.id) ? (phase.id as Stage) : undefined;
}

/** The phase of a playbook that has the given stage (at most one has it). */
export function stagePhase(playbook: Pick<Playbook, 'phases'>, stage: Stage): Phase | undefined {
  return playbook.phases.find((p) => phaseStage(p) === stage);
}

/** The lead role's id: the role with `lead: true`, else a role whose id is `lead`. */
export function leadRoleId(playbook: { roles: Record<string, Role> }): string | undefined {
  const marked = Object.entries(playbook.roles).find(([, r]) => r.lead === true);
  if (marked) return marked[0];
  return Object.hasOwn(playbook.roles, 'lead') ? 'lead' : undefined;
}

/** The words a step shows: its check, question or advice, else its message's title, else its id. */
export function stepTitle(playbook: Pick<Playbook, 'messages'>, step: Step): string {
  return step.check ?? step.ask ?? step.info ?? playbook.messages?.[step.announce ?? '']?.title ?? step.announce ?? step.id;
}

/**
 * Whether a message's texts print its news line (`{{whats_new}}`, or test it):
 * otherwise a line given for it would appear nowhere.
 */
export function printsNews(playbook: Pick<Playbook, 'messages'>, messageId: string): boolean {
  const channels = playbook.messages?.[messageId]?.channels ?? {};
  return Object.values(channels).some((t) => /\bwhats_new\b/.test(typeof t === 'string' ? t : `${t.subject}\n${t.body}`));
}

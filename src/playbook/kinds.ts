/**
 * The kinds of steps and the types of questions, without zod: the incident
 * commands need them on every run, and loading the schema (zod) for them
 * would cost each command more than its own work.
 */
import type { Step } from './schema.js';

export const STEP_KINDS = ['check', 'ask', 'announce', 'info'] as const;
export type StepKind = (typeof STEP_KINDS)[number];
export const QUESTION_TYPES = ['confirm', 'choice', 'multi', 'text', 'number', 'datetime', 'severity'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** The kind of a step: the one kind key it carries. */
export function stepKind(step: Step): StepKind {
  for (const k of STEP_KINDS) if (step[k] !== undefined) return k;
  return 'info';
}

/**
 * One small interface for answering a walkthrough, whoever answers: the
 * answers file, a person at a terminal, or both (file first, then the
 * person for what the file leaves out).
 */
import type { Phase, Role, Step, Variable } from '../playbook/schema.js';
import type { Answer } from './engine.js';
import type { Reminders } from '../ui/reminders.js';

/** A step put to the operator, with everything already rendered for display. */
export interface StepQuestion {
  step: Step;
  phase: Phase;
  /** Option values with their rendered labels (choice, multi, severity). */
  options?: Array<{ value: string; label: string }>;
  /** announce: the channels offered, in order. */
  channels?: string[];
  /** announce: each channel's label, by id. */
  channelLabels?: Record<string, string>;
  /** announce: each channel's text as pasted, in the order of `channels` (for the copy keys). */
  texts?: Array<{ label: string; text: string; subject?: string }>;
  /** announce: the channels whose text is over their limit, with its length against it ("282/280"). */
  overLimit?: Record<string, string>;
  /** A repeat of a `repeat: cadence` message. */
  repeat: boolean;
  /** The incident's zone: a time typed without an offset is its wall clock. */
  timeZone?: string;
}

export interface TimedAnswer {
  answer: Answer;
  /** When it happened, if not now. */
  at?: Date;
  /** An update's news line (`{{whats_new}}`), given with the answer (answers file). */
  whatsNew?: string;
}

/** What a live operator may do once every step before resolution is done. */
export type WaitingChoice = 'update' | 'resolve' | 'note' | 'quit';

/** What closes an incident and so needs a confirmation from a person. */
export type EndingAction = 'resolve' | 'false-alarm';

export interface Prompter {
  /** The answer to a step, or undefined when this prompter has none. */
  answer(question: StepQuestion): Promise<TimedAnswer | undefined>;
  /** A variable's value, or undefined when this prompter has none. */
  variable(name: string, variable: Variable): Promise<string | undefined>;
  /**
   * Who holds a role (the incident lead), asked once at the start of a live
   * run; '' when left empty. Only live prompters ask.
   */
  person?(roleId: string, role: Role): Promise<string | undefined>;
  /** Only live prompters offer this; scripted ones return undefined. */
  waiting?(nextUpdateDueAt: Date | undefined, reminders?: Reminders): Promise<WaitingChoice | undefined>;
  /**
   * A person's yes before what ends or closes the incident (only live
   * prompters ask; no answer means no). The answer a prompter gives that would
   * end the incident is confirmed by that prompter itself, inside `answer`.
   */
  confirmEnd?(what: EndingAction): Promise<boolean | undefined>;
  /** A free-text note (for the waiting menu). */
  note?(): Promise<string | undefined>;
  /** Extra answers for a repeated step, consumed after its first answer (scripted runs). */
  repeats?(stepId: string): TimedAnswer[];
  /** Whether this prompter holds the first answer of a step (scripted runs). */
  has?(stepId: string): boolean;
  /** An update's optional one-line "what's new" (live prompters ask it before the texts are shown). */
  whatsNew?(question: StepQuestion): Promise<string | undefined>;
}

/** Asks each prompter in turn; the first with an answer wins. */
export function chainPrompters(...prompters: Prompter[]): Prompter {
  return {
    async answer(q) {
      for (const p of prompters) {
        const a = await p.answer(q);
        if (a) return a;
      }
      return undefined;
    },
    async variable(name, v) {
      for (const p of prompters) {
        const a = await p.variable(name, v);
        if (a !== undefined) return a;
      }
      return undefined;
    },
    async person(roleId, role) {
      for (const p of prompters) {
        const a = await p.person?.(roleId, role);
        if (a !== undefined) return a;
      }
      return undefined;
    },
    async waiting(due, reminders) {
      for (const p of prompters) {
        const a = await p.waiting?.(due, reminders);
        if (a) return a;
      }
      return undefined;
    },
    async confirmEnd(what) {
      for (const p of prompters) {
        const a = await p.confirmEnd?.(what);
        if (a !== undefined) return a;
      }
      return undefined;
    },
    async note() {
      for (const p of prompters) {
        const a = await p.note?.();
        if (a !== undefined) return a;
      }
      return undefined;
    },
    repeats(stepId) {
      return prompters.flatMap((p) => p.repeats?.(stepId) ?? []);
    },
    has(stepId) {
      return prompters.some((p) => p.has?.(stepId) ?? false);
    },
    async whatsNew(q) {
      for (const p of prompters) {
        const a = await p.whatsNew?.(q);
        if (a !== undefined) return a;
      }
      return undefined;
    },
  };
}

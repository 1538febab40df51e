/**
 * Turning what the log records into what a reader should see: answers with
 * their option labels, role ids with the people behind them.
 */
import type { AnswerValue } from '../incident/events.js';
import { answerLabeller, viewInput } from '../messages/view.js';
import type { IncidentState } from '../incident/state.js';
import type { Phase, Playbook, Step } from '../playbook/schema.js';
import type { ReportLocale } from './labels.js';
import { showNumber } from '../playbook/formats.js';

/** A step of the playbook with its phase. */
export interface StepRef {
  step: Step;
  phase: Phase;
}

/** Every step by id. */
export function stepIndex(playbook: Playbook): Map<string, StepRef> {
  const index = new Map<string, StepRef>();
  for (const phase of playbook.phases) for (const step of phase.steps) index.set(step.id, { step, phase });
  return index;
}

/** The text a step shows: its check, question, message title or advice. */
export function stepText(playbook: Playbook, step: Step): string {
  if (step.check !== undefined) return step.check;
  if (step.ask !== undefined) return step.ask;
  if (step.announce !== undefined) return playbook.messages?.[step.announce]?.title ?? step.announce;
  return step.info ?? step.id;
}

/** The title of a message, else its id. */
export function messageTitle(playbook: Playbook, id: string): string {
  return playbook.messages?.[id]?.title ?? id;
}

/**
 * An answer as words: yes/no for confirmations, option labels for choices
 * (rendered with the incident's variables), severity titles, dates in the
 * report's locale, numbers the language's way (`1 400`, `1,400`); lists
 * joined with commas.
 */
export function answerText(
  value: AnswerValue,
  step: Step | undefined,
  playbook: Playbook,
  state: IncidentState,
  locale: ReportLocale,
): string {
  // the labels of one answer's options see the same incident: built once, when a label needs it
  const label = step?.options ? answerLabeller(playbook, () => viewInput(playbook, state, new Date(state.lastAt)), step) : undefined;
  const one = (v: string | number | boolean): string => {
    if (typeof v === 'boolean') return v ? locale.words.yes : locale.words.no;
    if (step?.type === 'severity') return playbook.severities.find((s) => s.id === String(v))?.title ?? String(v);
    if (step?.type === 'datetime' && typeof v === 'string' && !Number.isNaN(Date.parse(v))) return locale.dateTime(v);
    if (label) return label(String(v));
    if (typeof v === 'number') return showNumber(v, locale.lang);
    return String(v);
  };
  return Array.isArray(value) ? value.map(one).join(', ') : one(value);
}

/**
 * Who: a role id becomes the person named for it, else the role's title; a
 * name stays a name. Undefined when nothing is known.
 */
export function personFor(who: string | undefined, playbook: Playbook, state: IncidentState): string | undefined {
  if (!who) return undefined;
  const role = playbook.roles[who];
  if (!role) return who;
  return state.people[who] ?? role.title;
}

/** `Community manager (Karim)`, or the title alone when nobody was named. */
export function ownerText(roleId: string | undefined, playbook: Playbook, state: IncidentState): string {
  if (!roleId) return '';
  const role = playbook.roles[roleId];
  const person = state.people[roleId];
  if (!role) return person ?? roleId;
  return person ? `${role.title} (${person})` : role.title;
}

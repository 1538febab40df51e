/**
 * A playbook's texts as its readers expect them: French spacing (a no-break
 * space before `:` `;` `!` `?`, inside « ») on everything the operator and the
 * report show, so that the terminal never wraps a mark alone onto the next
 * line and the report reads like the program's own words. Applied once, when
 * the playbook is loaded; ids, values, conditions, links and message
 * templates are left as written (messages are set when rendered).
 */
import { isFrench, typeset } from '../messages/typography.js';
import type { Playbook } from './schema.js';

/** The playbook with its shown texts set for its language (the same object when nothing changes). */
export function typesetPlaybook(playbook: Playbook): Playbook {
  if (!isFrench(playbook.lang)) return playbook;
  const t = (text: string): string => typeset(text, playbook.lang);
  const set = <T extends object>(object: T, key: keyof T & string) => {
    const value = (object as Record<string, unknown>)[key];
    if (typeof value === 'string') (object as Record<string, unknown>)[key] = t(value);
  };
  const copy = structuredClone(playbook);
  for (const key of ['title', 'summary', 'platform'] as const) set(copy, key);
  if (copy.follow_up) copy.follow_up = copy.follow_up.map(t);
  for (const variable of Object.values(copy.variables ?? {})) set(variable, 'prompt');
  for (const role of Object.values(copy.roles)) {
    set(role, 'title');
    if (role.duties) role.duties = role.duties.map(t);
  }
  for (const severity of copy.severities) {
    set(severity, 'title');
    set(severity, 'when');
  }
  for (const channel of Object.values(copy.channels ?? {})) set(channel, 'label');
  for (const message of Object.values(copy.messages ?? {})) set(message, 'title');
  for (const phase of copy.phases) {
    set(phase, 'title');
    set(phase, 'goal');
    for (const step of phase.steps) {
      for (const key of ['check', 'ask', 'info'] as const) set(step, key);
      // a string option is its own value (answers files and conditions name it): only labels change
      if (step.options) step.options = step.options.map((o) => (typeof o === 'string' ? o : { ...o, label: t(o.label) }));
    }
  }
  return copy;
}

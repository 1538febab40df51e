/** The answers file as a prompter: it answers what it holds and nothing else. */
import type { AnswersFile } from './answers.js';
import { normaliseValue } from '../playbook/formats.js';
import type { Prompter, TimedAnswer } from './prompter.js';

export function scriptedPrompter(file: AnswersFile): Prompter {
  return {
    async answer(q) {
      if (q.repeat) return undefined;
      const first = file.steps.get(q.step.id)?.[0];
      if (first) return first;
      // `severity: major` at the top answers the severity question
      if (q.step.type === 'severity' && file.severity) return { answer: { kind: 'ask', value: file.severity } };
      return undefined;
    },
    async variable(name, variable) {
      const value = file.variables[name];
      return value === undefined ? undefined : (normaliseValue(variable.format, value) ?? value);
    },
    has(stepId) {
      return file.steps.has(stepId);
    },
    repeats(stepId): TimedAnswer[] {
      return (file.steps.get(stepId) ?? []).slice(1);
    },
  };
}

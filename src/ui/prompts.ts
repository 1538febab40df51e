/**
 * The terminal prompter: every inquirer call sits here, and Ctrl-C is turned
 * into one `Interrupted` error once, for the command to say how to resume.
 */
import type { Variable } from '../playbook/schema.js';
import type { Prompter, StepQuestion, TimedAnswer, WaitingChoice } from '../incident/prompter.js';
import { ExitCode, UserError } from '../errors.js';
import { parseDate } from '../incident/answers.js';
import { wordsFor } from './i18n.js';

/** The operator pressed Ctrl-C at a prompt. */
export class Interrupted extends UserError {
  constructor() {
    super('interrupted', { exitCode: ExitCode.Interrupted });
  }
}

async function guard<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) throw new Interrupted();
    throw error;
  }
}

const FORMAT_CHECK: Record<string, (v: string) => boolean> = {
  email: (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
  url: (v) => /^https?:\/\/\S+$/.test(v),
  phone: (v) => /^\+?[0-9 ().-]{6,}$/.test(v),
};

/** Checks a variable value against its `format`; returns what is wrong, if anything. */
export function checkFormat(variable: Variable, value: string): string | undefined {
  const check = variable.format ? FORMAT_CHECK[variable.format] : undefined;
  if (!check || check(value)) return undefined;
  return `expected ${variable.format === 'email' ? 'an e-mail address' : variable.format === 'url' ? 'a URL starting with https://' : 'a phone number'}`;
}

/** Asks on the terminal. `lang` picks the words of the prompts themselves. */
export function terminalPrompter(lang: string): Prompter {
  const w = wordsFor(lang);
  const prompts = () => import('@inquirer/prompts');
  return {
    async answer(q: StepQuestion): Promise<TimedAnswer> {
      const p = await prompts();
      const { step } = q;
      if (step.check !== undefined) {
        const choice = await guard(() =>
          p.select({
            message: step.check ?? '',
            choices: [
              { name: w.done, value: 'done' },
              { name: w.doneNote, value: 'note' },
              { name: w.skipped, value: 'skipped' },
              { name: w.na, value: 'na' },
            ],
          }),
        );
        if (choice === 'note') {
          const note = await guard(() => p.input({ message: `${w.note}${w.colon.trimEnd()}` }));
          return { answer: { kind: 'check', status: 'done', ...(note.trim() ? { note: note.trim() } : {}) } };
        }
        return { answer: { kind: 'check', status: choice as 'done' | 'skipped' | 'na' } };
      }
      if (step.announce !== undefined) {
        const channels = q.channels ?? [];
        const posted = await guard(() =>
          p.checkbox({ message: w.postedOn, choices: channels.map((c) => ({ name: q.channelLabels?.[c] ?? c, value: c, checked: true })) }),
        );
        return { answer: { kind: 'announce', posted } };
      }
      const message = step.ask ?? '';
      switch (step.type) {
        case 'confirm':
          return { answer: { kind: 'ask', value: await guard(() => p.confirm({ message })) } };
        case 'choice':
        case 'severity':
          return {
            answer: {
              kind: 'ask',
              value: await guard(() => p.select({ message, choices: (q.options ?? []).map((o) => ({ name: o.label, value: o.value })) })),
            },
          };
        case 'multi':
          return {
            answer: {
              kind: 'ask',
              // an answer kept for templates (save_as) must not be empty: it would print as nothing in a public post
              value: await guard(() =>
                p.checkbox({ message, required: Boolean(step.save_as), choices: (q.options ?? []).map((o) => ({ name: o.label, value: o.value })) }),
              ),
            },
          };
        case 'number': {
          const n = await guard(() => p.number({ message, required: true }));
          return { answer: { kind: 'ask', value: n ?? 0 } };
        }
        case 'datetime': {
          const text = await guard(() =>
            p.input({
              message: `${message} (2026-11-21T09:05+01:00)`,
              default: new Date().toISOString(),
              validate: (v) => (parseDate(v) ? true : 'ISO 8601, e.g. 2026-11-21T09:05:00+01:00'),
            }),
          );
          return { answer: { kind: 'ask', value: (parseDate(text) as Date).toISOString() } };
        }
        default: {
          const text = await guard(() => p.input({ message, required: true }));
          return { answer: { kind: 'ask', value: text.trim() } };
        }
      }
    },
    async variable(name, variable) {
      const p = await prompts();
      const value = await guard(() =>
        p.input({
          message: `${variable.prompt}${variable.required ? ` (${w.required})` : ''}`,
          ...(variable.default !== undefined ? { default: String(variable.default) } : {}),
          required: Boolean(variable.required),
          validate: (v) => (v.trim() === '' ? true : (checkFormat(variable, v.trim()) ?? true)),
        }),
      );
      // '' means asked and left empty: not asked again on resume
      return value.trim();
    },
    async waiting(): Promise<WaitingChoice> {
      const p = await prompts();
      return guard(() =>
        p.select<WaitingChoice>({
          message: w.waitingTitle,
          choices: [
            { name: w.postUpdate, value: 'update' },
            { name: w.resolveNow, value: 'resolve' },
            { name: w.addNote, value: 'note' },
            { name: w.quit, value: 'quit' },
          ],
        }),
      );
    },
    async note() {
      const p = await prompts();
      const text = await guard(() => p.input({ message: `${w.note}${w.colon.trimEnd()}` }));
      return text.trim() || undefined;
    },
  };
}

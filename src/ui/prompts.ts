/**
 * The terminal prompter: every inquirer call sits here, and Ctrl-C is turned
 * into one `Interrupted` error once, for the command to say how to resume.
 */
import type { Variable } from '../playbook/schema.js';
import { normaliseValue, parseNumber, showNumber } from '../playbook/formats.js';
import type { EndingAction, Prompter, StepQuestion, TimedAnswer, WaitingChoice } from '../incident/prompter.js';
import { ExitCode, UserError } from '../errors.js';
import { parseDate } from '../incident/dates.js';
import { formatInZone, systemTimeZone } from '../zone.js';
import { endsIncident } from '../incident/plan.js';
import { phaseStage } from '../playbook/kinds.js';
import { catalogueFor, wordsFor, type Words, fill } from '../i18n/index.js';
import type { OutputStream } from '../context.js';
import { forTerminal } from './sanitize.js';
import { clock } from './time.js';
import { durationInWords } from '../playbook/duration.js';
import { fittedChoice, hanging, promptTheme } from './prompt-layout.js';
import { terminalWidth } from './format.js';

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

type FormatWords = Pick<Words, 'expectedEmail' | 'expectedUrl' | 'expectedPhone'>;

/** Checks a variable value against its `format`; returns what is wrong, if anything, in the words `w`. */
export function checkFormat(variable: Variable, value: string, w: FormatWords): string | undefined {
  if (normaliseValue(variable.format, value) !== undefined) return undefined;
  return variable.format === 'email' ? w.expectedEmail : variable.format === 'url' ? w.expectedUrl : w.expectedPhone;
}

/** Why a number prompt refuses `text` read in `lang` (see parseNumber), saying what to type, or true. */
export function checkNumber(text: string, lang: string, w: Pick<Words, 'numberRequired' | 'numberAsTyped'>): true | string {
  if (text.trim() === '') return w.numberRequired;
  return parseNumber(text, lang) === undefined ? w.numberAsTyped : true;
}

/**
 * What an input prompt shows once answered: the value as it is kept, not as
 * it was typed, in the prompt theme's answer style (inquirer leaves a
 * transformed answer unstyled, and so unplaced).
 */
function showKept(show: (typed: string) => string | undefined, theme: { style: { answer: (text: string) => string } }) {
  return (typed: string, { isFinal }: { isFinal: boolean }) => (isFinal ? theme.style.answer(show(typed) ?? typed) : typed);
}

/** Where inquirer reads keys and draws (default: the process's terminal). */
export type PromptContext = Parameters<typeof import('@inquirer/prompts').input>[1];

/**
 * The waiting menu's choices ([label, value]), once every step before the
 * resolution is done: posting an update stays possible before it is due.
 */
export function waitingChoices(w: Words): Array<readonly [string, WaitingChoice]> {
  return [
    [w.postUpdate, 'update'],
    [w.resolveNow, 'resolve'],
    [w.addNote, 'note'],
    [w.quit, 'quit'],
  ];
}

/**
 * Asks on the terminal. `lang` picks the words of the prompts themselves,
 * inquirer's included: every refusal is checked here, so none falls back on
 * inquirer's English. `context` (streams) lets tests type into the real prompts.
 */
export function terminalPrompter(lang: string, context?: PromptContext, options: { now?: () => Date } = {}): Prompter {
  const w = wordsFor(lang);
  const output = (context?.output as OutputStream | undefined) ?? process.stdout;
  // read at each prompt: the terminal may have been resized; inquirer itself counts 80 columns when it cannot tell
  const width = () => terminalWidth(output as { isTTY?: boolean; columns?: number }) ?? 80;
  const theme = () => promptTheme(w, width());
  /** A list's choices, each label on lines under its start (`indent`: the cursor and box before it); the answer shows it whole. */
  const listed = <T>(choices: ReadonlyArray<readonly [string, T]>, indent: number) =>
    choices.map(([name, value]) => ({ name: fittedChoice(name, width(), indent), short: name, value }));
  const prompts = () => import('./inquirer.js');
  /** One of `choices` ([label, value]), with our key help. */
  const choose = async <T extends string>(message: string, choices: ReadonlyArray<readonly [string, T]>): Promise<T> => {
    const p = await prompts();
    return guard(() => p.select<T>({ message, choices: listed(choices, 2), theme: theme() }, context));
  };
  /**
   * Yes or no, typed: with no `fallback`, Enter alone answers nothing (a yes
   * that changes the facts is never one keystroke away); with one, Enter takes it.
   */
  const yesNo = async (message: string, fallback?: boolean): Promise<boolean> => {
    const p = await prompts();
    const words = { yes: w.yes, no: w.no, needed: w.yesNoNeeded, unknown: w.yesOrNo };
    return guard(() => p.yesNo({ message, words, theme: theme(), ...(fallback === undefined ? {} : { default: fallback }) }, context));
  };
  /** Yes or no before what ends the incident; no is the default. */
  const confirmEnd = async (what: EndingAction): Promise<boolean> => yesNo(what === 'resolve' ? w.confirmResolve : w.confirmFalseAlarm, false);
  /** The copy keys under the announcement blocks, until Enter. */
  const offerCopies = async (texts: NonNullable<StepQuestion['texts']>) => {
    const [{ copyKeys }, { copyChannelText }] = await Promise.all([import('./copy-prompt.js'), import('./copy.js')]);
    const c = catalogueFor(lang).copy;
    const keys = texts.length === 1 ? '1' : `1–${Math.min(9, texts.length)}`;
    // the copy path marks its sequence as the program's own; this stream is the terminal itself
    const terminal: OutputStream = { isTTY: Boolean(output.isTTY), write: (text) => output.write(forTerminal(text)) };
    await guard(() =>
      copyKeys(
        {
          message: fill(c.keysPrompt, keys),
          theme: theme(),
          count: texts.length,
          copy: async (i) => hanging(await copyChannelText({ env: process.env, stdout: terminal, stderr: process.stderr }, texts[i] as (typeof texts)[number], lang, [terminal]), width()),
        },
        context,
      ),
    );
  };
  return {
    async answer(q: StepQuestion): Promise<TimedAnswer> {
      const p = await prompts();
      const { step } = q;
      // an info step is read on the screen, not answered
      if (step.info !== undefined) return { answer: { kind: 'info' } };
      if (step.check !== undefined) {
        const choice = await choose(step.check, [
          [w.done, 'done'],
          [w.doneNote, 'note'],
          [w.skipped, 'skipped'],
          [w.na, 'na'],
        ] as const);
        if (choice === 'note') {
          const note = await guard(() => p.input({ theme: theme(), message: `${w.note}${w.colon.trimEnd()}` }, context));
          return { answer: { kind: 'check', status: 'done', ...(note.trim() ? { note: note.trim() } : {}) } };
        }
        return { answer: { kind: 'check', status: choice as 'done' | 'skipped' | 'na' } };
      }
      if (step.announce !== undefined) {
        const channels = q.channels ?? [];
        if (q.texts?.length) await offerCopies(q.texts);
        const label = (c: string) => q.channelLabels?.[c] ?? c;
        // nothing ticked: Enter alone records no post that did not happen
        const ticked = await guard(() =>
          p.checkbox(
            {
              message: w.postedOn,
              choices: listed(
                channels.map((c) => [q.overLimit?.[c] ? `${label(c)} (${w.overLimitTag}${w.colon}${q.overLimit[c]})` : label(c), c] as const),
                3,
              ).map((choice) => ({ ...choice, checked: false })),
              theme: theme(),
            },
            context,
          ),
        );
        const posted: string[] = [];
        const postedAnyway: string[] = [];
        for (const c of ticked) {
          if (!q.overLimit?.[c]) posted.push(c);
          else if (await yesNo(fill(w.postAnyway, label(c)), false)) {
            posted.push(c);
            postedAnyway.push(c);
          }
        }
        return { answer: { kind: 'announce', posted, ...(postedAnyway.length ? { postedAnyway } : {}) } };
      }
      const message = step.ask ?? '';
      switch (step.type) {
        case 'confirm':
          for (;;) {
            const value = await yesNo(message);
            // a no that ends the incident is asked twice, the second time with no as the default: Enter alone never ends it
            if (!endsIncident(step, value) || (await confirmEnd('false-alarm'))) return { answer: { kind: 'ask', value } };
          }
        case 'choice':
        case 'severity':
          return { answer: { kind: 'ask', value: await choose(message, (q.options ?? []).map((o) => [o.label, o.value] as const)) } };
        case 'multi':
          return {
            answer: {
              kind: 'ask',
              // an answer kept for templates (save_as) must not be empty: it would print as nothing in a public post
              value: await guard(() =>
                p.checkbox(
                  {
                    message,
                    choices: listed((q.options ?? []).map((o) => [o.label, o.value] as const), 3),
                    validate: (chosen) => (chosen.length > 0 || !step.save_as ? true : w.oneOrMore),
                    theme: theme(),
                  },
                  context,
                ),
              ),
            },
          };
        case 'number': {
          // inquirer's number prompt refuses "1 400" and "1,5": a text prompt read in the playbook's language instead
          const read = (v: string) => parseNumber(v, lang);
          const numberTheme = theme();
          const transformer = showKept((v) => {
            const n = read(v);
            return n === undefined ? undefined : showNumber(n, lang);
          }, numberTheme);
          const text = await guard(() => p.input({ theme: numberTheme, message, validate: (v) => checkNumber(v, lang, w), transformer }, context));
          return { answer: { kind: 'ask', value: read(text) as number } };
        }
        case 'datetime': {
          // typed and offered as the incident's wall clock: now there is the default, a bare time is today there
          const zone = q.timeZone ?? systemTimeZone();
          const now = options.now ?? (() => new Date());
          const read = (v: string) => parseDate(v, zone, now());
          const text = await guard(() =>
            p.input(
              {
                theme: theme(),
                message,
                default: formatInZone(now(), 'yyyy-MM-dd HH:mm', zone),
                validate: (v) => (read(v) ? true : fill(w.dateFormat, zone)),
              },
              context,
            ),
          );
          return { answer: { kind: 'ask', value: (read(text) as Date).toISOString() } };
        }
        default: {
          // after the incident (the stand-down), a question for the post-mortem may be left for it: the report keeps lines to fill in
          const later = phaseStage(q.phase) === 'resolve';
          const text = await guard(() =>
            p.input({ theme: theme(), message: later ? `${message} ${w.leaveForReport}` : message, validate: (v) => (v.trim() || later ? true : w.valueRequired) }, context),
          );
          return { answer: { kind: 'ask', value: text.trim() } };
        }
      }
    },
    async variable(name, variable) {
      const p = await prompts();
      const variableTheme = theme();
      const value = await guard(() =>
        p.input(
          {
            theme: variableTheme,
            message: `${variable.prompt}${variable.required ? ` (${w.required})` : ''}`,
            ...(variable.default !== undefined ? { default: String(variable.default) } : {}),
            validate: (v) => {
              if (v === '') return variable.required ? w.valueRequired : true;
              return v.trim() === '' ? true : (checkFormat(variable, v.trim(), w) ?? true);
            },
            transformer: showKept((v) => normaliseValue(variable.format, v), variableTheme),
          },
          context,
        ),
      );
      // '' means asked and left empty: not asked again on resume
      return value.trim() === '' ? '' : (normaliseValue(variable.format, value) ?? value.trim());
    },
    async person(_roleId, role) {
      const p = await prompts();
      const value = await guard(() => p.input({ theme: theme(), message: fill(w.whoHolds, role.title) }, context));
      return value.trim();
    },
    async waiting(_due, reminders): Promise<WaitingChoice> {
      const [{ waitingMenu }, { notifyDesktop }] = await Promise.all([import('./waiting-prompt.js'), import('./reminders.js')]);
      const c = catalogueFor(lang).clock;
      const r = reminders ?? {};
      const now = options.now ?? (() => new Date());
      const locale = catalogueFor(lang).dateLocale;
      const at = (d: Date, ref: Date) => clock(d, ref, locale, r.timeZone);
      const span = (ms: number) => durationInWords(ms / 60_000, w.lang);
      return guard(() =>
        waitingMenu(
          {
            message: w.waitingTitle,
            theme: theme(),
            labels: Object.fromEntries(waitingChoices(w).map(([label, value]) => [value, label])) as Record<WaitingChoice, string>,
            canUpdate: r.canUpdate ?? true,
            reminders: r,
            now,
            describe: (t) => {
              const lines: string[] = [];
              if (r.nextUpdateAt) {
                const ms = r.nextUpdateAt.getTime() - t.getTime();
                lines.push(ms > 0 ? fill(c.updateIn, span(ms), at(r.nextUpdateAt, t)) : fill(c.updateDue, span(-ms)));
              }
              if (r.deadline) {
                const ms = r.deadline.dueAt.getTime() - t.getTime();
                lines.push(ms > 0 ? fill(c.deadlineIn, r.deadline.title, span(ms), at(r.deadline.dueAt, t)) : fill(c.deadlineLate, r.deadline.title, span(-ms)));
              }
              // under the question, two columns in
              return lines.map((l) => fittedChoice(l, width(), 2));
            },
            alert: (reason) => {
              // the bell goes to the terminal itself, as the prompt does
              output.write('\u0007');
              const body = reason === 'update' ? c.updateDueTitle : fill(c.deadlineNearTitle, r.deadline?.title ?? '');
              notifyDesktop('crisis', body);
            },
          },
          context,
        ),
      );
    },
    confirmEnd,
    async whatsNew() {
      const p = await prompts();
      const text = await guard(() => p.input({ theme: theme(), message: w.whatsNew }, context));
      // one line: a pasted line break would split the post
      return text.replace(/\s+/g, ' ').trim();
    },
    async note() {
      const p = await prompts();
      const text = await guard(() => p.input({ theme: theme(), message: `${w.note}${w.colon.trimEnd()}` }, context));
      return text.trim() || undefined;
    },
  };
}

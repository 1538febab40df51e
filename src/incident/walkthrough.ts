/**
 * The walkthrough loop: asks the engine what comes next, gets the answer from
 * a prompter, appends the events, and tells the display what happened. It does
 * no I/O of its own: the store, the prompter and the display are passed in.
 */
import type { Playbook, Step, Variable } from '../playbook/schema.js';
import { UserError, ExitCode, type Said } from '../errors.js';
import type { NewEvent } from './events.js';
import type { IncidentState } from './state.js';
import { answerStep, nextAction, resolveIncident, type NextAction } from './engine.js';
import type { Prompter, StepQuestion, TimedAnswer } from './prompter.js';
import { planSteps } from './plan.js';
import { optionValues } from './options.js';
import { leadRoleId, printsNews } from '../playbook/kinds.js';
import { MissingVariable, type Announcement } from './announce.js';
import { remindersOf } from '../ui/reminders.js';
import type { Measure } from '../messages/measure.js';
import { wordsFor, fill } from '../i18n/index.js';

/** "282/280", with the subject's when it is the one over ("subject 120/100"). */
function limitText(m: Measure): string {
  const subjectOver = m.subject_length !== undefined && m.subject_limit !== undefined && m.subject_length > m.subject_limit;
  return subjectOver && m.length <= m.limit ? `${m.subject_length}/${m.subject_limit}` : `${m.length}/${m.limit}`;
}

/** What the display is told, in order; the terminal view paints it, tests read it. */
export type WalkEvent =
  | { type: 'step'; action: Extract<NextAction, { kind: 'step' }>; state: IncidentState; now: Date }
  | { type: 'announcement'; announcement: Announcement; step: Step }
  | { type: 'answered'; step: Step; events: NewEvent[]; state: IncidentState }
  | { type: 'resolved'; state: IncidentState }
  | { type: 'waiting'; state: IncidentState; nextUpdateDueAt?: Date }
  | { type: 'complete'; state: IncidentState };

export interface WalkDeps {
  playbook: Playbook;
  state: IncidentState;
  /** Appends events to the log (flushed to disk) and returns the new state. */
  append(events: NewEvent[]): Promise<IncidentState>;
  prompter: Prompter;
  /** A person is at the keyboard: offer due updates and the waiting menu. */
  live: boolean;
  now(): Date;
  /** Renders a message for the incident as it stands (throws UserError on template problems). */
  announce(state: IncidentState, step: Step, at: Date, whatsNew?: string): Announcement;
  /** Option values and rendered labels of a choice, multi or severity question. */
  options(state: IncidentState, step: Step): Array<{ value: string; label: string }>;
  display(event: WalkEvent): void;
  /** A warning for stderr (a text over its limit recorded as posted without a person's yes). */
  warn?(text: string): void;
  /** From an answers file: resolve when every step before resolution is done. */
  resolvedAt?: Date;
}

export type WalkOutcome = 'complete' | 'false-alarm' | 'waiting';

/** Raised when prompting is impossible and an answer is missing; the command exits 3. */
export class MissingAnswer extends UserError {
  constructor(message: Said, details: Said[]) {
    super(message, { exitCode: ExitCode.NeedsAnswer, details });
  }
}

/** How to give an answer to a step without a prompt. */
export function answerHint(playbook: Playbook, step: Step): string {
  if (step.check) return 'done | skipped | na';
  if (step.announce) return `{ posted: [${(step.channels ?? Object.keys(playbook.messages?.[step.announce]?.channels ?? {})).filter((c) => c !== 'default').join(', ')}] }`;
  switch (step.type) {
    case 'confirm':
      return 'yes | no';
    case 'choice':
      return optionValues(step).join(' | ');
    case 'multi':
      return `[${optionValues(step).join(', ')}]`;
    case 'severity':
      return playbook.severities.map((s) => s.id).join(' | ');
    case 'number':
      return 'a number';
    case 'datetime':
      return '2026-11-21T09:05:00+01:00';
    default:
      return 'some text';
  }
}

/** Collects playbook variables the incident lacks; returns the events that record them, timed when the last was given. */
export async function collectVariables(playbook: Playbook, state: IncidentState, prompter: Prompter, now: () => Date): Promise<{ events: NewEvent[]; missing: Array<[string, Variable]> }> {
  const values: Record<string, string> = {};
  const missing: Array<[string, Variable]> = [];
  const skipped: string[] = [];
  for (const [name, variable] of Object.entries(playbook.variables ?? {})) {
    if (state.variables[name] !== undefined || state.variablesSkipped.includes(name)) continue;
    const value = await prompter.variable(name, variable);
    if (value !== undefined && value !== '') values[name] = value;
    else if (variable.default !== undefined) values[name] = String(variable.default);
    else if (variable.required) missing.push([name, variable]);
    else if (value === '') skipped.push(name);
  }
  const events: NewEvent[] =
    Object.keys(values).length || skipped.length
      ? [{ type: 'variables_set', at: now().toISOString(), variables: values, source: 'walkthrough', ...(skipped.length ? { skipped } : {}) }]
      : [];
  return { events, missing };
}

/**
 * Asks who leads the incident when the playbook has a lead role and nobody
 * holds it yet (config.yaml's or the answers file's `people:` give it
 * otherwise); the report names that person. Left empty, it is not asked again.
 */
export async function collectLead(playbook: Playbook, state: IncidentState, prompter: Prompter, now: () => Date): Promise<NewEvent[]> {
  const lead = leadRoleId(playbook);
  const role = lead === undefined ? undefined : playbook.roles[lead];
  if (lead === undefined || !role || state.people[lead] !== undefined || state.peopleSkipped.includes(lead)) return [];
  const person = (await prompter.person?.(lead, role))?.trim();
  if (person === undefined) return [];
  return [{ type: 'people_set', at: now().toISOString(), people: person ? { [lead]: person } : {}, source: 'walkthrough', ...(person ? {} : { skipped: [lead] }) }];
}

/**
 * The repeats of `repeat: cadence` steps that the answers hold beyond those
 * the log has: a run killed between a step's repeats left them out, and the
 * step, being answered, is not asked again. They are matched by position,
 * so resuming with the same answers records each once.
 */
async function catchUpRepeats(deps: WalkDeps, state: IncidentState): Promise<IncidentState> {
  for (const planned of planSteps(deps.playbook, state)) {
    const { step } = planned;
    if (step.repeat !== 'cadence' || !state.steps[step.id]) continue;
    const recorded = state.answers.filter((a) => a.step === step.id).length - 1;
    for (const extra of (deps.prompter.repeats?.(step.id) ?? []).slice(recorded)) {
      const at = extra.at ?? deps.now();
      state = await record(deps, state, planned, extra.answer, at, deps.announce(state, step, at, extra.whatsNew));
    }
  }
  return state;
}

/** Walks the incident until it completes, waits for resolution, or an answer is missing. */
export async function walk(deps: WalkDeps): Promise<WalkOutcome> {
  const { playbook, prompter } = deps;
  let state = await catchUpRepeats(deps, deps.state);
  for (;;) {
    const now = deps.now();
    const action = nextAction(playbook, state, now, { offerRepeats: deps.live, answered: (id) => prompter.has?.(id) ?? false });
    if (action.kind === 'complete') {
      deps.display({ type: 'complete', state });
      return state.state === 'false-alarm' ? 'false-alarm' : 'complete';
    }
    if (action.kind === 'waiting') {
      if (deps.resolvedAt) {
        state = await deps.append(resolveIncident(playbook, state, deps.resolvedAt));
        deps.display({ type: 'resolved', state });
        continue;
      }
      const choice = deps.live ? await prompter.waiting?.(action.nextUpdateDueAt, remindersOf(playbook, state, now)) : undefined;
      if (choice === 'resolve') {
        if (!(await prompter.confirmEnd?.('resolve'))) continue;
        state = await deps.append(resolveIncident(playbook, state, deps.now()));
        deps.display({ type: 'resolved', state });
        continue;
      }
      if (choice === 'note') {
        const text = await prompter.note?.();
        if (text) state = await deps.append([{ type: 'note', at: deps.now().toISOString(), text }]);
        continue;
      }
      if (choice === 'update') {
        // posting before the update is due stays possible from here
        const plan = planSteps(playbook, state);
        const update = plan.find((p) => p.step.repeat === 'cadence' && !p.afterResolution);
        if (update) {
          state = await answerOne(deps, state, { ...update, kind: 'step', total: plan.length, repeat: state.steps[update.step.id] !== undefined }, deps.now());
          continue;
        }
      }
      deps.display({ type: 'waiting', state, ...(action.nextUpdateDueAt ? { nextUpdateDueAt: action.nextUpdateDueAt } : {}) });
      return 'waiting';
    }
    state = await answerOne(deps, state, action, now);
  }
}

async function answerOne(deps: WalkDeps, state: IncidentState, action: Extract<NextAction, { kind: 'step' }>, now: Date): Promise<IncidentState> {
  const { playbook, prompter } = deps;
  const { step, phase } = action;
  deps.display({ type: 'step', action, state, now });
  const question: StepQuestion = { step, phase, repeat: action.repeat, timeZone: state.timeZone };
  let announcement: Announcement | undefined;
  // an update asks its news line first, when its texts carry one; an answers file gives it with the answer
  const fromFile = !action.repeat && (prompter.has?.(step.id) ?? false);
  const asksNews = step.announce !== undefined && step.repeat === 'cadence' && deps.live && !fromFile && printsNews(deps.playbook, step.announce);
  const whatsNew = asksNews ? await prompter.whatsNew?.(question) : undefined;
  if (step.announce) {
    for (;;) {
      try {
        announcement = deps.announce(state, step, now, whatsNew);
        break;
      } catch (error) {
        // an optional variable left empty at the start is used by this message: ask it now
        const variable = error instanceof MissingVariable && deps.live ? playbook.variables?.[error.variable] : undefined;
        const value = variable ? await prompter.variable((error as MissingVariable).variable, { ...variable, required: true }) : undefined;
        if (!value) throw error;
        state = await deps.append([{ type: 'variables_set', at: now.toISOString(), variables: { [(error as MissingVariable).variable]: value }, source: 'walkthrough' }]);
      }
    }
    question.channels = announcement.channels.map((c) => c.channel);
    question.channelLabels = Object.fromEntries(announcement.channels.map((c) => [c.channel, c.label]));
    question.texts = announcement.channels.map((c) => ({ label: c.label, text: c.text, ...(c.subject !== undefined ? { subject: c.subject } : {}) }));
    const over = announcement.channels.filter((c) => !c.measure.within_limit);
    if (over.length) question.overLimit = Object.fromEntries(over.map((c) => [c.channel, limitText(c.measure)]));
    deps.display({ type: 'announcement', announcement, step });
  }
  if (step.type === 'choice' || step.type === 'multi' || step.type === 'severity') question.options = deps.options(state, step);
  // an info step needs nobody: it is read, and an answers file may say when
  const timed: TimedAnswer | undefined = (await prompter.answer(question)) ?? (step.info !== undefined ? { answer: { kind: 'info' } } : undefined);
  if (!timed) {
    const id = state.id;
    throw new MissingAnswer((c) => c.errors.needsAnswer(step.id, phase.title), [
      (c) => `${c.errors.inAnswersFile}steps: { ${step.id}: ${answerHint(playbook, step)} }`,
      (c) => c.errors.thenResume(id),
      (c) => c.errors.allSaved,
    ]);
  }
  const at = answerTime(deps, state, step, timed);
  // a time given with the answer is when it happened: its texts read as they did then
  const texts = (timed.at || timed.whatsNew !== undefined) && announcement ? deps.announce(state, step, timed.at ?? now, timed.whatsNew ?? whatsNew) : announcement;
  state = await record(deps, state, action, timed.answer, at, texts);
  if (step.repeat === 'cadence' && !action.repeat) {
    for (const extra of prompter.repeats?.(step.id) ?? []) {
      const extraAt = extra.at ?? deps.now();
      state = await record(deps, state, action, extra.answer, extraAt, deps.announce(state, step, extraAt, extra.whatsNew));
    }
  }
  return state;
}

/**
 * When an answer happened: the time it comes with (an answers file's `at`),
 * else, for an `info` step, the time of the answer before it (it is read
 * right after), else now, read once the prompt has returned: the moment
 * the operator confirmed, not the moment the question appeared.
 */
export function answerTime(deps: Pick<WalkDeps, 'now'>, state: IncidentState, step: Step, timed: TimedAnswer): Date {
  if (timed.at) return timed.at;
  if (step.info !== undefined) {
    const before = state.answers.at(-1)?.at;
    return new Date(before ?? state.detectedAt);
  }
  return deps.now();
}

async function record(
  deps: WalkDeps,
  state: IncidentState,
  planned: { step: Step; phase: StepQuestion['phase'] },
  given: TimedAnswer['answer'],
  at: Date,
  texts: Announcement | undefined,
): Promise<IncidentState> {
  let answer = given;
  if (answer.kind === 'announce') {
    const offered = texts?.channels.map((c) => c.channel) ?? [];
    const unknown = answer.posted.filter((c) => !offered.includes(c));
    if (unknown.length) {
      const [channel = ''] = unknown;
      throw new UserError((c) => c.errors.notOnThisStep(planned.step.id, channel, offered.join(', ')));
    }
    // a text over its channel's limit is posted only if someone said so; from a file, it is said on stderr
    const overLimit = answer.posted.filter((c) => texts?.channels.find((t) => t.channel === c)?.measure.within_limit === false);
    const unconfirmed = overLimit.filter((c) => !(answer.kind === 'announce' && answer.postedAnyway?.includes(c)));
    if (unconfirmed.length) deps.warn?.(fill(wordsFor(deps.playbook.lang).postedOverLimit, planned.step.id, unconfirmed.join(', ')));
    answer = {
      ...answer,
      rendered: texts?.channels.map((c) => ({ channel: c.channel, text: c.text, ...(c.subject !== undefined ? { subject: c.subject } : {}) })) ?? [],
      ...(overLimit.length ? { overLimit } : {}),
      ...(texts?.nextUpdateAt ? { nextUpdateAt: texts.nextUpdateAt.toISOString() } : {}),
    };
  }
  const events = answerStep(deps.playbook, state, planned, answer, at);
  const next = await deps.append(events);
  deps.display({ type: 'answered', step: planned.step, events, state: next });
  return next;
}


/**
 * Runs the walkthrough for start, resume and resolve: picks the prompters,
 * wires the store and the view, and turns the outcome into an exit code.
 */
import { resolve as resolvePath } from 'node:path';
import type { CommandContext } from '../context.js';
import { canPrompt } from '../context.js';
import { ExitCode, formatDiagnostic, UserError } from '../errors.js';
import type { Playbook } from '../playbook/schema.js';
import type { AnswersFile } from '../incident/answers.js';
import { announceForStep, questionOptions } from '../incident/announce.js';
import type { NewEvent } from '../incident/events.js';
import { chainPrompters, type Prompter } from '../incident/prompter.js';
import { scriptedPrompter } from '../incident/scripted.js';
import { applyEvent, type IncidentState } from '../incident/state.js';
import type { IncidentStore } from '../incident/log-store.js';
import { collectLead, collectVariables, MissingAnswer, walk } from '../incident/walkthrough.js';
import { Interrupted, terminalPrompter } from '../ui/prompts.js';
import { walkthroughView } from '../ui/walkthrough-view.js';
import { wordsFor } from '../i18n/index.js';
import { paintFor, storeFor } from './common.js';
import { readTextFile, whyUnreadable } from '../files.js';

/** Larger answers files are refused before they are read. */
const MAX_ANSWERS_BYTES = 1024 * 1024;

/**
 * Reads and checks an answers file; every problem is reported as file:line:col.
 * `detectedAt`: the incident's detection when known; every time of the file
 * must lie between it (else the file's own detected_at) and now. A time
 * written without an offset is the wall clock of `timeZone`, the incident's.
 */
export async function readAnswersFile(ctx: CommandContext, file: string | undefined, playbook: Playbook, detectedAt: Date | undefined, timeZone: string): Promise<AnswersFile | undefined> {
  if (file === undefined) return undefined;
  const path = resolvePath(ctx.cwd, file);
  let text: string;
  try {
    text = readTextFile(path, MAX_ANSWERS_BYTES);
  } catch (error) {
    throw new UserError((c) => c.errors.unreadableAnswers(file, whyUnreadable(error, () => c.errors.tooBig('1 MiB', c.errors.shortAnswers), c.authoring.unreadable)));
  }
  // the YAML library, only for runs given an answers file
  const { parseAnswers } = await import('../incident/answers.js');
  const { answers, diagnostics } = parseAnswers(String(file), text, playbook, { now: ctx.now(), timeZone, ...(detectedAt ? { detectedAt } : {}) });
  if (!answers) {
    throw new UserError((c) => c.errors.answersProblems(String(file), diagnostics.length), {
      details: diagnostics.map(formatDiagnostic),
    });
  }
  return answers;
}

/** A store bound to one incident: appends and keeps the folded state current. */
export function incidentAppender(store: IncidentStore, state: IncidentState) {
  return async (events: NewEvent[]): Promise<IncidentState> => {
    if (events.length === 0) return state;
    const written = await store.append(state.id, events);
    for (const e of written) applyEvent(state, e);
    return state;
  };
}

export interface WalkRun {
  ctx: CommandContext;
  dataDir: string;
  playbook: Playbook;
  state: IncidentState;
  answers?: AnswersFile;
  noInput?: boolean;
}

/** Walks the incident; returns the exit code (0, 3 on a missing answer, 130 on Ctrl-C). */
export async function runWalk(run: WalkRun): Promise<number> {
  const { ctx, dataDir, playbook } = run;
  const live = canPrompt(ctx, run.noInput);
  const prompters: Prompter[] = [];
  if (run.answers) prompters.push(scriptedPrompter(run.answers));
  // Ctrl-C outside a prompt (inquirer handles it inside) aborts the next prompt, once the
  // write in progress is on disk; the walk then ends through Interrupted like a Ctrl-C at a prompt.
  const interrupt = new AbortController();
  if (live) prompters.push(terminalPrompter(playbook.lang, { signal: interrupt.signal }, { now: ctx.now }));
  const prompter = chainPrompters(...prompters);
  // team notifications queued after each append and sent in the background (config.yaml's notify:)
  const { notifyHook, withHook } = await import('../notify/hooks.js');
  const notify = await notifyHook(ctx, dataDir, playbook, run.state, { watch: live });
  const append = withHook(incidentAppender(storeFor(ctx), run.state), notify);
  const paint = paintFor(ctx);
  const w = wordsFor(playbook.lang);
  const sayInterrupted = () => ctx.stderr.write(`\n${w.interrupted}\n${w.resumeWith}${w.colon}crisis resume ${run.state.id}\n`);
  // Without a terminal nothing waits on a person: Ctrl-C keeps its default (the process ends;
  // every answer is already on disk).
  const onSigint = () => interrupt.abort();
  if (live) process.once('SIGINT', onSigint);
  try {
    let state = run.state;
    // People from the answers file the incident lacks: a start cut short before
    // they were logged, or a resume with a fuller file, must not lose them.
    const people = Object.fromEntries(Object.entries(run.answers?.people ?? {}).filter(([role]) => state.people[role] === undefined));
    if (Object.keys(people).length) state = await append([{ type: 'people_set', at: ctx.now().toISOString(), people, source: 'answers' }]);
    const vars = await collectVariables(playbook, state, prompter, ctx.now);
    state = await append(vars.events);
    state = await append(await collectLead(playbook, state, prompter, ctx.now));
    if (vars.missing.length) {
      const names = vars.missing.map(([n]) => `"${n}"`).join(', ');
      const example = `variables: { ${vars.missing.map(([n]) => `${n}: ...`).join(', ')} }`;
      const id = state.id;
      throw new MissingAnswer((c) => c.errors.needsVariables(names), [(c) => `${c.errors.giveVariables(id, vars.missing.length)}(${example})`, (c) => c.errors.orTeamDefaults]);
    }
    await walk({
      playbook,
      state,
      append,
      prompter,
      live,
      now: ctx.now,
      announce: (s, step, at, whatsNew) => announceForStep(playbook, s, step, at, whatsNew),
      options: (s, step) => questionOptions(playbook, s, step, ctx.now()),
      display: walkthroughView({ playbook, out: ctx.stdout, paint, live }),
      warn: (text) => ctx.stderr.write(`${w.warning}${w.colon}${text}\n`),
      ...(run.answers?.resolvedAt ? { resolvedAt: run.answers.resolvedAt } : {}),
    });
    return ExitCode.Ok;
  } catch (error) {
    if (error instanceof Interrupted) {
      sayInterrupted();
      return ExitCode.Interrupted;
    }
    // a missing answer (exit 3) is a UserError: the top-level handler prints it
    throw error;
  } finally {
    process.removeListener('SIGINT', onSigint);
    notify?.stop();
  }
}

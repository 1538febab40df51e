import type { CommandContext } from '../context.js';
import { canPrompt } from '../context.js';
import { ExitCode, UserError } from '../errors.js';
import { resolveIncident } from '../incident/engine.js';
import { formatInZone, sameDayInZone } from '../zone.js';
import { catalogueFor } from '../i18n/index.js';
import { openIncident, parseAtOption } from './common.js';
import { incidentAppender, readAnswersFile, runWalk } from './walk.js';

/** What `crisis resolve` takes from the command line. */
export interface ResolveInput {
  incident?: string | undefined;
  at?: string | undefined;
  answers?: string | undefined;
  /** No confirmation asked (needed without a terminal). */
  yes?: true | undefined;
  /** false with --no-input */
  input: boolean;
}

/** `crisis resolve [incident]`: once confirmed (or --yes), marks it resolved, then walks the remaining steps. */
export async function run(ctx: CommandContext, input: ResolveInput): Promise<number> {
  const { dataDir, store, state, playbook } = await openIncident(ctx, input.incident, { openOnly: true });
  const answers = await readAnswersFile(ctx, input.answers, playbook, new Date(state.detectedAt), state.timeZone);
  const at = parseAtOption(input.at, '--at', { notBefore: new Date(state.detectedAt), now: ctx.now() }, state.timeZone) ?? ctx.now();
  const noInput = !input.input;
  const c = catalogueFor(playbook.lang);
  const w = c.ui;
  if (!input.yes) {
    if (!canPrompt(ctx, noInput)) {
      throw new UserError((words) => words.errors.needsConfirmation(state.id), {
        exitCode: ExitCode.NeedsAnswer,
        details: [`crisis resolve ${state.id} --yes`],
      });
    }
    const { terminalPrompter } = await import('../ui/prompts.js');
    ctx.stdout.write(`${state.id}${w.colon}${state.title}\n`);
    if (!(await terminalPrompter(playbook.lang).confirmEnd?.('resolve'))) {
      ctx.stdout.write(`${w.notResolved}\n`);
      return ExitCode.Ok;
    }
  }
  await incidentAppender(store, state)(resolveIncident(playbook, state, at));
  const day = sameDayInZone(at, ctx.now(), state.timeZone) ? undefined : formatInZone(at, 'd MMMM', state.timeZone, c.dateLocale);
  ctx.stdout.write(`${w.resolvedLine(state.id, formatInZone(at, 'HH:mm', state.timeZone), day)}\n`);
  return runWalk({ ctx, dataDir, playbook, state, ...(answers ? { answers } : {}), noInput });
}

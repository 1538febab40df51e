import type { CommandContext } from '../context.js';
import { resolveIncident } from '../incident/engine.js';
import { wordsFor } from '../ui/i18n.js';
import { openIncident, parseAtOption } from './common.js';
import { incidentAppender, readAnswersFile, runWalk } from './walk.js';

/** `crisis resolve [incident]`: marks it resolved, then walks the remaining steps. */
/** What `crisis resolve` takes from the command line. */
export interface ResolveInput {
  incident?: string | undefined;
  at?: string | undefined;
  answers?: string | undefined;
  /** false with --no-input */
  input: boolean;
}

export async function run(ctx: CommandContext, input: ResolveInput): Promise<number> {
  const id = input.incident;
  const { dataDir, state, playbook } = await openIncident(ctx, id, { openOnly: true });
  const answers = await readAnswersFile(ctx, input.answers, playbook);
  const at = parseAtOption(input.at) ?? ctx.now();
  await incidentAppender(dataDir, state)(resolveIncident(playbook, state, at));
  ctx.stdout.write(`Incident ${state.id} ${wordsFor(playbook.lang).resolvedAt} ${at.toISOString()}.\n`);
  return runWalk({ ctx, dataDir, playbook, state, ...(answers ? { answers } : {}), noInput: !input.input });
}

import type { CommandContext } from '../context.js';
import { resolveIncident } from '../incident/engine.js';
import { pickIncident } from '../incident/store.js';
import { dataDirFor, parseAtOption, playbookOfIncident } from './common.js';
import { incidentAppender, readAnswersFile, runWalk } from './walk.js';

/** `crisis resolve [incident]`: marks it resolved, then walks the remaining steps. */
export async function run(ctx: CommandContext, input: Record<string, unknown>): Promise<number> {
  const [id] = input.args as [string | undefined];
  const dataDir = dataDirFor(ctx);
  const { state, warnings } = await pickIncident(dataDir, id, { openOnly: true });
  for (const w of warnings) ctx.stderr.write(`warning: ${w}\n`);
  const playbook = await playbookOfIncident(ctx, state);
  const answers = await readAnswersFile(ctx, input.answers, playbook);
  const at = parseAtOption(input.at) ?? ctx.now();
  await incidentAppender(dataDir, state)(resolveIncident(playbook, state, at));
  ctx.stdout.write(`Incident ${state.id} resolved at ${at.toISOString()}.\n`);
  return runWalk({ ctx, dataDir, playbook, state, ...(answers ? { answers } : {}), noInput: input.input === false });
}

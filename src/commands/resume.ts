import type { CommandContext } from '../context.js';
import { pickIncident } from '../incident/store.js';
import { dataDirFor, playbookOfIncident } from './common.js';
import { readAnswersFile, runWalk } from './walk.js';

/** `crisis resume [incident]`: continues at the first unanswered step. */
export async function run(ctx: CommandContext, input: Record<string, unknown>): Promise<number> {
  const [id] = input.args as [string | undefined];
  const dataDir = dataDirFor(ctx);
  const { state, warnings } = await pickIncident(dataDir, id);
  for (const w of warnings) ctx.stderr.write(`warning: ${w}\n`);
  const playbook = await playbookOfIncident(ctx, state);
  const answers = await readAnswersFile(ctx, input.answers, playbook);
  ctx.stdout.write(`Resuming ${state.id}: ${state.title}\n`);
  return runWalk({ ctx, dataDir, playbook, state, ...(answers ? { answers } : {}), noInput: input.input === false });
}

import type { CommandContext } from '../context.js';
import { wordsFor } from '../i18n/index.js';
import { openIncident, sayIfPlaybookChanged } from './common.js';
import { readAnswersFile, runWalk } from './walk.js';

/** `crisis resume [incident]`: continues at the first unanswered step. */
/** What `crisis resume` takes from the command line. */
export interface ResumeInput {
  incident?: string | undefined;
  answers?: string | undefined;
  /** false with --no-input */
  input: boolean;
}

export async function run(ctx: CommandContext, input: ResumeInput): Promise<number> {
  const id = input.incident;
  // a resolved incident may still have stand-down steps to walk: take the latest one when none is open
  const { dataDir, state, playbook } = await openIncident(ctx, id, { latestWhenNoneOpen: true });
  await sayIfPlaybookChanged(ctx, state);
  const answers = await readAnswersFile(ctx, input.answers, playbook, new Date(state.detectedAt), state.timeZone);
  const w = wordsFor(playbook.lang);
  ctx.stdout.write(`${w.resuming} ${state.id}${w.colon}${state.title}\n`);
  return runWalk({ ctx, dataDir, playbook, state, ...(answers ? { answers } : {}), noInput: !input.input });
}

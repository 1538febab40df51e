import { speak, type CommandContext } from '../context.js';
import { reopenIncident } from '../incident/corrections.js';
import { pickIncident } from '../incident/pick.js';
import { wordsFor, fill } from '../i18n/index.js';
import { dataDirFor, playbookOfIncident, sayWarnings, storeFor } from './common.js';

/** `crisis reopen [incident]`: a resolved, false-alarm or discarded incident is open again. */
/** What `crisis reopen` takes from the command line. */
export interface ReopenInput {
  incident?: string | undefined;
}

export async function run(ctx: CommandContext, input: ReopenInput): Promise<number> {
  const id = input.incident;
  const dataDir = dataDirFor(ctx);
  // none is open, by definition: without an id, the most recent one
  const store = storeFor(ctx);
  const { state, warnings } = await pickIncident(store, id, { latestWhenNoneOpen: true });
  speak(ctx, state.lang);
  sayWarnings(ctx, warnings);
  await store.append(state.id, reopenIncident(state, ctx.now()));
  const { notifyAfter } = await import('../notify/hooks.js');
  await notifyAfter(ctx, dataDir, state, async () => playbookOfIncident(ctx, state));
  const w = wordsFor(state.lang);
  ctx.stdout.write(`${fill(w.reopenedLine, state.id)}\n${w.resumeWith}${w.colon}crisis resume ${state.id}\n`);
  return 0;
}

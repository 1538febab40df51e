import { speak, type CommandContext } from '../context.js';
import { discardIncident } from '../incident/corrections.js';
import { pickIncident } from '../incident/pick.js';
import { wordsFor, fill } from '../i18n/index.js';
import { sayWarnings, storeFor } from './common.js';

/** `crisis discard <incident>`: an incident opened by mistake, kept on disk but out of the way. */
/** What `crisis discard` takes from the command line. */
export interface DiscardInput {
  incident: string;
}

export async function run(ctx: CommandContext, input: DiscardInput): Promise<number> {
  const id = input.incident;
  const store = storeFor(ctx);
  const { state, warnings } = await pickIncident(store, id);
  speak(ctx, state.lang);
  sayWarnings(ctx, warnings);
  await store.append(state.id, discardIncident(state, ctx.now()));
  const w = wordsFor(state.lang);
  ctx.stdout.write(`${fill(w.discardedLine, state.id)}\n${w.undoDiscardWith}${w.colon}crisis reopen ${state.id}\n`);
  return 0;
}

import { existsSync } from 'node:fs';
import type { CommandContext } from '../context.js';
import { UserError } from '../errors.js';
import { eventsPath, isIncidentId } from '../incident/paths.js';
import { appendEvents, pickIncident } from '../incident/store.js';
import { dataDirFor } from './common.js';

/** What `crisis log` takes from the command line. */
export interface LogInput {
  /** [incident] then the note's words */
  words: string[];
  as?: string | undefined;
}

/** `crisis log [incident] <text...>`: a timestamped note, safe beside a running walkthrough. */
export async function run(ctx: CommandContext, input: LogInput): Promise<number> {
  const words = [...input.words];
  const dataDir = dataDirFor(ctx);
  let id: string | undefined;
  const first = words[0];
  if (words.length > 1 && first && isIncidentId(first) && existsSync(eventsPath(dataDir, first))) {
    id = first;
    words.shift();
  }
  const text = words.join(' ').trim();
  if (!text) throw new UserError('the note is empty; write it after the command: crisis log "Downdetector shows 2,300 reports"');
  const { state } = await pickIncident(dataDir, id, { openOnly: false });
  const by = input.as;
  const [event] = await appendEvents(dataDir, state.id, [{ type: 'note', at: ctx.now().toISOString(), text, ...(by ? { by } : {}) }]);
  ctx.stdout.write(`Noted in ${state.id} (#${event?.seq ?? '?'}).\n`);
  return 0;
}

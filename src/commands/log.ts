import { wordsFor, fill } from '../i18n/index.js';
import { speak, type CommandContext } from '../context.js';
import { UserError, type Said } from '../errors.js';
import type { Catalogue } from '../i18n/index.js';
import type { IncidentStore } from '../incident/log-store.js';
import { isIncidentId } from '../incident/paths.js';
import { listIncidents, pickIncident } from '../incident/pick.js';
import { didYouMean } from '../playbook/problem.js';
import { sayWarnings, storeFor } from './common.js';

/** What `crisis log` takes from the command line. */
export interface LogInput {
  /** [incident] then the note's words */
  words: string[];
  as?: string | undefined;
}

/** The shape of the ids crisis gives: `2026-11-21-messenger-down`. */
const DATED_ID = /^\d{4}-\d{2}-\d{2}-[a-z0-9][a-z0-9-]*$/;

/** `crisis log [incident] <text...>`: a timestamped note, safe beside a running walkthrough. */
export async function run(ctx: CommandContext, input: LogInput): Promise<number> {
  const words = [...input.words];
  const store = storeFor(ctx);
  let id: string | undefined;
  const first = words[0];
  if (words.length > 1 && first && isIncidentId(first)) {
    if (await store.has(first)) {
      id = first;
      words.shift();
    } else {
      await refuseMistypedId(store, first, words.slice(1));
    }
  }
  // `crisis log ID` alone names the incident and forgets the note: never record the id as one
  const onlyAnId = input.words.length === 1 && first !== undefined && isIncidentId(first) && (await store.has(first));
  const text = onlyAnId ? '' : words.join(' ').trim();
  if (!text) throw new UserError((c) => c.errors.emptyNote);
  const { state, warnings } = await pickIncident(store, id, { openOnly: false });
  speak(ctx, state.lang);
  sayWarnings(ctx, warnings);
  const by = input.as;
  const [event] = await store.append(state.id, [{ type: 'note', at: ctx.now().toISOString(), text, ...(by ? { by } : {}) }]);
  ctx.stdout.write(`${fill(wordsFor(state.lang).notedIn, state.id, String(event?.seq ?? '?'))}\n`);
  return 0;
}

/**
 * A first word that reads as an incident id but names none (a typo) is
 * refused rather than logged, id included, into whichever incident is open.
 * It reads as an id when it has the dated shape crisis gives ids, or is a
 * near miss of an existing id with a dash in it.
 */
async function refuseMistypedId(store: IncidentStore, word: string, rest: string[]): Promise<void> {
  const all = await listIncidents(store);
  const ids = all.map((s) => s.id);
  const near = didYouMean(word, ids);
  if (!DATED_ID.test(word) && !(word.includes('-') && near !== undefined)) return;
  const open = all.filter((s) => s.state?.state === 'open');
  const openIds = open.map((s) => s.id).join(', ');
  const details: Said[] = [
    ...(near !== undefined ? [(c: Catalogue) => c.errors.didYouMean(near)] : []),
    open.length > 0 ? (c: Catalogue) => c.errors.openIncidents(openIds) : (c: Catalogue) => c.errors.noneOpen,
  ];
  const [target] = open;
  if (target) {
    const shown = [word, ...rest].join(' ');
    const command = `crisis log ${target.id} ${JSON.stringify(shown.length > 60 ? `${shown.slice(0, 57)}...` : shown)}`;
    details.push((c) => c.errors.nameItFirst(command));
  }
  throw new UserError((c) => c.errors.notNoted(word, store.where), { details });
}

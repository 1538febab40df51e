/**
 * Choosing which incident a command means: the one named, else the only
 * open one, else (for commands about the past) the most recent one. Works on
 * any store (log-store.ts).
 */
import { UserError, type Warning } from '../errors.js';
import type { IncidentEvent } from './events.js';
import { foldAndKeep, foldIncident, readEvents, type IncidentStore } from './log-store.js';
import { assertIncidentId, isErrnoException } from './paths.js';
import type { IncidentState } from './state.js';
import { dayAndTime } from '../zone.js';

/** An incident as `crisis incidents` lists it; `error` when its log cannot be read. */
export interface IncidentSummary {
  id: string;
  state: IncidentState | undefined;
  warnings: Warning[];
  /** Why the log cannot be read (English: JSON and logs). */
  error?: string;
  /** The same, to be said in a person's language (an expected failure, such as a damaged log). */
  problem?: UserError;
}

/** An incident loaded and folded. */
export interface LoadedIncident {
  id: string;
  state: IncidentState;
  warnings: Warning[];
  /** Set when no incident was named or open and the most recent one was taken instead. */
  latest?: boolean;
}

/**
 * Every incident of the data directory, open ones first, then the most
 * recently detected. An incident whose log cannot be read is listed with its
 * `error` instead of failing the whole list.
 */
export async function listIncidents(store: IncidentStore): Promise<IncidentSummary[]> {
  const ids = await store.ids();
  const summaries = await mapLimit(ids, 8, async (id): Promise<IncidentSummary> => {
    try {
      return { id, ...(await foldIncident(store, id)) };
    } catch (error) {
      if (error instanceof UserError || isErrnoException(error)) {
        return { id, state: undefined, warnings: [], error: error.message, ...(error instanceof UserError ? { problem: error } : {}) };
      }
      throw error;
    }
  });
  return summaries.sort(compareSummaries);
}

function compareSummaries(a: IncidentSummary, b: IncidentSummary): number {
  const rank = (s: IncidentSummary): number => (s.state?.state === 'open' ? 0 : s.state?.state === 'discarded' ? 2 : s.state ? 1 : 3);
  return (
    rank(a) - rank(b) ||
    Date.parse(b.state?.detectedAt ?? '') - Date.parse(a.state?.detectedAt ?? '') ||
    (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
  );
}

/**
 * The incident a command works on. With `id`: that incident (refused when it
 * does not exist, or, with `openOnly`, when it is closed). Without: the only
 * open incident; none or several open is a UserError saying what to do.
 */
export async function pickIncident(
  store: IncidentStore,
  id?: string,
  options: { openOnly?: boolean; latestWhenNoneOpen?: boolean } = {},
): Promise<LoadedIncident> {
  if (id !== undefined) {
    assertIncidentId(id);
    const { state, warnings } = await foldIncident(store, id);
    assertOpenIfAsked(id, state, options);
    return { id, state, warnings };
  }
  const all = await listIncidents(store);
  const open = all.filter((s): s is IncidentSummary & { state: IncidentState } => s.state?.state === 'open');
  const unreadable = all.filter((s) => s.error);
  const [only] = open;
  if (only && open.length === 1) return { id: only.id, state: only.state, warnings: only.warnings };
  // an incident discarded (opened by mistake) is never the one meant
  const [latest] = all.filter((s): s is IncidentSummary & { state: IncidentState } => s.state !== undefined && s.state.state !== 'discarded');
  // afterwards (report, status) the incident of interest is closed: take the most recent one
  if (open.length === 0 && options.latestWhenNoneOpen && latest) return { id: latest.id, state: latest.state, warnings: latest.warnings, latest: true };
  if (open.length === 0) {
    throw new UserError((c) => c.errors.noOpenIncident(store.where), {
      details: (c) => [c.errors.openOneWith, c.errors.orNameClosed, ...unreadable.map((s) => c.errors.unreadableIncident(s.id, s.problem ? s.problem.sayIn(c).message : (s.error ?? '')))],
    });
  }
  throw new UserError((c) => c.errors.severalOpen(open.length), {
    details: (c) => open.map((s) => c.errors.openEntry(s.id, s.state.playbook, dayAndTime(s.state.detectedAt, s.state.timeZone, c.dateLocale))),
  });
}

function assertOpenIfAsked(id: string, state: IncidentState, options: { openOnly?: boolean }): void {
  if (options.openOnly && state.state !== 'open') {
    const closed = state.state;
    const ended = state.endedAt;
    throw new UserError((c) => c.errors.alreadyClosed(id, c.errors.closedAs[closed], ended ? dayAndTime(ended, state.timeZone, c.dateLocale) : undefined), {
      details: [(c) => c.errors.seeOpenOnes, (c) => c.errors.orReopen(id)],
    });
  }
}

/**
 * `pickIncident`, then `readEvents` of the incident picked (`events`, and
 * its log's warnings as `logWarnings`). A named incident's log is read once,
 * not once to pick it and again for its events.
 */
export async function pickIncidentEvents(
  store: IncidentStore,
  id?: string,
  options: { openOnly?: boolean; latestWhenNoneOpen?: boolean } = {},
): Promise<LoadedIncident & { events: IncidentEvent[]; logWarnings: Warning[] }> {
  if (id === undefined) {
    const picked = await pickIncident(store, id, options);
    const { events, warnings } = await readEvents(store, picked.id);
    return { ...picked, events, logWarnings: warnings };
  }
  assertIncidentId(id);
  const events: IncidentEvent[] = [];
  const { state, warnings, logWarnings } = await foldAndKeep(store, id, (event) => events.push(event));
  assertOpenIfAsked(id, state, options);
  return { id, state, warnings, events, logWarnings };
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}


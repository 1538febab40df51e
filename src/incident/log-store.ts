/**
 * The incident log as the commands see it: where incidents are kept is a
 * backend's business (file-store.ts keeps them as files); reading and folding
 * a log, and choosing which incident a command means (pick.ts), work on any
 * backend through this interface.
 */
import { UserError, Warning } from '../errors.js';
import type { IncidentEvent, NewEvent, OpenedEvent } from './events.js';
import type { EventSink } from './log-reader.js';
import { applyEvent, foldEvents, type IncidentState } from './state.js';

export type { EventSink } from './log-reader.js';

/** The opening event as a caller gives it: the store sets `v`, `seq` and `incident`. */
export type NewOpenedEvent = Omit<OpenedEvent, 'v' | 'seq' | 'incident'> & { incident?: string };

/** Where incident logs are kept. Every method checks the id it is given. */
export interface IncidentStore {
  /** Where the incidents are, for messages (the data directory). */
  readonly where: string;
  /** Where one incident's log is, for messages (`where:line: ...`). */
  location(id: string): string;
  /**
   * Creates an incident and logs its first event (seq 1). Without `id`, one
   * is chosen from the detection date and playbook. An existing id is refused.
   */
  create(id: string | undefined, opened: NewOpenedEvent): Promise<{ id: string; event: OpenedEvent }>;
  /** Appends events, numbered after the highest seq; returns them as logged. */
  append(id: string, events: readonly NewEvent[]): Promise<IncidentEvent[]>;
  /**
   * Appends events only if the highest seq in the log is still `seq`, checked
   * under the same lock as the write: for events decided from what the log
   * said (a notification not queued yet), which another writer may have
   * decided at the same time. Undefined, and nothing written, when the log
   * has moved on: read it again and decide again.
   */
  appendAfter(id: string, seq: number, events: readonly NewEvent[]): Promise<IncidentEvent[] | undefined>;
  /** Streams the events of a log in order, with its warnings; a missing incident is a UserError. */
  scan(id: string, sink: EventSink): Promise<{ warnings: Warning[] }>;
  /** The ids of every incident kept, in no particular order. */
  ids(): Promise<string[]>;
  /** Whether an incident with this well-formed id exists. */
  has(id: string): Promise<boolean>;
  /** Keeps the text of the playbook an incident runs (once: a copy already kept stays the one it runs). */
  keepPlaybook(id: string, text: string): Promise<void>;
  /** The playbook text kept with an incident and where it is (for messages), or undefined for one opened before copies were kept. */
  keptPlaybook(id: string): Promise<{ text: string; where: string } | undefined>;
}

/**
 * Every event of an incident, with warnings for a cut-off last line or seq
 * gaps. For large logs prefer `foldIncident`, which keeps no event array.
 */
export async function readEvents(store: IncidentStore, id: string): Promise<{ events: IncidentEvent[]; warnings: Warning[] }> {
  const events: IncidentEvent[] = [];
  const { warnings } = await store.scan(id, (event) => {
    events.push(event);
  });
  return { events, warnings };
}

/** The state of an incident, folded while streaming its log. */
export async function foldIncident(store: IncidentStore, id: string): Promise<{ state: IncidentState; warnings: Warning[] }> {
  const { state, warnings } = await foldAndKeep(store, id);
  return { state, warnings };
}

/**
 * `foldIncident`, handing each event to `keep` as well; `logWarnings` are
 * the log's own warnings (what `readEvents` gives).
 */
export async function foldAndKeep(
  store: IncidentStore,
  id: string,
  keep?: (event: IncidentEvent) => void,
): Promise<{ state: IncidentState; warnings: Warning[]; logWarnings: Warning[] }> {
  const file = store.location(id);
  let state: IncidentState | undefined;
  const { warnings } = await store.scan(id, (event, line) => {
    keep?.(event);
    if (state) {
      applyEvent(state, event);
    } else if (event.type === 'opened') {
      state = foldEvents([event]);
    } else {
      throw new UserError((c) => c.errors.logStartsWrong(`${file}:${line}`, event.type));
    }
  });
  if (!state) {
    throw new UserError((c) => c.errors.logHasNoEvents(file), { details: [(c) => c.errors.removeIncidentOrStart] });
  }
  const logWarnings = [...warnings];
  if (state.id !== id) {
    const named = state.id;
    warnings.push(new Warning((c) => c.warnings.at(file, c.warnings.otherIncident(named, id))));
    state.id = id;
  }
  return { state, warnings, logWarnings };
}

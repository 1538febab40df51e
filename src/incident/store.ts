/**
 * The incident store of a data directory, for code that names the data
 * directory rather than receiving a store: each function is the file
 * store's (file-store.ts) or works on it (log-store.ts, pick.ts).
 */
import type { IncidentEvent, NewEvent, OpenedEvent } from './events.js';
import type { Warning } from '../errors.js';
import { fileStore } from './file-store.js';
import * as log from './log-store.js';
import type { NewOpenedEvent } from './log-store.js';
import * as pick from './pick.js';
import type { IncidentSummary, LoadedIncident } from './pick.js';
import type { IncidentState } from './state.js';

export { fileStore } from './file-store.js';
export type { IncidentStore, NewOpenedEvent } from './log-store.js';
export type { IncidentSummary, LoadedIncident } from './pick.js';

type PickOptions = { openOnly?: boolean; latestWhenNoneOpen?: boolean };

/** See IncidentStore.create. */
export function createIncident(dataDir: string, id: string | undefined, opened: NewOpenedEvent): Promise<{ id: string; event: OpenedEvent }> {
  return fileStore(dataDir).create(id, opened);
}

/** See IncidentStore.append. */
export function appendEvents(dataDir: string, id: string, events: readonly NewEvent[]): Promise<IncidentEvent[]> {
  return fileStore(dataDir).append(id, events);
}

/** See log-store.ts readEvents. */
export function readEvents(dataDir: string, id: string): Promise<{ events: IncidentEvent[]; warnings: Warning[] }> {
  return log.readEvents(fileStore(dataDir), id);
}

/** See log-store.ts foldIncident. */
export function foldIncident(dataDir: string, id: string): Promise<{ state: IncidentState; warnings: Warning[] }> {
  return log.foldIncident(fileStore(dataDir), id);
}

/** See pick.ts listIncidents. */
export function listIncidents(dataDir: string): Promise<IncidentSummary[]> {
  return pick.listIncidents(fileStore(dataDir));
}

/** See pick.ts pickIncident. */
export function pickIncident(dataDir: string, id?: string, options: PickOptions = {}): Promise<LoadedIncident> {
  return pick.pickIncident(fileStore(dataDir), id, options);
}

/** See pick.ts pickIncidentEvents. */
export function pickIncidentEvents(dataDir: string, id?: string, options: PickOptions = {}): Promise<LoadedIncident & { events: IncidentEvent[]; logWarnings: Warning[] }> {
  return pick.pickIncidentEvents(fileStore(dataDir), id, options);
}

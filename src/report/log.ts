/**
 * An incident's log as the report and the timeline read it: the events and
 * their fold, made once per command and handed to every part (figures,
 * timeline, view) rather than folded again by each.
 */
import type { IncidentEvent } from '../incident/events.js';
import { foldEvents, type IncidentState } from '../incident/state.js';

export interface IncidentLog {
  events: readonly IncidentEvent[];
  /** `foldEvents(events)`. */
  state: IncidentState;
}

/** Events sorted by when they happened (an answers file may date them in the past), log order breaking ties. */
export function chronological(events: readonly IncidentEvent[]): IncidentEvent[] {
  // Each time is parsed once, not in the comparator.
  const times = events.map((event) => Date.parse(event.at));
  const before = (a: number, b: number): number => times[a]! - times[b]! || events[a]!.seq - events[b]!.seq;
  // a log is written in time order unless an answers file dated some answers in the past: nothing to sort then
  let sorted = true;
  for (let i = 1; i < events.length && sorted; i++) sorted = before(i - 1, i) <= 0;
  if (sorted) return [...events];
  const order = events.map((_, i) => i);
  order.sort(before);
  return order.map((i) => events[i]!);
}

const sortedLogs = new WeakMap<IncidentLog, readonly IncidentEvent[]>();

/** The log's events in time order, sorted once whatever the number of parts that need them. */
export function sortedEvents(log: IncidentLog): readonly IncidentEvent[] {
  let sorted = sortedLogs.get(log);
  if (!sorted) {
    sorted = chronological(log.events);
    sortedLogs.set(log, sorted);
  }
  return sorted;
}

/** What the report's functions take: a log already folded, or bare events (folded here). */
export type LogInput = IncidentLog | readonly IncidentEvent[];

/** The log of `input`, folding bare events once. */
export function incidentLog(input: LogInput): IncidentLog {
  return isEvents(input) ? { events: input, state: foldEvents(input) } : input;
}

function isEvents(input: LogInput): input is readonly IncidentEvent[] {
  return Array.isArray(input);
}

/**
 * The log of `events` with `state`, the fold a store made while reading
 * them, when it is theirs (the same highest seq: the log only grows);
 * otherwise, say when the log grew between two readings, they are folded again.
 */
export function logWithState(events: readonly IncidentEvent[], state: IncidentState | undefined): IncidentLog {
  let highest = -1;
  for (const e of events) if (e.seq > highest) highest = e.seq;
  return state && state.lastSeq === highest ? { events, state } : { events, state: foldEvents(events) };
}

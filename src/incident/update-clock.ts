/**
 * The public-update clock: the cadence in force, which posts are updates,
 * when the next update is due, and whether one fell due before an incident
 * ended. Pure; shared by the engine (what to offer next) and the deadlines
 * (whether an update was owed at all).
 */
import type { Playbook, Severity } from '../playbook/schema.js';
import { durationMs } from '../playbook/duration.js';
import type { MessagePostedEvent } from './events.js';
import type { IncidentState } from './state.js';

/** The severity in force, or undefined before one is chosen. */
export function currentSeverity(playbook: Playbook, state: IncidentState): Severity | undefined {
  return playbook.severities.find((s) => s.id === state.severity);
}

/** Cadence of public updates in ms: the current severity's, else the least severe level's. */
export function cadenceMs(playbook: Playbook, state: IncidentState): number | undefined {
  const sev = currentSeverity(playbook, state) ?? playbook.severities[0];
  return sev?.update_every ? durationMs(sev.update_every) : undefined;
}

function isPublic(playbook: Playbook, messageId: string): boolean {
  return (playbook.messages?.[messageId]?.audience ?? 'public') === 'public';
}

const ms = (iso: string): number => new Date(iso).getTime();

/** Time of the last public post, if any. */
export function lastPublicPostAt(playbook: Playbook, state: IncidentState): Date | undefined {
  let last: string | undefined;
  for (const p of state.posts) if (isPublic(playbook, p.message) && (!last || ms(p.at) > ms(last))) last = p.at;
  return last ? new Date(last) : undefined;
}

/**
 * Whether a post is a public update: posted by a `repeat: cadence` step (or,
 * posted outside the walkthrough, of a message such a step announces).
 */
export function isUpdatePost(playbook: Playbook, post: Pick<MessagePostedEvent, 'step' | 'message'>): boolean {
  const cadence = cadenceSteps(playbook);
  return post.step !== undefined ? cadence.steps.has(post.step) : cadence.messages.has(post.message);
}

/** The ids and messages of a playbook's `repeat: cadence` steps, found once per playbook (a report asks for each of thousands of posts). */
const cadenceCache = new WeakMap<Playbook, { steps: Set<string>; messages: Set<string> }>();
function cadenceSteps(playbook: Playbook): { steps: Set<string>; messages: Set<string> } {
  let found = cadenceCache.get(playbook);
  if (!found) {
    const repeated = playbook.phases.flatMap((p) => p.steps).filter((s) => s.repeat === 'cadence');
    found = { steps: new Set(repeated.map((s) => s.id)), messages: new Set(repeated.flatMap((s) => (s.announce !== undefined ? [s.announce] : []))) };
    cadenceCache.set(playbook, found);
  }
  return found;
}

/** The post the next-update clock counts from: the last public update posted, else the first public post. */
function clockPost(playbook: Playbook, state: IncidentState): MessagePostedEvent | undefined {
  let update: MessagePostedEvent | undefined;
  let first: MessagePostedEvent | undefined;
  for (const p of state.posts) {
    if (!isPublic(playbook, p.message)) continue;
    if (!first || ms(p.at) < ms(first.at)) first = p;
    if (isUpdatePost(playbook, p) && (!update || ms(p.at) >= ms(update.at))) update = p;
  }
  return update ?? first;
}

/**
 * When the next public update is due, while the incident is open: the time
 * the last update (else the first public post) promised, else its time + the
 * cadence. Other posts (a redirect, an e-mail) repeat that promise and do not move it.
 */
export function nextUpdateDue(playbook: Playbook, state: IncidentState): Date | undefined {
  if (state.state !== 'open') return undefined;
  const post = clockPost(playbook, state);
  if (!post) return undefined;
  if (post.next_update_at) return new Date(post.next_update_at);
  const cadence = cadenceMs(playbook, state);
  return cadence ? new Date(ms(post.at) + cadence) : undefined;
}

/**
 * Whether a public update fell due while the incident was open, up to `end`
 * (its resolution): counted from the posts made by then. An incident resolved
 * before its first update was due owed none.
 */
export function updateFellDue(playbook: Playbook, state: IncidentState, end: Date): boolean {
  const posts = state.posts.filter((p) => ms(p.at) <= end.getTime());
  const due = nextUpdateDue(playbook, { ...state, state: 'open', posts });
  return due !== undefined && due.getTime() <= end.getTime();
}

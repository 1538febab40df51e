/**
 * The outbox: which team notifications the log calls for and has not queued
 * yet. Pure: the log, the playbook, config.yaml's destinations and the clock
 * come in; `notification_queued` events go out, appended before anything is
 * sent. Ids are derived from the incident, the cause and the destination, so
 * two processes that queue the same notification give it the same id (the
 * first one counts) and a crash between a cause and its queueing is made up
 * on the next run.
 */
import { createHash } from 'node:crypto';
import type { IncidentEvent, NewEvent, NotificationContent, NotificationQueuedEvent, NotificationTrigger } from '../incident/events.js';
import type { IncidentState } from '../incident/state.js';
import { withoutWithdrawn } from '../incident/state.js';
import { nextUpdateDue } from '../incident/engine.js';
import type { Playbook } from '../playbook/schema.js';
import { leadRoleId } from '../playbook/kinds.js';
import { dateTimeWords, zoneLabel } from '../page/time.js';
import type { Destination, NotifyConfig } from './config.js';
import { notifyWords } from './words.js';

export type QueuedEvent = Omit<NotificationQueuedEvent, 'v' | 'seq'>;

export interface OutboxInput {
  playbook: Playbook;
  /** The whole log. */
  events: readonly IncidentEvent[];
  /** The log folded. */
  state: IncidentState;
  config: NotifyConfig;
  now: Date;
  /** The incident's zone (IANA name). */
  timeZone: string;
  /**
   * Look for a public update falling due: only where a person is there to
   * post it (a live walkthrough, `crisis notify --flush`), not in a scripted
   * run replaying answers dated in the past.
   */
  updates?: boolean;
}

/** A cause and the roles it concerns. */
interface Cause {
  trigger: NotificationTrigger;
  cause: string;
  seq?: number;
  roles: string[];
  /** The severity it is about (a severity change: the new one). */
  severity?: string;
}

/**
 * A UUID (version 5 layout) from the parts: stable across processes and runs,
 * and, with the moment the incident was opened, distinct between two data
 * folders that happen to hold incidents of the same id.
 */
export function notificationId(incident: string, openedAt: string, cause: string, destination: string): string {
  const hex = createHash('sha256').update(`${incident}\0${openedAt}\0${cause}\0${destination}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Every notification the log calls for that is not queued yet, in order. */
export function notificationsToQueue(input: OutboxInput): NewEvent[] {
  const { config, state, playbook } = input;
  if (config.destinations.length === 0 || state.state === 'discarded') return [];
  const queued = input.events.filter((e): e is NotificationQueuedEvent => e.type === 'notification_queued');
  const ids = new Set(queued.map((e) => e.id));
  const causes = causesOf(input, queued);
  const out: QueuedEvent[] = [];
  for (const cause of causes) {
    for (const role of cause.roles) {
      for (const destination of config.destinations.filter((d) => d.role === role)) {
        const id = notificationId(state.id, input.events[0]?.at ?? '', cause.cause, destination.key);
        if (ids.has(id)) continue;
        ids.add(id);
        out.push(queuedEvent(input, cause, destination, id));
      }
    }
  }
  return out as NewEvent[];
}

/**
 * The causes not handled yet. Events after the last one that queued a
 * notification (normally just appended; after a crash, what it missed): of
 * several of one kind, only the latest, so that a team that adds `notify:`
 * midway hears of where the incident stands, not of its whole past. An update
 * falling due counts once per due time, while the incident is open.
 */
function causesOf(input: OutboxInput, queued: readonly NotificationQueuedEvent[]): Cause[] {
  const { playbook, state } = input;
  const watermark = Math.max(0, ...queued.map((e) => e.cause_seq ?? 0));
  const clean = withoutWithdrawn(input.events);
  const alerted = new Set<string>();
  const latest = new Map<NotificationTrigger, Cause>();
  for (const e of clean) {
    if (e.type === 'severity_changed') {
      for (const r of e.notify) alerted.add(r);
      if (e.seq > watermark && e.notify.length > 0) latest.set('severity', { trigger: 'severity', cause: `severity:${e.seq}`, seq: e.seq, roles: [...e.notify], severity: e.title });
    } else if ((e.type === 'resolved' || e.type === 'reopened') && e.seq > watermark && alerted.size > 0) {
      latest.set(e.type, { trigger: e.type, cause: `${e.type}:${e.seq}`, seq: e.seq, roles: [...alerted] });
    }
  }
  const causes = [...latest.values()].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  // a later reopening makes an earlier resolution old news, and the other way round
  const resolved = latest.get('resolved');
  const reopened = latest.get('reopened');
  const stale = resolved && reopened ? ((resolved.seq ?? 0) < (reopened.seq ?? 0) ? resolved : reopened) : undefined;
  const result = causes.filter((c) => c !== stale);

  const due = nextUpdateDue(playbook, state);
  if (input.updates && state.state === 'open' && due && due.getTime() <= input.now.getTime()) {
    const cause = `update_due:${due.toISOString()}`;
    if (!queued.some((e) => e.cause === cause)) result.push({ trigger: 'update_due', cause, roles: updateRoles(playbook) });
  }
  return result;
}

/** Who hears that an update is due: the owners of the repeated update steps, and the lead. */
function updateRoles(playbook: Playbook): string[] {
  const roles = new Set<string>();
  for (const phase of playbook.phases) for (const step of phase.steps) if (step.repeat === 'cadence' && step.owner) roles.add(step.owner);
  const lead = leadRoleId(playbook);
  if (lead) roles.add(lead);
  return [...roles];
}

function queuedEvent(input: OutboxInput, cause: Cause, destination: Destination, id: string): QueuedEvent {
  return {
    type: 'notification_queued',
    at: input.now.toISOString(),
    id,
    trigger: cause.trigger,
    cause: cause.cause,
    ...(cause.seq !== undefined ? { cause_seq: cause.seq } : {}),
    role: destination.role,
    channel: destination.kind,
    destination: destination.key,
    ...(destination.kind === 'email' ? { to: destination.target } : {}),
    lang: input.state.lang,
    content: contentFor(input, cause, destination.role),
  };
}

/** What one role is told, in the incident's language and zone. */
export function contentFor(input: OutboxInput, cause: Cause, roleId: string): NotificationContent {
  const { playbook, state, timeZone } = input;
  const w = notifyWords(state.lang);
  const role = playbook.roles[roleId];
  const severity = cause.severity ?? state.severityTitle;
  const headline = w.headline[cause.trigger](cause.trigger === 'severity' ? severity : undefined);
  const due = nextUpdateDue(playbook, state);
  const when = (iso: string) => `${dateTimeWords(iso, state.lang, timeZone)} (${zoneLabel(timeZone, new Date(iso))})`;
  const message = publicMessage(playbook, state);
  const subject = `${state.drill ? `[${w.drill}] ` : ''}${severity ? `[${severity}] ` : ''}${state.title}${w.colon}${headline}`;
  return {
    subject,
    headline,
    incident: state.id,
    title: state.title,
    ...(severity ? { severity } : {}),
    role: role?.title ?? roleId,
    duties: role?.duties ?? [],
    ...(message ? { public_message: message } : {}),
    ...(due ? { next_update: when(due.toISOString()) } : {}),
    detected: when(state.detectedAt),
    drill: state.drill,
  };
}

/** Channels whose text reads best on its own, most preferred first. */
const PREFERRED = ['status_page', 'website', 'facebook', 'x', 'instagram', 'linkedin'];

/** The text of the latest public message posted, on the channel that reads best alone. */
export function publicMessage(playbook: Playbook, state: IncidentState): string | undefined {
  const posts = state.posts.filter((p) => (playbook.messages?.[p.message]?.audience ?? 'public') === 'public');
  const last = posts.at(-1);
  if (!last) return undefined;
  const same = posts.filter((p) => p.message === last.message && p.at === last.at);
  const rank = (channel: string) => {
    const i = PREFERRED.indexOf(channel);
    return i < 0 ? PREFERRED.length : i;
  };
  const best = [...same].sort((a, b) => rank(a.channel) - rank(b.channel))[0] ?? last;
  return best.text;
}

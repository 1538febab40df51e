/**
 * The incident log's events: one JSON object a line in `events.jsonl`.
 * Every event carries `v`, `seq`, `at` and `type`; the state of an incident
 * is folded from them (see state.ts) and nothing else is trusted.
 */

/** Version of the log format written in every event's `v`. */
export const LOG_VERSION = 1;

export type CheckStatus = 'done' | 'skipped' | 'na';
export type AnswerValue = string | number | boolean | string[];

interface Base {
  v: number;
  seq: number;
  /** ISO 8601 with offset: when it happened (an answers file may date it in the past). */
  at: string;
}

export interface OpenedEvent extends Base {
  type: 'opened';
  incident: string;
  playbook: string;
  lang: string;
  title: string;
  platform?: string;
  /** Playbook format version and the playbook's own `version`, if any. */
  format: number;
  version?: string | number;
  /** Where the playbook was loaded from: `built-in` or a path. */
  source: string;
  detected_at: string;
  drill: boolean;
  /** IANA zone every time is shown in (`--tz`, CRISIS_TZ, config.yaml's timezone:, else the machine's); absent in older logs. */
  time_zone?: string;
}

export interface VariablesSetEvent extends Base {
  type: 'variables_set';
  variables: Record<string, string>;
  /** Where the values came from: config, answers, flag, prompt. */
  source: string;
  /** Optional variables the operator was asked for and left empty (not asked again). */
  skipped?: string[];
}

export interface PeopleSetEvent extends Base {
  type: 'people_set';
  people: Record<string, string>;
  source: string;
  /** Roles the operator was asked for (the lead) and left empty: not asked again. */
  skipped?: string[];
}

export interface StepAnsweredEvent extends Base {
  type: 'step_answered';
  step: string;
  phase: string;
  kind: 'check' | 'ask' | 'announce' | 'info';
  /** check: the checklist status. */
  status?: CheckStatus;
  /** ask: the answer (multi: option values). */
  value?: AnswerValue;
  /** announce: channels the message was posted on. */
  posted?: string[];
  note?: string;
  /** Who answered, when known (role id or name). */
  by?: string;
}

export interface SeverityChangedEvent extends Base {
  type: 'severity_changed';
  severity: string;
  title: string;
  previous?: string;
  notify: string[];
  update_every?: string;
}

export interface RenderedChannel {
  channel: string;
  text: string;
  subject?: string;
}

export interface MessageRenderedEvent extends Base {
  type: 'message_rendered';
  message: string;
  step?: string;
  channels: RenderedChannel[];
}

export interface MessagePostedEvent extends Base {
  type: 'message_posted';
  message: string;
  step?: string;
  channel: string;
  text: string;
  subject?: string;
  /** Posted although the text was over the channel's limit. */
  over_limit?: boolean;
  /** The next update the text promises ({{next_update}}), the same on every channel. */
  next_update_at?: string;
}

export interface NoteEvent extends Base {
  type: 'note';
  text: string;
  by?: string;
}

export interface PhaseCompletedEvent extends Base {
  type: 'phase_completed';
  phase: string;
  /** The deadline (detection + due), if the phase has one. */
  due_at?: string;
  met?: boolean;
}

export interface ResolvedEvent extends Base {
  type: 'resolved';
}

export interface FalseAlarmEvent extends Base {
  type: 'false_alarm';
  step?: string;
}

/** A closed incident (resolved, false alarm or discarded) is open again; the walkthrough goes on where it was. */
export interface ReopenedEvent extends Base {
  type: 'reopened';
  /** The state it left. */
  previous: 'resolved' | 'false-alarm' | 'discarded';
}

/**
 * An answer given by mistake is withdrawn: the step is asked again. Nothing is
 * deleted; the answer's own consequences (posts, severity, false alarm, phase
 * ends recorded with it) no longer count.
 */
export interface AnswerWithdrawnEvent extends Base {
  type: 'answer_withdrawn';
  step: string;
  /** `seq` of the `step_answered` event withdrawn. */
  answer_seq: number;
}

/** An incident opened by mistake: kept on disk, hidden from lists, left out of figures. */
export interface DiscardedEvent extends Base {
  type: 'discarded';
}

/** What caused a team notification. */
export type NotificationTrigger = 'severity' | 'update_due' | 'resolved' | 'reopened';

/**
 * What a team notification says, fixed when it is queued so that a retry
 * sends the same words. Times are already written in the incident's zone.
 */
export interface NotificationContent {
  subject: string;
  /** One line: what happened. */
  headline: string;
  incident: string;
  title: string;
  severity?: string;
  /** The role's title and what it is asked to do. */
  role: string;
  duties: string[];
  /** The public message in force, if one was posted. */
  public_message?: string;
  /** When the next public update is due, in words, in the incident's zone. */
  next_update?: string;
  detected: string;
  drill: boolean;
}

/**
 * A notification for one destination, queued before anything is sent (the
 * outbox): delivery records `notification_sent` or `notification_failed`.
 * The destination is named by its key (config.yaml holds its URL, a secret).
 */
export interface NotificationQueuedEvent extends Base {
  type: 'notification_queued';
  /** A UUID derived from the incident, trigger and destination; sent as the idempotency key. */
  id: string;
  trigger: NotificationTrigger;
  /** What caused it: `severity:12`, `update_due:2026-11-21T10:35:00.000Z`, `resolved:40`. */
  cause: string;
  /** `seq` of the event that caused it (none for an update falling due). */
  cause_seq?: number;
  role: string;
  channel: 'slack' | 'teams' | 'discord' | 'webhook' | 'email';
  destination: string;
  /** E-mail only: the address (not a secret). */
  to?: string;
  lang: string;
  content: NotificationContent;
}

export interface NotificationSentEvent extends Base {
  type: 'notification_sent';
  id: string;
  attempt: number;
  /** E-mail without SMTP: the .eml file written, relative to the incident folder. */
  file?: string;
}

export interface NotificationFailedEvent extends Base {
  type: 'notification_failed';
  id: string;
  attempt: number;
  /** Why, with any secret masked. */
  error: string;
  /** When the next attempt is due; absent when delivery gave up (`crisis notify --flush` tries again). */
  retry_at?: string;
}

export type IncidentEvent =
  | OpenedEvent
  | VariablesSetEvent
  | PeopleSetEvent
  | StepAnsweredEvent
  | SeverityChangedEvent
  | MessageRenderedEvent
  | MessagePostedEvent
  | NoteEvent
  | PhaseCompletedEvent
  | ResolvedEvent
  | FalseAlarmEvent
  | ReopenedEvent
  | AnswerWithdrawnEvent
  | DiscardedEvent
  | NotificationQueuedEvent
  | NotificationSentEvent
  | NotificationFailedEvent;

export type EventType = IncidentEvent['type'];

/** An event before the store gives it `v` and `seq`. */
export type NewEvent = IncidentEvent extends infer E ? (E extends IncidentEvent ? Omit<E, 'v' | 'seq'> : never) : never;

export const EVENT_TYPES: readonly EventType[] = [
  'opened',
  'variables_set',
  'people_set',
  'step_answered',
  'severity_changed',
  'message_rendered',
  'message_posted',
  'note',
  'phase_completed',
  'resolved',
  'false_alarm',
  'reopened',
  'answer_withdrawn',
  'discarded',
  'notification_queued',
  'notification_sent',
  'notification_failed',
];

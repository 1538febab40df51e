/**
 * The state of an incident, folded from its events. Pure: no I/O, no clock
 * (a log older than recorded zones gets the machine's zone).
 */
import type {
  AnswerValue,
  CheckStatus,
  IncidentEvent,
  MessagePostedEvent,
  NoteEvent,
  OpenedEvent,
  RenderedChannel,
  SeverityChangedEvent,
  StepAnsweredEvent,
} from './events.js';
import { applyNotificationEvent, type NotificationRecord } from '../notify/fold.js';
import { isTimeZone, systemTimeZone } from '../zone.js';

export interface StepRecord {
  step: string;
  phase: string;
  kind: 'check' | 'ask' | 'announce' | 'info';
  at: string;
  status?: CheckStatus;
  value?: AnswerValue;
  posted?: string[];
  note?: string;
  by?: string;
  /** `seq` of the `step_answered` event (what `answer_withdrawn` names). */
  seq: number;
}

/** Where an incident stands: open, or closed one of three ways. */
export type IncidentStatus = 'open' | 'resolved' | 'false-alarm' | 'discarded';

export interface IncidentState {
  id: string;
  playbook: string;
  lang: string;
  title: string;
  platform?: string;
  source: string;
  detectedAt: string;
  drill: boolean;
  /** The zone times are shown in: the one recorded at opening (the machine's for a log that has none). */
  timeZone: string;
  /** True when the log recorded no zone (an older log) and `timeZone` is the machine's. */
  timeZoneGuessed?: true;
  variables: Record<string, string>;
  /** Optional variables asked and left empty. */
  variablesSkipped: string[];
  /** Roles asked for and left empty (people_set skipped). */
  peopleSkipped: string[];
  people: Record<string, string>;
  /** First answer of each step, by step id (later answers of a repeated step are in `repeats`). */
  steps: Record<string, StepRecord>;
  /** Every answer in log order, repeats included; withdrawn answers are removed. */
  answers: StepRecord[];
  severity?: string;
  severityTitle?: string;
  severityChanges: SeverityChangedEvent[];
  /** Last rendered texts of each message. */
  rendered: Record<string, RenderedChannel[]>;
  posts: MessagePostedEvent[];
  notes: NoteEvent[];
  phasesCompleted: Record<string, string>;
  state: IncidentStatus;
  endedAt?: string;
  /** The confirm step whose "no" made it a false alarm. */
  falseAlarmStep?: string;
  lastSeq: number;
  lastAt: string;
  /** Team notifications by id (absent until one is queued). */
  notifications?: Record<string, NotificationRecord>;
}

/** Folds a log into the incident's state. Throws if the first event is not `opened`. */
export function foldEvents(events: readonly IncidentEvent[]): IncidentState {
  const first = events[0];
  if (!first || first.type !== 'opened') {
    throw new Error('an incident log must start with an "opened" event');
  }
  const state = initialState(first);
  for (const event of events.slice(1)) applyEvent(state, event);
  return state;
}

function initialState(e: OpenedEvent): IncidentState {
  return {
    id: e.incident,
    playbook: e.playbook,
    lang: e.lang,
    title: e.title,
    ...(e.platform !== undefined ? { platform: e.platform } : {}),
    source: e.source,
    detectedAt: e.detected_at,
    drill: e.drill,
    ...(e.time_zone !== undefined && isTimeZone(e.time_zone) ? { timeZone: e.time_zone } : { timeZone: systemTimeZone(), timeZoneGuessed: true as const }),
    variables: {},
    variablesSkipped: [],
    peopleSkipped: [],
    people: {},
    steps: {},
    answers: [],
    severityChanges: [],
    rendered: {},
    posts: [],
    notes: [],
    phasesCompleted: {},
    state: 'open',
    lastSeq: e.seq,
    lastAt: e.at,
  };
}

/** Applies one event to a state in place (used by foldEvents and by streaming readers). */
export function applyEvent(state: IncidentState, e: IncidentEvent): void {
  // the highest seq: a writer paused past its lock can leave a lower one after a higher one
  if (e.seq > state.lastSeq) state.lastSeq = e.seq;
  if (e.at > state.lastAt) state.lastAt = e.at;
  switch (e.type) {
    case 'opened':
      break;
    case 'variables_set':
      Object.assign(state.variables, e.variables);
      if (e.skipped) state.variablesSkipped.push(...e.skipped);
      break;
    case 'people_set':
      Object.assign(state.people, e.people);
      if (e.skipped) state.peopleSkipped.push(...e.skipped);
      break;
    case 'step_answered': {
      const record: StepRecord = {
        step: e.step,
        phase: e.phase,
        kind: e.kind,
        at: e.at,
        ...(e.status !== undefined ? { status: e.status } : {}),
        ...(e.value !== undefined ? { value: e.value } : {}),
        ...(e.posted !== undefined ? { posted: e.posted } : {}),
        ...(e.note !== undefined ? { note: e.note } : {}),
        ...(e.by !== undefined ? { by: e.by } : {}),
        seq: e.seq,
      };
      state.answers.push(record);
      if (!state.steps[e.step]) state.steps[e.step] = record;
      break;
    }
    case 'severity_changed':
      state.severity = e.severity;
      state.severityTitle = e.title;
      state.severityChanges.push(e);
      break;
    case 'message_rendered':
      state.rendered[e.message] = e.channels;
      break;
    case 'message_posted':
      state.posts.push(e);
      break;
    case 'note':
      state.notes.push(e);
      break;
    case 'phase_completed':
      if (!state.phasesCompleted[e.phase]) state.phasesCompleted[e.phase] = e.at;
      break;
    case 'resolved':
      if (state.state === 'open') {
        state.state = 'resolved';
        state.endedAt = e.at;
      }
      break;
    case 'false_alarm':
      if (state.state === 'open') {
        state.state = 'false-alarm';
        state.endedAt = e.at;
        if (e.step !== undefined) state.falseAlarmStep = e.step;
      }
      break;
    case 'reopened':
      if (state.state !== 'open') {
        state.state = 'open';
        delete state.endedAt;
        delete state.falseAlarmStep;
      }
      break;
    case 'answer_withdrawn':
      withdrawAnswer(state, e.answer_seq);
      break;
    case 'discarded':
      if (state.state !== 'discarded') {
        state.state = 'discarded';
        state.endedAt = e.at;
      }
      break;
    case 'notification_queued':
    case 'notification_sent':
    case 'notification_failed':
      applyNotificationEvent((state.notifications ??= {}), e);
      break;
  }
}

/**
 * Whether `event` was recorded with `answer` as one of its consequences: the
 * engine appends an answer's posts before it, and the severity change, false
 * alarm and phase ends it causes after it, all at the answer's time.
 */
export function consequenceOf(event: IncidentEvent, answer: { step: string; at: string; seq: number }): boolean {
  if (event.at !== answer.at || event.seq === answer.seq) return false;
  switch (event.type) {
    case 'message_rendered':
    case 'message_posted':
      return event.step === answer.step && event.seq < answer.seq;
    case 'severity_changed':
    case 'phase_completed':
      return event.seq > answer.seq;
    case 'false_alarm':
      return event.step === answer.step && event.seq > answer.seq;
    default:
      return false;
  }
}

/** Takes an answer back out of the state, with its consequences (see consequenceOf). */
function withdrawAnswer(state: IncidentState, seq: number): void {
  const index = state.answers.findIndex((a) => a.seq === seq);
  const answer = state.answers[index];
  if (!answer) return;
  state.answers.splice(index, 1);
  const remaining = state.answers.find((a) => a.step === answer.step);
  if (remaining) state.steps[answer.step] = remaining;
  else delete state.steps[answer.step];
  state.posts = state.posts.filter((p) => !consequenceOf(p, answer));
  const change = state.severityChanges.at(-1);
  if (change && consequenceOf(change, answer)) {
    state.severityChanges.pop();
    const before = state.severityChanges.at(-1);
    if (before) {
      state.severity = before.severity;
      state.severityTitle = before.title;
    } else {
      delete state.severity;
      delete state.severityTitle;
    }
  }
  // the answer's phase is no longer complete, nor are phases ended with it
  delete state.phasesCompleted[answer.phase];
  for (const [phase, at] of Object.entries(state.phasesCompleted)) if (at === answer.at) delete state.phasesCompleted[phase];
  if (state.state === 'false-alarm' && state.falseAlarmStep === answer.step && state.endedAt === answer.at) {
    state.state = 'open';
    delete state.endedAt;
    delete state.falseAlarmStep;
  }
}

/**
 * The log without withdrawn answers and their consequences: what figures are
 * computed from. The withdrawal events themselves are kept.
 */
export function withoutWithdrawn(events: readonly IncidentEvent[]): IncidentEvent[] {
  const withdrawn = new Set<number>();
  for (const e of events) if (e.type === 'answer_withdrawn') withdrawn.add(e.answer_seq);
  if (withdrawn.size === 0) return [...events];
  const answers = events.filter((e): e is StepAnsweredEvent => e.type === 'step_answered' && withdrawn.has(e.seq));
  return events.filter((e) => !withdrawn.has(e.seq) && !answers.some((a) => consequenceOf(e, a)));
}

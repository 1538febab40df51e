/**
 * The state of an incident, folded from its events. Pure: no I/O, no clock.
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
} from './events.js';

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
}

export interface IncidentState {
  id: string;
  playbook: string;
  lang: string;
  title: string;
  platform?: string;
  source: string;
  detectedAt: string;
  drill: boolean;
  variables: Record<string, string>;
  /** Optional variables asked and left empty. */
  variablesSkipped: string[];
  people: Record<string, string>;
  /** First answer of each step, by step id (later answers of a repeated step are in `repeats`). */
  steps: Record<string, StepRecord>;
  /** Every answer in log order, repeats included. */
  answers: StepRecord[];
  severity?: string;
  severityTitle?: string;
  severityChanges: SeverityChangedEvent[];
  /** Last rendered texts of each message. */
  rendered: Record<string, RenderedChannel[]>;
  posts: MessagePostedEvent[];
  notes: NoteEvent[];
  phasesCompleted: Record<string, string>;
  state: 'open' | 'resolved' | 'false-alarm';
  endedAt?: string;
  lastSeq: number;
  lastAt: string;
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
    variables: {},
    variablesSkipped: [],
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
  state.lastSeq = e.seq;
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
      }
      break;
  }
}

/**
 * The post-mortem's key figures, computed from an incident's events and its
 * playbook. Pure: no I/O, no clock (`now` is passed in for open incidents).
 * Times are ISO strings as logged; durations are minutes (fractions kept).
 *
 * Definitions:
 * - confirmation: the first "yes" to a `confirm` question of the phase with
 *   id `confirm` (else the playbook's first phase); failing that, the
 *   `phase_completed` of that phase. The yes is when the team knew; the phase
 *   end may include later checks, so it is only the fallback.
 * - public posts: `message_posted` events of messages whose audience is not
 *   `private`, grouped as one message posted at one moment, whatever the
 *   number of channels it went to.
 * - updates: the posts of `repeat: cadence` steps (the regular updates);
 *   every other public message (first announcement, redirect, e-mail,
 *   resolution) is counted apart, in `other_posts`.
 * - gaps: between consecutive public messages up to the first one after the end (the
 *   all-clear; later posts open no gap); while the incident is open, the time
 *   since the last update counts too (`ongoing`). Each gap is compared with
 *   the `update_every` of the severity in force when it began (the first
 *   severity chosen, for a gap that began before any).
 * - deadlines: from `phaseDeadlines` (src/incident/deadlines.ts), the one
 *   computation `status` and the walkthrough use too.
 */
import type { IncidentEvent, MessagePostedEvent } from '../incident/events.js';
import { foldEvents, withoutWithdrawn, type IncidentState } from '../incident/state.js';
import { chronological, incidentLog, sortedEvents, type LogInput } from './log.js';
import { parseDuration } from '../playbook/duration.js';
import type { Playbook } from '../playbook/schema.js';
import { leadRoleId, stagePhase } from '../playbook/kinds.js';
import { checklist } from './checklist.js';
import { isUpdatePost } from '../incident/engine.js';
import { phaseDeadlines, type DeadlineStatus } from '../incident/deadlines.js';


export interface PhaseFigure {
  phase: string;
  title: string;
  /** Where the phase's bar starts: the end of the previous completed phase, else detection. */
  started_at: string;
  completed_at: string | null;
  /** The phase's `due`, when it has one. */
  due: string | null;
  due_at: string | null;
  /** As `phaseDeadlines` says (met, missed, overdue, open, not_applicable); null without a deadline. */
  status: DeadlineStatus | null;
  /** Completion (else the end, or `now` while open) minus deadline: positive is late. Null when unknown. */
  delta_minutes: number | null;
  /** Where the chart draws the phase up to: its completion, else the end of the incident, else `now`. */
  until: string;
}

export interface PostFigure {
  channel: string;
  at: string;
  after_minutes: number;
}

export interface Update {
  at: string;
  message: string;
  channels: string[];
}

export interface GapFigure {
  from: string;
  to: string;
  minutes: number;
  /** Severity in force when the gap began. */
  severity: string | null;
  cadence_minutes: number | null;
  /** Minutes beyond the cadence (0 when within), null without a cadence. */
  over_minutes: number | null;
  /** True for the time since the last update of an open incident. */
  ongoing: boolean;
}

export interface ReportFigures {
  incident: string;
  playbook: string;
  lang: string;
  title: string;
  platform: string | null;
  brand: string | null;
  lead: string | null;
  drill: boolean;
  outcome: IncidentState['state'];
  false_alarm: boolean;
  in_progress: boolean;
  severity: { id: string; title: string; update_every: string | null } | null;
  detected_at: string;
  confirmed_at: string | null;
  confirmed_by: 'answer' | 'phase_completed' | null;
  to_confirmation_minutes: number | null;
  first_post: PostFigure | null;
  first_post_by_channel: PostFigure[];
  posts: number;
  /** The regular updates (`repeat: cadence` posts), one message at one moment. */
  updates: Update[];
  /** Every other public message, one message at one moment. */
  other_posts: Update[];
  longest_gap: GapFigure | null;
  gaps_over_cadence: number;
  phases: PhaseFigure[];
  ended_at: string | null;
  /** Detection to the end, or to `now` while in progress. */
  duration_minutes: number;
  checklist: { done: number; skipped: number; na: number; not_done: number; total: number };
  /** The time the figures were computed for (only matters while in progress). */
  as_of: string;
}

export interface FigureOptions {
  /** The clock for open incidents. */
  now: Date;
}

const ms = (iso: string): number => Date.parse(iso);
const minutesBetween = (from: string, to: string): number => (ms(to) - ms(from)) / 60_000;

export { chronological };

/** Public posts in time order, from events already in time order. */
export function publicPosts(sorted: readonly IncidentEvent[], playbook: Playbook): MessagePostedEvent[] {
  return sorted.filter((e): e is MessagePostedEvent => e.type === 'message_posted' && playbook.messages?.[e.message]?.audience !== 'private');
}

/** Posts grouped into updates: one message at one moment. */
export function groupUpdates(posts: readonly MessagePostedEvent[]): Update[] {
  const groups = new UpdateGroups();
  for (const p of posts) groups.add(p, ms(p.at));
  return groups.updates;
}

/** Updates being grouped, in the order their first post came: by message, then by instant (no key text built per post). */
export class UpdateGroups {
  readonly updates: Update[] = [];
  /** The first post of each update, in the same order. */
  readonly firstPosts: MessagePostedEvent[] = [];
  private readonly byMessage = new Map<string, Map<number, Update>>();

  /** Adds a post at `t` (its time, parsed). */
  add(p: MessagePostedEvent, t: number): void {
    let byTime = this.byMessage.get(p.message);
    if (!byTime) this.byMessage.set(p.message, (byTime = new Map()));
    const update = byTime.get(t);
    if (update) {
      if (!update.channels.includes(p.channel)) update.channels.push(p.channel);
    } else {
      const created = { at: p.at, message: p.message, channels: [p.channel] };
      byTime.set(t, created);
      this.updates.push(created);
      this.firstPosts.push(p);
    }
  }
}

/** Computes every figure of the report. Throws if the log does not start with `opened`. */
export function computeFigures(input: LogInput, playbook: Playbook, options: FigureOptions): ReportFigures {
  const log = incidentLog(input);
  // an answer withdrawn (crisis undo) and what it caused do not count; the fold already leaves them out, the events are filtered here
  const events = withoutWithdrawn(log.events);
  const state = events.length === log.events.length ? log.state : foldEvents(events);
  const sorted = events.length === log.events.length ? sortedEvents(log) : chronological(events);
  const detected = state.detectedAt;
  const end = state.endedAt ?? options.now.toISOString();
  const confirmation = confirmationOf(sorted, playbook, state);
  const posts = publicPosts(sorted, playbook);
  const firstByChannel = new Map<string, PostFigure>();
  for (const p of posts) {
    if (!firstByChannel.has(p.channel)) {
      firstByChannel.set(p.channel, { channel: p.channel, at: p.at, after_minutes: minutesBetween(detected, p.at) });
    }
  }
  // every message, the regular updates and the others, grouped in one pass (each time parsed once)
  const messages = new UpdateGroups();
  const updates = new UpdateGroups();
  const otherPosts = new UpdateGroups();
  for (const p of posts) {
    const t = ms(p.at);
    messages.add(p, t);
    (isUpdatePost(playbook, p) ? updates : otherPosts).add(p, t);
  }
  const gaps = updateGaps(messages.updates, state, playbook, options.now);
  const longest = gaps.reduce<GapFigure | null>((max, g) => (!max || g.minutes > max.minutes ? g : max), null);
  const severity = playbook.severities.find((s) => s.id === state.severity);
  return {
    incident: state.id,
    playbook: state.playbook,
    lang: state.lang,
    title: state.title,
    platform: state.platform ?? playbook.platform ?? null,
    brand: state.variables.brand ?? null,
    lead: leadPerson(playbook, state),
    drill: state.drill,
    outcome: state.state,
    false_alarm: state.state === 'false-alarm',
    in_progress: state.state === 'open',
    severity: state.severity
      ? {
          id: state.severity,
          title: state.severityTitle ?? severity?.title ?? state.severity,
          update_every: severity?.update_every ?? state.severityChanges.at(-1)?.update_every ?? null,
        }
      : null,
    detected_at: detected,
    confirmed_at: confirmation?.at ?? null,
    confirmed_by: confirmation?.by ?? null,
    to_confirmation_minutes: confirmation ? minutesBetween(detected, confirmation.at) : null,
    first_post: [...firstByChannel.values()][0] ?? null,
    first_post_by_channel: [...firstByChannel.values()],
    posts: posts.length,
    updates: updates.updates,
    other_posts: otherPosts.updates,
    longest_gap: longest,
    gaps_over_cadence: gaps.filter((g) => (g.over_minutes ?? 0) > 0).length,
    phases: phaseFigures(playbook, state, options.now),
    ended_at: state.endedAt ?? null,
    duration_minutes: minutesBetween(detected, end),
    checklist: checklistCounts(playbook, state),
    as_of: end,
  };
}

function confirmationOf(
  sorted: readonly IncidentEvent[],
  playbook: Playbook,
  state: IncidentState,
): { at: string; by: 'answer' | 'phase_completed' } | undefined {
  const phase = stagePhase(playbook, 'confirm') ?? playbook.phases[0];
  if (!phase) return undefined;
  const questions = new Set(phase.steps.filter((s) => s.ask !== undefined && s.type === 'confirm').map((s) => s.id));
  for (const e of sorted) {
    if (e.type === 'step_answered' && e.kind === 'ask' && questions.has(e.step) && e.value === true) {
      return { at: e.at, by: 'answer' };
    }
  }
  const completed = state.phasesCompleted[phase.id];
  return completed ? { at: completed, by: 'phase_completed' } : undefined;
}

type SeverityChange = IncidentState['severityChanges'][number];

/**
 * The severity in force at a time, with its cadence in minutes: the last change at or
 * before it, else the first change. `changes` are in time order, `times` their times.
 */
function severityAt(at: string, changes: SeverityChange[], times: number[], playbook: Playbook): { id: string | null; cadence: number | null } {
  const t = ms(at);
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  const change = changes[lo - 1] ?? changes[0];
  if (!change) return { id: null, cadence: null };
  const every = change.update_every ?? playbook.severities.find((s) => s.id === change.severity)?.update_every;
  return { id: change.severity, cadence: (every && parseDuration(every)) || null };
}

function updateGaps(updates: Update[], state: IncidentState, playbook: Playbook, now: Date): GapFigure[] {
  const sorted = updates.map((u) => ({ at: u.at, t: ms(u.at) })).sort((a, b) => a.t - b.t);
  // the cadence is a promise made while the outage lasts: the first message after the
  // end (the all-clear) closes the last gap, and what is posted later (a summary of
  // causes the next day) opens none
  const end = state.endedAt === undefined ? undefined : ms(state.endedAt);
  const closing = end === undefined ? -1 : sorted.findIndex((u) => u.t >= end);
  const times = (closing === -1 ? sorted : sorted.slice(0, closing + 1)).map((u) => u.at);
  const changes = state.severityChanges
    .map((change) => ({ change, t: ms(change.at) }))
    .sort((a, b) => a.t - b.t);
  const changeList = changes.map((c) => c.change);
  const changeTimes = changes.map((c) => c.t);
  const gaps: GapFigure[] = [];
  const gap = (from: string, to: string, ongoing: boolean): GapFigure => {
    const minutes = minutesBetween(from, to);
    const sev = severityAt(from, changeList, changeTimes, playbook);
    return {
      from,
      to,
      minutes,
      severity: sev.id,
      cadence_minutes: sev.cadence,
      over_minutes: sev.cadence === null ? null : Math.max(0, minutes - sev.cadence),
      ongoing,
    };
  };
  for (let i = 1; i < times.length; i++) gaps.push(gap(times[i - 1]!, times[i]!, false));
  const last = times.at(-1);
  if (state.state === 'open' && last && now.getTime() > ms(last)) gaps.push(gap(last, now.toISOString(), true));
  return gaps;
}

/** The phases with their deadlines, as the one deadline function gives them, in minutes. */
function phaseFigures(playbook: Playbook, state: IncidentState, now: Date): PhaseFigure[] {
  return phaseDeadlines(playbook, state, now).map((d) => ({
    phase: d.phase,
    title: d.title,
    started_at: d.started_at,
    completed_at: d.met_at,
    due: playbook.phases.find((p) => p.id === d.phase)?.due ?? null,
    due_at: d.due_at,
    status: d.status,
    delta_minutes: d.late_ms === null ? null : d.late_ms / 60_000,
    until: d.until,
  }));
}

function checklistCounts(playbook: Playbook, state: IncidentState): ReportFigures['checklist'] {
  const counts = { done: 0, skipped: 0, na: 0, not_done: 0, total: 0 };
  for (const item of checklist(playbook, state)) {
    counts.total++;
    counts[item.status]++;
  }
  return counts;
}

/** The person named for the playbook's lead role (`lead: true`, else the role with id `lead`). */
function leadPerson(playbook: Playbook, state: IncidentState): string | null {
  const role = leadRoleId(playbook);
  return role === undefined ? null : (state.people[role] ?? null);
}

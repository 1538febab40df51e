/**
 * The report's view: a plain object of already formatted strings (in the
 * playbook's language and the local time zone), so that templates only lay
 * them out. Values are raw text; templates escape them with the `cell`,
 * `inline` and `fence` helpers. Pure.
 */
import type { IncidentEvent } from '../incident/events.js';
import type { IncidentState } from '../incident/state.js';
import { parseDuration } from '../playbook/duration.js';
import type { Playbook } from '../playbook/schema.js';
import { phaseStage, stagePhase } from '../playbook/kinds.js';
import { answerText, messageTitle, ownerText, stepIndex } from './answers.js';
import { checklist } from './checklist.js';
import { computeFigures, publicPosts, type ReportFigures } from './figures.js';
import { ganttView, type GanttView } from './gantt.js';
import { reportLocale, type ReportLocale } from './labels.js';
import { incidentLog, sortedEvents, type IncidentLog, type LogInput } from './log.js';
import { sameDayInZone } from '../zone.js';
import { buildTimeline, timelineWithTimes, type TimelineEntry } from './timeline.js';

export interface TimelineRowView {
  time: string;
  elapsed: string;
  who: string;
  what: string;
}

/** What the timeline template receives. */
export interface TimelineView {
  lang: string;
  incident: string;
  title: string;
  platform: string;
  brand: string | null;
  date: string;
  detected: string;
  is_open: boolean;
  is_false_alarm: boolean;
  is_drill: boolean;
  as_of: string;
  /** The zone every time is in, named once: `Europe/Paris, UTC+01:00`. */
  time_zone: string;
  /** Time the incident was resolved or closed as a false alarm; empty while open. */
  ended: string;
  rows: TimelineRowView[];
}

/** What the report template receives (see templates/report.en.md.hbs). */
export interface ReportView extends TimelineView {
  summary: Record<
    'incident' | 'playbook' | 'severity' | 'detected' | 'confirmed' | 'first_post' | 'resolved' | 'duration' | 'lead' | 'kind',
    string
  >;
  figures: {
    to_confirmation: string;
    to_first_post: string;
    first_posts: Array<{ channel: string; time: string; after: string }>;
    updates: string;
    longest_gap: string;
    cadence: string;
    gap_verdict: string;
    gaps_over_cadence: number;
    checklist: string;
    duration: string;
  };
  deadlines: Array<{ phase: string; due: string; completed: string; result: string; met: boolean }>;
  impact: Array<{ question: string; answer: string }>;
  gantt: GanttView;
  /** `over_limit`: posted although the text was over the channel's limit. */
  communications: Array<{ channel: string; posts: Array<{ time: string; title: string; subject: string | null; text: string; over_limit: boolean }> }>;
  actions: Array<{ action: string; deadline: string; owner: string; status: string }>;
  lessons: { any: boolean; went_well: string[]; went_wrong: string[]; other: Array<{ question: string; answer: string }> };
  follow_up: string[];
}

export interface ViewOptions {
  now: Date;
}

/** Whether two instants fall on different local days. */
function differentDays(a: string, b: string, zone: string): boolean {
  return !sameDayInZone(a, b, zone);
}

interface Shared {
  log: IncidentLog;
  state: IncidentState;
  figures: ReportFigures;
  locale: ReportLocale;
  withDay: boolean;
  time: (iso: string) => string;
}

function shared(log: IncidentLog, playbook: Playbook, options: ViewOptions): Shared {
  const { state } = log;
  const figures = computeFigures(log, playbook, options);
  // The playbook's language, since its texts (questions, checks, titles) fill the report.
  const locale = reportLocale(playbook.lang, state.timeZone);
  // what happened, not when it was written down: a replay of last week spans the days the incident did
  const lastAt = lastHappened(sortedEvents(log), state, figures.as_of);
  const withDay = differentDays(state.detectedAt, lastAt, state.timeZone) || differentDays(state.detectedAt, figures.as_of, state.timeZone);
  return { log, state, figures, locale, withDay, time: (iso) => locale.time(iso, withDay) };
}

/**
 * When the last thing happened: the latest answer, post or note the state
 * keeps (a withdrawn answer and its posts do not count), or `asOf` when it is
 * later. Found from the end of the events in time order, without reading
 * every time again.
 */
function lastHappened(sorted: readonly IncidentEvent[], state: IncidentState, asOf: string): string {
  let last: string | undefined;
  for (let i = sorted.length - 1; i >= 0 && last === undefined; i--) {
    const e = sorted[i]!;
    if (
      e.type === 'note' ||
      (e.type === 'message_posted' && state.posts.includes(e)) ||
      (e.type === 'step_answered' && state.answers.some((a) => a.seq === e.seq && a.step === e.step && a.at === e.at))
    ) {
      last = e.at;
    }
  }
  return last === undefined || Date.parse(asOf) > Date.parse(last) ? asOf : last;
}

function timelineRows({ entries, times }: { entries: TimelineEntry[]; times: number[] }, s: Shared): TimelineRowView[] {
  // the signed words of each duration, built once (rows repeat the same few hundred)
  const signed = { '+': new Map<string, string>(), '-': new Map<string, string>() };
  const elapsed = (sign: '+' | '-', words: string): string => {
    let text = signed[sign].get(words);
    if (text === undefined) signed[sign].set(words, (text = `${sign}${words}`));
    return text;
  };
  const rows: TimelineRowView[] = new Array<TimelineRowView>(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    rows[i] = {
      time: s.locale.timeAt(times[i]!, s.withDay),
      elapsed: e.elapsed_minutes < 0 ? elapsed('-', s.locale.duration(-e.elapsed_minutes)) : elapsed('+', s.locale.duration(e.elapsed_minutes)),
      who: e.who ?? '',
      what: e.what,
    };
  }
  return rows;
}

function baseView(s: Shared, rows: TimelineRowView[]): TimelineView {
  const { figures, locale } = s;
  return {
    lang: locale.lang,
    incident: figures.incident,
    title: figures.title,
    platform: figures.platform ?? figures.title,
    brand: figures.brand,
    date: locale.date(figures.detected_at),
    detected: locale.dateTime(figures.detected_at),
    is_open: figures.in_progress,
    is_false_alarm: figures.false_alarm,
    is_drill: figures.drill,
    as_of: locale.dateTime(figures.as_of),
    time_zone: locale.zoneName(figures.detected_at),
    ended: figures.ended_at ? s.time(figures.ended_at) : '',
    rows,
  };
}

/** The view of `crisis timeline`. */
export function buildTimelineView(input: LogInput, playbook: Playbook, options: ViewOptions): TimelineView {
  const s = shared(incidentLog(input), playbook, options);
  return baseView(s, timelineRows(timelineWithTimes(s.log, playbook, s.locale), s));
}

/** What `crisis report --json` prints: the figures and the timeline (the same as `buildReportView` gives, without the view). */
export function buildReportData(input: LogInput, playbook: Playbook, options: ViewOptions): { figures: ReportFigures; timeline: TimelineEntry[] } {
  const log = incidentLog(input);
  return { figures: computeFigures(log, playbook, options), timeline: buildTimeline(log, playbook, reportLocale(playbook.lang, log.state.timeZone)) };
}

/** The view of `crisis report`, with the figures and timeline it was built from (for `--json`). */
export function buildReportView(input: LogInput, playbook: Playbook, options: ViewOptions): { view: ReportView; figures: ReportFigures; timeline: TimelineEntry[] } {
  const s = shared(incidentLog(input), playbook, options);
  const { figures: f, locale, state, time } = s;
  const { events } = s.log;
  const w = locale.words;
  const timed = timelineWithTimes(s.log, playbook, locale);
  const timeline = timed.entries;
  const after = (iso: string): string => `${time(iso)} (+${locale.duration((new Date(iso).getTime() - new Date(f.detected_at).getTime()) / 60_000)})`;
  const channel = (id: string): string => locale.channel(id, playbook.channels);
  const gap = f.longest_gap;
  const cadence = gap?.cadence_minutes ?? (f.severity?.update_every ? (parseDuration(f.severity.update_every) ?? null) : null);
  const view: ReportView = {
    ...baseView(s, timelineRows(timed, s)),
    summary: {
      incident: f.incident,
      playbook: `${playbook.title} (${f.playbook})`,
      severity: f.severity?.title ?? w.none,
      detected: locale.dateTime(f.detected_at),
      confirmed: f.confirmed_at ? after(f.confirmed_at) : f.false_alarm ? `${w.no}, ${after(f.ended_at!)}` : w.notYet,
      first_post: f.first_post ? `${after(f.first_post.at)}, ${channel(f.first_post.channel)}` : w.none,
      resolved: f.in_progress ? w.inProgress : f.false_alarm ? `${time(f.ended_at!)} (${w.falseAlarm})` : time(f.ended_at!),
      duration: f.in_progress ? `${locale.duration(f.duration_minutes)} (${w.inProgress})` : locale.duration(f.duration_minutes),
      lead: f.lead ?? w.none,
      kind: f.drill ? w.drill : w.real,
    },
    figures: {
      to_confirmation:
        f.to_confirmation_minutes !== null
          ? locale.duration(f.to_confirmation_minutes)
          : f.false_alarm
            ? w.ruledOut(locale.duration(f.duration_minutes))
            : w.none,
      to_first_post: f.first_post ? `${locale.duration(f.first_post.after_minutes)} (${channel(f.first_post.channel)}, ${time(f.first_post.at)})` : w.none,
      first_posts: f.first_post_by_channel.map((p) => ({ channel: channel(p.channel), time: time(p.at), after: locale.duration(p.after_minutes) })),
      updates: w.updates(f.updates.length, f.other_posts.length),
      longest_gap: gap ? `${locale.duration(gap.minutes)} (${gap.ongoing ? w.ongoingGap(time(gap.from)) : `${time(gap.from)} – ${time(gap.to)}`})` : w.none,
      cadence: cadence ? w.cadence(locale.duration(cadence)) : w.noCadence,
      gap_verdict: !gap || gap.over_minutes === null ? w.none : gap.over_minutes > 0 ? w.overCadence(locale.duration(gap.over_minutes)) : w.withinCadence,
      gaps_over_cadence: f.gaps_over_cadence,
      checklist: w.checklist(f.checklist),
      duration: f.in_progress ? `${locale.duration(f.duration_minutes)} (${w.inProgress})` : locale.duration(f.duration_minutes),
    },
    deadlines: f.phases
      // After a false alarm, the phases never reached have nothing to say.
      .filter((p) => p.due_at && p.status && !(f.false_alarm && p.status === 'not_applicable'))
      .map((p) => ({
        phase: p.title,
        due: `${time(p.due_at!)} (+${locale.duration((new Date(p.due_at!).getTime() - new Date(f.detected_at).getTime()) / 60_000)})`,
        completed: p.completed_at ? time(p.completed_at) : w.none,
        result: deadlineResult(p.status!, p.delta_minutes, p.completed_at !== null, locale),
        met: p.status === 'met',
      })),
    impact: impactAnswers(playbook, state, locale),
    gantt: ganttView(f, locale),
    communications: communications(sortedEvents(s.log), playbook, locale, time),
    actions: checklist(playbook, state).map((item) => ({
      action: item.note ? `${item.text} (${item.note})` : item.text,
      deadline: item.due_at ? time(item.due_at) : w.none,
      owner: ownerText(item.owner ?? undefined, playbook, state) || w.none,
      status: item.at && item.status !== 'not_done' ? `${w.status[item.status]}, ${time(item.at)}` : w.status[item.status],
    })),
    lessons: lessons(playbook, state, locale),
    follow_up: playbook.follow_up ?? [],
  };
  return { view, figures: f, timeline };
}

function deadlineResult(status: NonNullable<ReportFigures['phases'][number]['status']>, delta: number | null, completed: boolean, locale: ReportLocale): string {
  const w = locale.words;
  switch (status) {
    case 'met':
      return `${w.deadline.met}, ${locale.lateness(delta ?? 0)}`;
    case 'missed':
      return completed && delta !== null ? `${w.deadline.missed}, ${locale.lateness(delta)}` : w.deadline.missedNever;
    case 'overdue':
      return `${w.deadline.overdue}, ${locale.lateness(delta ?? 0)}`;
    case 'open':
      return `${w.deadline.open}, ${w.left(locale.duration(-(delta ?? 0)))}`;
    case 'not_applicable':
      return w.deadline.notApplicable;
  }
}

/** Answers of the `assess`-stage phase: questions with their answers, and checks that carry a note. */
function impactAnswers(playbook: Playbook, state: IncidentState, locale: ReportLocale): ReportView['impact'] {
  const phase = stagePhase(playbook, 'assess');
  if (!phase) return [];
  const rows: ReportView['impact'] = [];
  for (const step of phase.steps) {
    const record = state.steps[step.id];
    if (!record) continue;
    if (step.ask !== undefined && record.value !== undefined) {
      const note = record.note ? ` (${record.note})` : '';
      rows.push({ question: step.ask, answer: answerText(record.value, step, playbook, state, locale) + note });
    } else if (step.check !== undefined && record.note) {
      rows.push({ question: step.check, answer: record.note });
    }
  }
  return rows;
}

function communications(sorted: readonly IncidentEvent[], playbook: Playbook, locale: ReportLocale, time: (iso: string) => string): ReportView['communications'] {
  const byChannel = new Map<string, ReportView['communications'][number]>();
  for (const post of publicPosts(sorted, playbook)) {
    let group = byChannel.get(post.channel);
    if (!group) byChannel.set(post.channel, (group = { channel: locale.channel(post.channel, playbook.channels), posts: [] }));
    group.posts.push({ time: time(post.at), title: messageTitle(playbook, post.message), subject: post.subject ?? null, text: post.text, over_limit: post.over_limit === true });
  }
  return [...byChannel.values()];
}

const LESSON = /well|wrong|lesson|learn|improv|retro|bien|mal|le[cç]on|am[eé]lior|retex/i;
const WENT_WELL = /well|good|bien|positi/i;
const WENT_WRONG = /wrong|bad|mal|issue|problem|improv|am[eé]lior|n[eé]gati/i;

/**
 * Answers of questions in the `monitor`- and `resolve`-stage phases whose `save_as`
 * looks like a lesson (`went_well`, `went_wrong`, `lessons`, `bien_passe`...).
 * A text answer becomes one bullet per line.
 */
function lessons(playbook: Playbook, state: IncidentState, locale: ReportLocale): ReportView['lessons'] {
  const result: ReportView['lessons'] = { any: false, went_well: [], went_wrong: [], other: [] };
  for (const { step, phase } of stepIndex(playbook).values()) {
    const stage = phaseStage(phase);
    if ((stage !== 'monitor' && stage !== 'resolve') || !step.save_as || !LESSON.test(step.save_as)) continue;
    const value = state.steps[step.id]?.value;
    if (value === undefined || value === '') continue;
    const text = answerText(value, step, playbook, state, locale);
    const lines = text.split(/\r?\n/).map((l) => l.replace(/^\s*[-*•]\s*/, '').trim()).filter(Boolean);
    if (WENT_WELL.test(step.save_as)) result.went_well.push(...lines);
    else if (WENT_WRONG.test(step.save_as)) result.went_wrong.push(...lines);
    else result.other.push({ question: step.ask ?? step.id, answer: text });
  }
  result.any = result.went_well.length + result.went_wrong.length + result.other.length > 0;
  return result;
}

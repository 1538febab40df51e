/**
 * The incident log as a readable timeline: one entry per thing that
 * happened, in time order, with who did it and what, in the playbook's
 * language. Pure. Bookkeeping events (variables and people, which are logged
 * when the run starts rather than when they happened; rendered drafts; advice
 * read) are left out; posts are shown once per update, from `message_posted`
 * (which `crisis announce --posted` writes too), not from the step answer.
 */
import type { IncidentEvent } from '../incident/events.js';
import type { IncidentState } from '../incident/state.js';
import { parseDuration } from '../playbook/duration.js';
import type { Playbook } from '../playbook/schema.js';
import { stepTitle } from '../playbook/kinds.js';
import { answerText, messageTitle, personFor, stepIndex } from './answers.js';
import { UpdateGroups } from './figures.js';
import type { ReportLocale } from './labels.js';
import { incidentLog, sortedEvents, type LogInput } from './log.js';

export interface TimelineEntry {
  at: string;
  /** Minutes since detection (negative for anything logged as before it). */
  elapsed_minutes: number;
  /** The event type the entry comes from (`update` for a group of posts, `detected` for detection). */
  kind: IncidentEvent['type'] | 'update' | 'detected';
  /** Seq of the event, to keep log order among entries at the same time. */
  seq: number;
  who: string | null;
  what: string;
  /** Phase of a step answer or a phase completion. */
  phase: string | null;
}

/** Adds an entry to the timeline being built. */
type Push = (at: string, seq: number, kind: TimelineEntry['kind'], what: string, who?: string | null, phase?: string | null) => void;

/** Builds the timeline of an incident. Throws if the log does not start with `opened`. */
export function buildTimeline(input: LogInput, playbook: Playbook, locale: ReportLocale): TimelineEntry[] {
  return timelineWithTimes(input, playbook, locale).entries;
}

/** The timeline with the time of each entry, parsed (`times[i]` is `entries[i].at` in milliseconds), for a view that formats them. */
export function timelineWithTimes(input: LogInput, playbook: Playbook, locale: ReportLocale): { entries: TimelineEntry[]; times: number[] } {
  const log = incidentLog(input);
  const { state } = log;
  const steps = stepIndex(playbook);
  const w = locale.words;
  const detected = Date.parse(state.detectedAt);
  const entries: TimelineEntry[] = [];
  // each entry's time, parsed once, for the sort
  const times: number[] = [];
  const push: Push = (at, seq, kind, what, who, phase) => {
    const t = Date.parse(at);
    times.push(t);
    entries.push({
      at,
      elapsed_minutes: (t - detected) / 60_000,
      kind,
      seq,
      who: who ?? null,
      what,
      phase: phase ?? null,
    });
  };
  const sorted = sortedEvents(log);
  for (const e of sorted) {
    switch (e.type) {
      case 'opened': {
        const what = [state.platform ? w.detected(state.platform) : undefined, w.opened(e.title)].filter(Boolean).join('. ');
        push(e.detected_at, 0, 'detected', what);
        break;
      }
      case 'step_answered': {
        if (e.kind === 'info') break;
        const ref = steps.get(e.step);
        const who = personFor(e.by ?? ref?.step.owner, playbook, state);
        const note = e.note ? ` (${e.note})` : '';
        if (e.kind === 'check') {
          const text = ref?.step.check ?? e.step;
          push(e.at, e.seq, e.type, `${w.checkLine[e.status ?? 'done']}${w.colon}${text}${note}`, who, e.phase);
        } else if (e.kind === 'ask') {
          const question = ref?.step.ask ?? e.step;
          const answer = e.value === undefined || e.value === '' ? w.leftBlank : answerText(e.value, ref?.step, playbook, state, locale);
          push(e.at, e.seq, e.type, `${question} → ${answer}${note}`, who, e.phase);
        } else if ((e.posted ?? []).length === 0) {
          const message = ref?.step.announce ? messageTitle(playbook, ref.step.announce) : e.step;
          push(e.at, e.seq, e.type, `${w.notPosted(message)}${note}`, who, e.phase);
        }
        break;
      }
      case 'severity_changed': {
        const cadence = e.update_every ? w.cadence(locale.duration(parseDuration(e.update_every) ?? 0)) : undefined;
        const notify = e.notify.map((r) => personFor(r, playbook, state) ?? r);
        const what = w.severitySet(e.title, cadence) + (notify.length ? w.notified(locale.list(notify)) : '');
        push(e.at, e.seq, e.type, what);
        break;
      }
      case 'note':
        push(e.at, e.seq, e.type, e.text, personFor(e.by, playbook, state));
        break;
      case 'phase_completed': {
        const phase = playbook.phases.find((p) => p.id === e.phase);
        push(e.at, e.seq, e.type, w.phaseDone(phase?.title ?? e.phase), null, e.phase);
        break;
      }
      case 'resolved':
        push(e.at, e.seq, e.type, w.resolved);
        break;
      case 'false_alarm':
        push(e.at, e.seq, e.type, w.falseAlarmDeclared);
        break;
      case 'reopened':
        push(e.at, e.seq, e.type, w.reopened);
        break;
      case 'answer_withdrawn': {
        const ref = steps.get(e.step);
        push(e.at, e.seq, e.type, w.withdrawn(ref ? stepTitle(playbook, ref.step) : e.step), null, ref?.phase.id);
        break;
      }
      case 'discarded':
        push(e.at, e.seq, e.type, w.discarded);
        break;
      default:
        break;
    }
  }
  addUpdates(push, sorted, playbook, state, locale);
  // Times parsed once, not in the comparator (long logs).
  const order = entries.map((_, i) => i);
  order.sort((a, b) => times[a]! - times[b]! || entries[a]!.seq - entries[b]!.seq);
  return { entries: order.map((i) => entries[i]!), times: order.map((i) => times[i]!) };
}

/** One entry per update (a message posted at one moment on one or more channels), private replies included. */
function addUpdates(push: Push, sorted: readonly IncidentEvent[], playbook: Playbook, state: IncidentState, locale: ReportLocale): void {
  const steps = stepIndex(playbook);
  const groups = new UpdateGroups();
  for (const e of sorted) if (e.type === 'message_posted') groups.add(e, Date.parse(e.at));
  groups.updates.forEach((update, i) => {
    const first = groups.firstPosts[i];
    const owner = first?.step ? steps.get(first.step)?.step.owner : undefined;
    const channels = locale.list(update.channels.map((c) => locale.channel(c, playbook.channels)));
    const what = (playbook.messages?.[update.message]?.audience === 'private' ? locale.words.sent : locale.words.posted)(messageTitle(playbook, update.message), channels);
    push(update.at, first?.seq ?? 0, 'update', what, personFor(owner, playbook, state) ?? null, first?.step ? (steps.get(first.step)?.phase.id ?? null) : null);
  });
}

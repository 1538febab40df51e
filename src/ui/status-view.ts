/**
 * `crisis status` as text, in the incident's language: state, detection,
 * severity, progress, next public update, the deadlines and the latest
 * notes. Pure: the command gives it the status, the state and the clock.
 */
import type { ChalkInstance } from 'chalk';
import type { IncidentState } from '../incident/state.js';
import type { StatusJson } from '../incident/status.js';
import { dateLocale } from '../messages/helpers.js';
import type { Playbook } from '../playbook/schema.js';
import { wordsFor, fill } from '../i18n/index.js';
import { clock } from './time.js';
import { systemTimeZone, zoneLabel } from '../zone.js';
import { durationInWords } from '../playbook/duration.js';
import { notifyWords } from '../notify/words.js';

/** `template` with its `{}` replaced by `value`. */

/** The lines `crisis status` prints. */
export function formatStatus(status: StatusJson, state: IncidentState, playbook: Playbook, now: Date, p: ChalkInstance): string[] {
  const w = wordsFor(status.lang);
  const locale = dateLocale(status.lang);
  const at = (iso: string | Date) => clock(new Date(iso), now, locale, state.timeZone);
  const span = (ms: number) => durationInWords(ms / 60_000, w.lang);
  const detected = new Date(status.detected_at);
  const end = state.endedAt ? new Date(state.endedAt) : now;
  const label = { open: p.yellow.bold(w.stateOpen), resolved: p.green.bold(w.stateResolved), 'false-alarm': p.dim.bold(w.stateFalseAlarm), discarded: p.dim.bold(w.stateDiscarded) }[status.state];

  // one column for the values, after the longest label of the language
  const labels = [w.detected, w.zone, w.severity, w.progress, w.nextUpdateAt];
  const width = Math.max(...labels.map((l) => l.length)) + 1;
  const row = (name: string, value: string) => `${name.padEnd(width)}${value}`;

  const lines = [
    `${p.bold(status.id)}  ${label}${status.drill ? p.cyan(`  (${w.drill})`) : ''}`,
    `${status.title}  [${status.playbook}.${status.lang}]`,
    row(w.detected, `${at(detected)}  (${fill(state.endedAt ? w.inAll : w.ago, span(end.getTime() - detected.getTime()))})`),
    // times are the incident's wall clock: said when this machine's differs
    ...(state.timeZone !== systemTimeZone() ? [row(w.zone, zoneLabel(state.timeZone, now))] : []),
    row(w.severity, state.severityTitle ?? p.dim(w.notSetYet)),
    row(w.progress, `${status.steps.done}/${status.steps.total} ${w.steps}${status.next_step ? `, ${w.nextStep}${w.colon}${status.next_step} (${status.phase})` : ''}`),
  ];
  if (status.next_update_due_at) {
    const due = new Date(status.next_update_due_at);
    const late = due.getTime() < now.getTime();
    const when = late ? p.red.bold(` (${span(now.getTime() - due.getTime())} ${w.late})`) : ` (${fill(w.inDuration, span(due.getTime() - now.getTime()))})`;
    lines.push(row(w.nextUpdateAt, `${at(due)}${when}`));
  }
  if (status.notifications) {
    const nw = notifyWords(status.lang);
    const n = status.notifications;
    const parts = [nw.sentCount(n.sent), n.pending ? p.yellow(nw.pendingCount(n.pending)) : '', n.failed ? p.red.bold(nw.failedCount(n.failed)) : ''];
    lines.push(`${nw.teamNotifications}${nw.colon}${parts.filter(Boolean).join(', ')}${n.pending + n.failed ? p.dim(`  (crisis notify ${status.id})`) : ''}`);
  }

  lines.push('', p.bold(w.deadlines));
  const names = { met: w.deadlineMet, missed: w.deadlineMissed, open: w.deadlineOpen, overdue: w.deadlineOverdue, not_applicable: w.deadlineNotApplicable };
  const markWidth = Math.max(0, ...status.deadlines.map((d) => names[d.status].length));
  const marks = {
    met: p.green(`✔ ${names.met.padEnd(markWidth)}`),
    missed: p.red(`✖ ${names.missed.padEnd(markWidth)}`),
    open: p.yellow(`… ${names.open.padEnd(markWidth)}`),
    overdue: p.red.bold(`! ${names.overdue.padEnd(markWidth)}`),
    not_applicable: p.dim(`- ${names.not_applicable.padEnd(markWidth)}`),
  };
  for (const d of status.deadlines) {
    const due = new Date(d.due_at);
    const title = playbook.phases.find((x) => x.id === d.phase)?.title ?? d.phase;
    // lateness is counted to the end of an ended incident, never to today
    const measured = (d.met_at ? new Date(d.met_at) : end).getTime() - due.getTime();
    // a stand-down phase never walked after the resolution: missed, with no lateness counted to today
    const late = measured;
    const detail = d.met_at
      ? `${w.doneAt} ${at(d.met_at)}`
      : d.status === 'open'
        ? fill(w.timeLeft, span(-late))
        : d.status === 'not_applicable' || late <= 0
          ? ''
          : `${span(Math.max(0, late))} ${w.late}`;
    lines.push(`  ${marks[d.status]} ${at(due)}  ${title}${detail ? `  ${p.dim(`(${detail})`)}` : ''}`);
  }
  if (state.notes.length) {
    lines.push('', p.bold(w.latestNotes));
    for (const n of state.notes.slice(-3)) {
      // a note signed with a role id shows the role's title
      const by = n.by ? (Object.hasOwn(playbook.roles, n.by) ? (playbook.roles[n.by]?.title ?? n.by) : n.by) : '';
      const head = `  ${at(n.at)}  ${by ? `${by}${w.colon}` : ''}`;
      // a note of several lines keeps them under its first
      lines.push(head + n.text.split('\n').join(`\n${' '.repeat(head.length)}`));
    }
  }
  return lines;
}

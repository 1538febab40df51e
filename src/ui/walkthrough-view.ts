/**
 * Paints the walkthrough for a person: a status line with the elapsed time,
 * the phase and its deadline, and the next public update; each step with its
 * owner, links and progress; announcements as ready-to-paste blocks; the
 * escalation when a severity is chosen. Reads well without colours too.
 */
import { channelName } from '../messages/channels.js';
import type { ChalkInstance } from 'chalk';
import type { Playbook } from '../playbook/schema.js';
import type { OutputStream } from '../context.js';
import type { WalkEvent } from '../incident/walkthrough.js';
import { nextUpdateDue } from '../incident/engine.js';
import { phaseDeadline } from '../incident/deadlines.js';
import { dateLocale } from '../messages/helpers.js';
import { formatAnnouncement } from './announcement.js';
import { wordsFor, fill } from '../i18n/index.js';
import { clock } from './time.js';
import { cadenceInWords, durationInWords } from '../playbook/duration.js';
import { showNumber } from '../playbook/formats.js';
import { fitToWidth, terminalWidth } from './format.js';

export interface ViewOptions {
  playbook: Playbook;
  out: OutputStream;
  paint: ChalkInstance;
  /** Live: the full screen for a person; otherwise one line per answered step. */
  live: boolean;
}

/** A display callback for `walk`. */
export function walkthroughView({ playbook, out, paint, live }: ViewOptions): (e: WalkEvent) => void {
  const w = wordsFor(playbook.lang);
  const locale = dateLocale(w.lang);
  const duration = (ms: number) => durationInWords(ms / 60_000, w.lang);
  // times in the incident's zone (every event carries the state, which holds it)
  let zone: string | undefined;
  const at = (date: Date, reference: Date) => clock(date, reference, locale, zone);
  // read at each line, so that the text follows a resize of the terminal
  const columns = () => (live ? terminalWidth(out) : undefined);
  const print = (text = '') => out.write(`${fitToWidth(text, columns())}
`);
  let lastPhase: string | undefined;

  return (e) => {
    if ('state' in e && e.state) zone = e.state.timeZone;
    switch (e.type) {
      case 'step': {
        const { action, state, now } = e;
        const { step, phase } = action;
        if (phase.id !== lastPhase) {
          lastPhase = phase.id;
          const n = playbook.phases.indexOf(phase) + 1;
          print();
          print(paint.bold.cyan(`━━ ${w.phase} ${n}/${playbook.phases.length}${w.colon}${phase.title} ━━`));
          if (phase.goal && live) print(paint.cyan(phase.goal));
        }
        if (!live) return;
        const detected = new Date(state.detectedAt);
        const parts = [`${duration(now.getTime() - detected.getTime())} ${w.elapsed}`];
        const deadline = phaseDeadline(playbook, state, phase.id, now);
        if (deadline?.due_at && deadline.status && deadline.late_ms !== null) {
          const when = `${phase.title} ${w.due} ${at(new Date(deadline.due_at), now)}`;
          if (deadline.status === 'met') parts.push(`${when} (${w.deadlineMet})`);
          else if (deadline.status === 'open') parts.push(`${when} (${fill(w.timeLeft, duration(-deadline.late_ms))})`);
          else parts.push(paint.red.bold(`${when} (${duration(deadline.late_ms)} ${w.late})`));
        }
        const update = nextUpdateDue(playbook, state);
        if (update) {
          const late = update.getTime() < now.getTime();
          const text = `${w.nextUpdate} ${at(update, now)}`;
          parts.push(late ? paint.red.bold(`${text} (${duration(now.getTime() - update.getTime())} ${w.late})`) : text);
        }
        print();
        print(paint.dim(`${state.id} · `) + parts.join(paint.dim(' · ')));
        const counter = action.repeat ? `${w.repeatOf}` : `${w.step} ${action.index} ${w.of} ${action.total}`;
        const title = step.check ?? step.ask ?? step.info ?? playbook.messages?.[step.announce ?? '']?.title ?? step.announce ?? step.id;
        // check and ask texts are the prompt's own message; do not print them twice
        const shown = step.info !== undefined ? paint.yellow(title) : step.announce !== undefined ? paint.bold(title) : '';
        const owner = step.owner
          ? `${w.owner}${w.colon}${playbook.roles[step.owner]?.title ?? step.owner}${state.people[step.owner] ? ` (${state.people[step.owner]})` : ''}`
          : '';
        print([paint.bold(`[${counter}]`), shown, owner ? paint.dim(owner) : ''].filter(Boolean).join('  '));
        for (const link of step.links ?? []) print(`  ${paint.underline(link)}`);
        if (step.replies?.length) {
          print(`  ${w.repliesToPrint}`);
          for (const id of step.replies) print(`    crisis announce ${state.id} ${id}  ${paint.dim(`# ${playbook.messages?.[id]?.title ?? id}`)}`);
        }
        return;
      }
      case 'announcement':
        if (live) print(`\n${formatAnnouncement(e.announcement, paint, playbook.lang, Math.min(72, columns() ?? 72), { copyKeys: true })}`);
        for (const warning of e.announcement.warnings) print(paint.yellow(`  ${w.warning}${w.colon}${warning}`));
        return;
      case 'answered': {
        const severity = e.events.find((x) => x.type === 'severity_changed');
        if (!live) {
          const answered = e.events.find((x) => x.type === 'step_answered');
          if (answered && answered.type === 'step_answered') {
            const statuses = { done: w.answeredDone, skipped: w.answeredSkipped, na: w.answeredNa };
            const value = answered.status
              ? statuses[answered.status]
              : answered.posted
                ? fill(w.answeredPosted, answered.posted.map((c) => channelName(c, playbook.lang, playbook.channels)).join(', ') || w.noChannel)
                : answered.value;
            const one = (v: string | number | boolean): string => (typeof v === 'boolean' ? (v ? w.answeredYes : w.answeredNo) : typeof v === 'number' ? showNumber(v, playbook.lang) : v);
            const shown = Array.isArray(value) ? value.map(one).join(', ') : value === undefined ? '' : one(value);
            print(`  ${paint.green('✔')} ${e.step.id}${value !== undefined ? `${w.colon}${shown}` : ''}`);
          }
        }
        if (severity && severity.type === 'severity_changed') {
          const who = severity.notify.map((r) => {
            const person = e.state.people[r];
            return `${playbook.roles[r]?.title ?? r}${person ? ` (${person})` : ''}`;
          });
          print(paint.yellow.bold(`  ${w.severity}${w.colon}${severity.title}${who.length ? ` — ${w.alert}${w.colon}${who.join(', ')}` : ''}`));
          if (severity.update_every) print(paint.yellow(`  ${headOfLine(w.nextUpdate)}${w.colon}${cadenceInWords(severity.update_every, w.lang)}`));
        }
        return;
      }
      case 'resolved':
        print(paint.green.bold(`\n${w.resolved}`));
        return;
      case 'waiting': {
        print();
        print(paint.bold(w.waitingTitle.split('.')[0] + '.'));
        if (e.nextUpdateDueAt) print(`${headOfLine(w.nextUpdate)}${w.colon}${at(e.nextUpdateDueAt, new Date(e.state.lastAt))}`);
        print(`  crisis status            # ${w.whereItStands}`);
        print(`  crisis announce <message> # ${w.updateToPaste}`);
        print(`  crisis resolve           # ${w.whenBack}`);
        return;
      }
      case 'complete':
        print();
        print(paint.green.bold(e.state.state === 'false-alarm' ? w.falseAlarm : `${w.complete} ${e.state.state === 'resolved' ? w.resolved : ''}`));
        print(`${w.reportHint}${w.colon}crisis report ${e.state.id} > post-mortem.md`);
        return;
    }
  };
}

/** Words that run on inside a line (`· next public update 16:34`) when they begin one. */
function headOfLine(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

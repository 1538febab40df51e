process.env.TZ = 'UTC';

import { describe, expect, it } from 'vitest';
import { reportLocale } from '../../src/report/labels.js';
import { buildTimeline } from '../../src/report/timeline.js';
import { at, falseAlarm, log, overMidnight, resolvedIncident } from '../fixtures/report/events.js';
import { playbookEn, playbookFr } from '../fixtures/report/playbook.js';

const en = reportLocale('en');

describe('buildTimeline', () => {
  const entries = buildTimeline(resolvedIncident(), playbookEn, en);
  const find = (what: string) => entries.find((e) => e.what.includes(what));

  it('starts at detection and keeps time order with the elapsed time', () => {
    expect(entries[0]).toMatchObject({ at: at('09:05'), elapsed_minutes: 0, kind: 'detected' });
    const times = entries.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(find('Incident resolved')).toMatchObject({ elapsed_minutes: 245 });
  });

  it('names who did it: the person behind the role answering, or the step owner, or the note author', () => {
    expect(find('Test on a computer')?.who).toBe('Sam');
    expect(find("Messenger's side")?.who).toBe('Julie Martin');
    expect(find('Support inbox')?.who).toBe('Julie Martin');
    expect(find('Posted “First public announcement”')?.who).toBe('Karim');
  });

  it('shows answers with their labels and notes', () => {
    expect(find('Which services')?.what).toBe('Which services are affected? → Private messages, Chatbots');
    expect(find('How many')?.what).toBe('How many conversations are waiting? → 120 (and rising)');
    expect(find("Messenger's side")?.what).toContain('→ yes');
  });

  it('shows one entry per update, and private replies as sent, not posted', () => {
    expect(entries.filter((e) => e.kind === 'update').map((e) => e.what)).toEqual([
      'Posted “First public announcement” on X, Facebook and Website banner',
      'Replied in private with “Private reply” on WhatsApp',
      'Posted “Update” on X',
      'Posted “Update” on X',
      'Posted “Back to normal” on X and Facebook',
    ]);
  });

  it('records severity changes with the cadence and who is notified', () => {
    expect(find('Severity set')?.what).toBe('Severity set to Major (at most 1 h between updates); notify Julie Martin');
  });

  it('leaves bookkeeping out (variables, people, rendered drafts)', () => {
    expect(entries.some((e) => ['variables_set', 'people_set', 'message_rendered'].includes(e.kind))).toBe(false);
  });

  it('ends a false alarm with its declaration', () => {
    const alarm = buildTimeline(falseAlarm(), playbookEn, en);
    expect(alarm.at(-1)).toMatchObject({ kind: 'false_alarm', elapsed_minutes: 7 });
  });

  it('counts elapsed time across midnight', () => {
    const night = buildTimeline(overMidnight(), playbookEn, en);
    expect(night.find((e) => e.kind === 'resolved')?.elapsed_minutes).toBe(110);
  });

  it('places entries dated before the log order where they happened', () => {
    const base = resolvedIncident().slice(0, 1).map(({ v: _v, seq: _s, ...e }) => e) as Parameters<typeof log>;
    const events = log(...base, { type: 'note', at: at('10:00'), text: 'late' }, { type: 'note', at: at('09:30'), text: 'early' });
    expect(buildTimeline(events, playbookEn, en).map((e) => e.what).slice(1)).toEqual(['early', 'late']);
  });

  it('speaks French for a French playbook', () => {
    const fr = buildTimeline(resolvedIncident('fr'), playbookFr, reportLocale('fr'));
    expect(fr.find((e) => e.kind === 'step_answered' && e.what.startsWith('Fait'))?.what).toBe(
      'Fait\u202f: Tester sur ordinateur et téléphone, en Wi-Fi et en 4G',
    );
    expect(fr.find((e) => e.kind === 'resolved')?.what).toBe('Incident résolu');
  });
});

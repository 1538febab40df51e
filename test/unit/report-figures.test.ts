process.env.TZ = 'UTC';

import { describe, expect, it } from 'vitest';
import { computeFigures } from '../../src/report/figures.js';
import { at, falseAlarm, log, openIncident, overMidnight, resolvedIncident } from '../fixtures/report/events.js';
import { playbookEn } from '../fixtures/report/playbook.js';

const now = new Date(at('10:50'));
const figures = (events = resolvedIncident()) => computeFigures(events, playbookEn, { now });

describe('time to confirmation', () => {
  it('is the first yes to the confirm question of the confirm phase', () => {
    const f = figures();
    expect(f.confirmed_at).toBe(at('09:11'));
    expect(f.confirmed_by).toBe('answer');
    expect(f.to_confirmation_minutes).toBe(6);
  });

  it('falls back to the completion of the confirm phase', () => {
    const f = figures(openIncident());
    expect(f.confirmed_by).toBe('phase_completed');
    expect(f.to_confirmation_minutes).toBe(7);
  });

  it('is absent for a false alarm (the answer was no)', () => {
    const f = figures(falseAlarm());
    expect(f.confirmed_at).toBeNull();
    expect(f.to_confirmation_minutes).toBeNull();
  });

  it('uses when the answer happened, not the order it was logged in', () => {
    const events = log(
      ...resolvedIncident().slice(0, 1),
      { type: 'step_answered', at: at('09:30'), step: 'confirmed', phase: 'confirm', kind: 'ask', value: true },
      { type: 'step_answered', at: at('09:10'), step: 'confirmed', phase: 'confirm', kind: 'ask', value: true },
    );
    expect(figures(events).to_confirmation_minutes).toBe(5);
  });
});

describe('first public message', () => {
  it('is measured overall and per channel, ignoring private replies', () => {
    const f = figures();
    expect(f.first_post).toEqual({ channel: 'x', at: at('09:31'), after_minutes: 26 });
    expect(f.first_post_by_channel.map((p) => [p.channel, p.after_minutes])).toEqual([
      ['x', 26],
      ['facebook', 26],
      ['website', 26],
    ]);
    expect(f.first_post_by_channel.some((p) => p.channel === 'whatsapp')).toBe(false);
  });

  it('is absent when nothing was posted', () => {
    expect(figures(falseAlarm()).first_post).toBeNull();
  });
});

describe('updates and cadence', () => {
  it('counts the repeat: cadence posts as updates, other public messages apart (one message at one moment)', () => {
    const f = figures();
    expect(f.posts).toBe(7);
    expect(f.updates.map((u) => [u.at, u.message, u.channels.length])).toEqual([
      [at('10:20'), 'update', 1],
      [at('11:45'), 'update', 1],
    ]);
    expect(f.other_posts.map((u) => [u.at, u.message, u.channels.length])).toEqual([
      [at('09:31'), 'initial', 3],
      [at('13:15'), 'resolved', 2],
    ]);
  });

  it('counts no gap after the all-clear: a summary posted hours later is not a missed update', () => {
    const base = resolvedIncident();
    const late = log({ type: 'message_posted', at: at('17:30'), message: 'summary', channel: 'facebook', text: 'What happened.' })[0]!;
    const events = [...base, { ...late, seq: base.length + 1 }];
    const f = figures(events);
    expect(f.longest_gap).toMatchObject({ from: at('11:45'), to: at('13:15'), minutes: 90 });
    expect(f.gaps_over_cadence).toBe(figures().gaps_over_cadence);
  });

  it('finds the longest gap and how far it went beyond the cadence of the severity in force', () => {
    const f = figures();
    expect(f.longest_gap).toMatchObject({
      from: at('11:45'),
      to: at('13:15'),
      minutes: 90,
      severity: 'major',
      cadence_minutes: 60,
      over_minutes: 30,
      ongoing: false,
    });
    // 10:20 -> 11:45 (85 min) and 11:45 -> 13:15 (90 min) are both longer than 1 h
    expect(f.gaps_over_cadence).toBe(2);
  });

  it('counts the silence since the last update while the incident is open', () => {
    const f = figures(openIncident());
    expect(f.longest_gap).toMatchObject({ from: at('09:31'), to: at('10:50'), minutes: 79, over_minutes: 19, ongoing: true });
  });

  it('takes the cadence of the severity in force when the gap began', () => {
    const base = resolvedIncident().slice(0, 1);
    const events = log(
      ...base,
      { type: 'severity_changed', at: at('09:10'), severity: 'minor', title: 'Minor', notify: [], update_every: '2h' },
      { type: 'message_posted', at: at('09:30'), message: 'initial', channel: 'x', text: 'a' },
      { type: 'message_posted', at: at('11:00'), message: 'update', channel: 'x', text: 'b' },
      { type: 'severity_changed', at: at('11:10'), severity: 'major', title: 'Major', notify: [], update_every: '1h' },
      { type: 'message_posted', at: at('12:20'), message: 'update', channel: 'x', text: 'c' },
      { type: 'resolved', at: at('12:30') },
    );
    const f = figures(events);
    // 09:30 -> 11:00 is 90 min under a 2 h cadence: fine; 11:00 -> 12:20 is 80 min, begun under minor too
    expect(f.gaps_over_cadence).toBe(0);
    expect(f.longest_gap).toMatchObject({ minutes: 90, cadence_minutes: 120, over_minutes: 0 });
  });

  it('has no cadence verdict when no severity was chosen', () => {
    const events = log(
      ...resolvedIncident().slice(0, 1),
      { type: 'message_posted', at: at('09:30'), message: 'initial', channel: 'x', text: 'a' },
      { type: 'message_posted', at: at('10:30'), message: 'update', channel: 'x', text: 'b' },
    );
    expect(figures(events).longest_gap).toMatchObject({ minutes: 60, cadence_minutes: null, over_minutes: null });
  });
});

describe('phase deadlines', () => {
  it('says which were met or missed and by how much', () => {
    const byPhase = Object.fromEntries(figures().phases.map((p) => [p.phase, [p.status, p.delta_minutes]]));
    expect(byPhase).toEqual({
      confirm: ['met', -9],
      assess: ['met', -8],
      communicate: ['missed', 45],
      redirect: ['missed', 15],
      resolve: ['met', -40],
    });
  });

  it('counts a phase completed exactly at its deadline as met', () => {
    const events = log(
      ...resolvedIncident().slice(0, 1),
      { type: 'phase_completed', at: at('09:20'), phase: 'confirm' },
    );
    expect(figures(events).phases[0]).toMatchObject({ status: 'met', delta_minutes: 0 });
  });

  it('marks open phases overdue or open against now', () => {
    const phases = figures(openIncident()).phases;
    expect(phases.map((p) => p.status)).toEqual(['met', 'overdue', 'overdue', 'overdue', 'open']);
    expect(phases[3]!.delta_minutes).toBe(45);
    expect(phases[4]!.delta_minutes).toBe(-195);
  });

  it('after a false alarm, judges only the phase it was declared in', () => {
    const phases = figures(falseAlarm()).phases;
    expect(phases.map((p) => p.status)).toEqual(['met', ...Array(4).fill('not_applicable')]);
    expect(phases[0]).toMatchObject({ completed_at: at('14:07'), delta_minutes: -8 });
  });

  it('counts a phase never completed by the end of a resolved incident as missed', () => {
    const phases = figures(overMidnight()).phases;
    // detected 23:40, resolved 01:30: confirm done 3 min late; assess and redirect (00:40) never done;
    // communicate met by the first post at 00:10, on its deadline (its update was never owed: due 02:10, after the resolution);
    // resolve (04:40), walked after the resolution, not due at the time of the figures
    expect(phases.map((p) => p.status)).toEqual(['missed', 'missed', 'met', 'missed', 'open']);
    expect(phases[0]!.delta_minutes).toBe(3);
    // measured to the resolution, never to today
    expect(phases[3]!.delta_minutes).toBe(50);
  });
});

describe('duration and outcome', () => {
  it('runs from detection to resolution', () => {
    const f = figures();
    expect(f.duration_minutes).toBe(245);
    expect(f).toMatchObject({ outcome: 'resolved', in_progress: false, false_alarm: false, drill: false, ended_at: at('13:10') });
  });

  it('runs to now while in progress', () => {
    const f = figures(openIncident());
    expect(f).toMatchObject({ in_progress: true, ended_at: null, duration_minutes: 105, as_of: now.toISOString() });
  });

  it('says false alarm and drill', () => {
    expect(figures(falseAlarm())).toMatchObject({ outcome: 'false-alarm', false_alarm: true, duration_minutes: 7 });
    expect(figures(overMidnight())).toMatchObject({ drill: true, duration_minutes: 110 });
  });

  it('measures an incident over midnight across the date change', () => {
    const f = figures(overMidnight());
    expect(f.first_post?.after_minutes).toBe(30);
    expect(f.to_confirmation_minutes).toBe(10);
    expect(f.ended_at).toBe(at('01:30', '2026-11-22'));
  });
});

describe('summary values', () => {
  it('carries brand, lead, severity and the checklist counts', () => {
    const f = figures();
    expect(f).toMatchObject({ brand: 'Acme', lead: 'Julie Martin', platform: 'Facebook Messenger' });
    expect(f.severity).toEqual({ id: 'major', title: 'Major', update_every: '1h' });
    // sms-vip applies only when ads are affected: not applicable here
    expect(f.checklist).toEqual({ done: 4, skipped: 0, na: 1, not_done: 0, total: 5 });
  });
});

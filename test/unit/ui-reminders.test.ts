/** When the waiting menu alerts: an update due, a deadline 5 minutes away or passed; and its order. */
import { describe, expect, it } from 'vitest';
import { foldEvents } from '../../src/incident/state.js';
import { dueAt, notifyDesktop, remindersOf } from '../../src/ui/reminders.js';
import { waitingOrder } from '../../src/ui/waiting-prompt.js';
import { openIncident } from '../fixtures/report/events.js';
import { playbookEn } from '../fixtures/report/playbook.js';

const at = (hm: string) => new Date(`2026-11-21T${hm}:00+01:00`);

describe('reminders', () => {
  it('an update is due from its time on', () => {
    const r = { nextUpdateAt: at('11:20') };
    expect(dueAt(r, at('11:19')).update).toBe(false);
    expect(dueAt(r, at('11:20')).update).toBe(true);
  });

  it('a deadline alerts 5 minutes before, and after', () => {
    const r = { deadline: { title: 'Tell the community', dueAt: at('09:30') } };
    expect(dueAt(r, at('09:24')).deadline).toBe(false);
    expect(dueAt(r, at('09:25')).deadline).toBe(true);
    expect(dueAt(r, at('09:40')).deadline).toBe(true);
    expect(dueAt({}, at('09:40'))).toEqual({ update: false, deadline: false });
  });

  it('"Post an update now" comes first only when the update is due', () => {
    expect(waitingOrder(true, true)[0]).toBe('update');
    expect(waitingOrder(false, true)[0]).toBe('resolve');
    expect(waitingOrder(false, false)).not.toContain('update');
  });

  it('offers an update only when the playbook has one to post before resolution', () => {
    const state = foldEvents(openIncident());
    const now = new Date('2026-11-21T12:00:00Z');
    expect(remindersOf(playbookEn, state, now).canUpdate).toBe(true);
    const noUpdate = {
      ...playbookEn,
      phases: playbookEn.phases.map((p) => ({ ...p, steps: p.steps.filter((s) => s.repeat !== 'cadence') })),
    };
    expect(remindersOf(noUpdate, state, now).canUpdate).toBe(false);
  });

  it('a desktop notification is a quiet no-op where the system has none', () => {
    expect(() => notifyDesktop('crisis', 'An update is due', {}, 'linux')).not.toThrow();
    expect(() => notifyDesktop('crisis', 'An update is due', {}, 'win32')).not.toThrow();
  });
});

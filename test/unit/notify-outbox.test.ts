/**
 * The outbox as a pure function of the log: what it queues after a severity,
 * a resolution, a reopening; ids derived, so a second look (another process,
 * a run after a crash) queues nothing twice; the latest cause of each kind
 * only, for a team that adds notify: midway; nothing for a discarded incident
 * or a withdrawn severity.
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IncidentEvent, NewEvent } from '../../src/incident/events.js';
import { foldEvents } from '../../src/incident/state.js';
import { parseTeamDefaults } from '../../src/incident/answers.js';
import { resolvePlaybook } from '../../src/playbook/find.js';
import type { Playbook } from '../../src/playbook/schema.js';
import type { NotifyConfig } from '../../src/notify/config.js';
import { notificationId, notificationsToQueue } from '../../src/notify/outbox.js';
import { queueDue } from '../../src/notify/hooks.js';
import { fileStore } from '../../src/incident/file-store.js';
import { readEvents } from '../../src/incident/log-store.js';
import { tempDirs } from '../helpers/store-fixtures.js';

let playbook: Playbook;
const config = parseTeamDefaults(
  'config.yaml',
  'notify:\n  lead: { email: lead@acme.example, slack: "https://hooks.slack.com/services/T/B/x" }\n  management: { email: ceo@acme.example }\n  community: { email: cm@acme.example }\n',
).notify as NotifyConfig;

beforeAll(async () => {
  playbook = (await resolvePlaybook(resolve('test/fixtures/playbooks/mini-down.en.yaml'), { cwd: process.cwd(), env: {}, playbookDirs: [] })).playbook;
});

const OPENED = '2026-11-21T09:00:00.000Z';

function log(...rest: Array<Omit<IncidentEvent, 'v' | 'seq'> | NewEvent>): IncidentEvent[] {
  const opened = { type: 'opened', at: OPENED, incident: 'inc', playbook: 'mini-down', lang: 'en', title: 'Mini chat is down', format: 1, source: 'built-in', detected_at: OPENED, drill: false, time_zone: 'Europe/Paris' };
  return [opened, ...rest].map((e, i) => ({ ...e, v: 1, seq: i + 1 }) as IncidentEvent);
}

const severity = (at: string, id = 'major', notify = ['lead', 'management']) => ({ type: 'severity_changed', at, severity: id, title: id === 'major' ? 'Major' : 'Minor', notify }) as NewEvent;

function queue(events: IncidentEvent[], now = '2026-11-21T10:00:00.000Z') {
  return notificationsToQueue({ playbook, events, state: foldEvents(events), config, now: new Date(now), timeZone: 'Europe/Paris' }) as Array<NewEvent & { id: string; trigger: string; role: string; cause: string }>;
}

describe('the outbox', () => {
  it('queues one notification per destination of the roles a severity names, then nothing more once they are in the log', () => {
    const events = log(severity('2026-11-21T09:10:00.000Z'));
    const first = queue(events);
    expect(first.map((q) => `${q.role} ${q.trigger}`)).toEqual(['lead severity', 'lead severity', 'management severity']);
    // the same log seen again (another process, a run after a crash): the same ids
    expect(queue(events).map((q) => q.id)).toEqual(first.map((q) => q.id));
    const after = log(severity('2026-11-21T09:10:00.000Z'), ...first);
    expect(queue(after)).toEqual([]);
    // an incident of the same id in another data folder, opened at another moment, gets other ids
    expect(notificationId('inc', OPENED, 'severity:2', 'lead.email:lead@acme.example')).not.toBe(notificationId('inc', '2026-11-22T09:00:00.000Z', 'severity:2', 'lead.email:lead@acme.example'));
    expect(first[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('tells everyone alerted so far of the resolution, and of a reopening; of several causes since the last queued, only the latest of each kind', () => {
    const events = log(
      severity('2026-11-21T09:10:00.000Z', 'minor', ['lead']),
      severity('2026-11-21T09:20:00.000Z', 'major', ['management']),
      { type: 'resolved', at: '2026-11-21T11:00:00.000Z' } as NewEvent,
      { type: 'reopened', at: '2026-11-21T11:30:00.000Z', previous: 'resolved' } as NewEvent,
    );
    const queued = queue(events);
    // the major severity (not the minor one before it), then the reopening (the resolution is old news)
    expect(queued.map((q) => `${q.trigger}:${q.role}`)).toEqual(['severity:management', 'reopened:lead', 'reopened:lead', 'reopened:management']);
  });

  it('queues nothing for a discarded incident, nor for a severity whose answer was withdrawn', () => {
    expect(queue(log(severity('2026-11-21T09:10:00.000Z'), { type: 'discarded', at: '2026-11-21T09:11:00.000Z' } as NewEvent))).toEqual([]);
    const answered = { type: 'step_answered', at: '2026-11-21T09:10:00.000Z', step: 'severity', phase: 'assess', kind: 'ask', value: 'major' } as NewEvent;
    const withdrawn = log(answered, severity('2026-11-21T09:10:00.000Z'), { type: 'answer_withdrawn', at: '2026-11-21T09:12:00.000Z', step: 'severity', answer_seq: 2 } as NewEvent);
    expect(queue(withdrawn)).toEqual([]);
  });

  it('queues an update falling due only when asked to look (a person is there), once per due time', () => {
    const posted = { type: 'message_posted', at: '2026-11-21T09:20:00.000Z', message: 'initial', step: 'first-post', channel: 'x', text: 'Mini chat is down.' } as NewEvent;
    const events = log(severity('2026-11-21T09:10:00.000Z'), posted);
    const base = queue(events, '2026-11-21T10:30:00.000Z');
    const withUpdates = notificationsToQueue({ playbook, events, state: foldEvents(events), config, now: new Date('2026-11-21T10:30:00.000Z'), timeZone: 'Europe/Paris', updates: true }) as Array<NewEvent & { trigger: string; role: string; content: { public_message?: string; next_update?: string } }>;
    const due = withUpdates.filter((q) => q.trigger === 'update_due');
    expect(base.some((q) => q.trigger === 'update_due')).toBe(false);
    expect(due.map((q) => q.role)).toEqual(['community', 'lead', 'lead']);
    expect(due[0]!.content).toMatchObject({ public_message: 'Mini chat is down.', next_update: '21 Nov 2026, 11:20 (Europe/Paris, UTC+01:00)' });
  });

  it('queues an update falling due once when two processes look at the same moment (the background sender and notify --flush)', async () => {
    const dirs = tempDirs();
    try {
      const dataDir = await dirs.make();
      const store = fileStore(dataDir);
      const { id } = await store.create('inc', { type: 'opened', at: OPENED, playbook: 'mini-down', lang: 'en', title: 'Mini chat is down', format: 1, source: 'built-in', detected_at: OPENED, drill: false, time_zone: 'Europe/Paris' });
      await store.append(id, [
        { type: 'message_posted', at: '2026-11-21T09:20:00.000Z', message: 'initial', step: 'first-post', channel: 'x', text: 'Mini chat is down.' } as NewEvent,
      ]);
      const ctx = { env: {}, now: () => new Date('2026-11-21T12:00:00.000Z') };
      const settings = { file: 'config.yaml', config, secrets: [], warnings: [] };
      // both read the log before either writes: the second must see the first's events and queue nothing
      const lookers = Array.from({ length: 4 }, () => queueDue(ctx, dataDir, playbook, settings, id, { updates: true }));
      const written = (await Promise.all(lookers)).flat();
      const { events } = await readEvents(store, id);
      const queued = events.filter((e) => e.type === 'notification_queued');
      expect(queued.map((e) => (e as { trigger: string }).trigger)).toEqual(['update_due', 'update_due', 'update_due']);
      expect(written).toHaveLength(3);
      expect(new Set(queued.map((e) => (e as { id: string }).id)).size).toBe(3);
    } finally {
      await dirs.cleanup();
    }
  });
});

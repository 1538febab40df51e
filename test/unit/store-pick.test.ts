import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventsPath } from '../../src/incident/paths.js';
import { appendEvents, createIncident, listIncidents, pickIncident } from '../../src/incident/store.js';
import { opened, rejection, tempDirs } from '../helpers/store-fixtures.js';

const temp = tempDirs();
afterEach(temp.cleanup);

async function open(dataDir: string, id: string, detected = '2026-11-21T09:00:00Z'): Promise<void> {
  await createIncident(dataDir, id, opened({ detected_at: detected, at: detected }));
}

async function resolve(dataDir: string, id: string): Promise<void> {
  await appendEvents(dataDir, id, [{ type: 'resolved', at: '2026-11-21T12:00:00Z' }]);
}

describe('listIncidents', () => {
  it('is empty without an incidents folder', async () => {
    expect(await listIncidents(join(await temp.make(), 'none'))).toEqual([]);
  });

  it('lists open ones first, newest first, and a corrupt log with its error', async () => {
    const dataDir = await temp.make();
    await open(dataDir, 'old-open', '2026-11-01T09:00:00Z');
    await open(dataDir, 'new-open', '2026-11-20T09:00:00Z');
    await open(dataDir, 'closed', '2026-11-21T09:00:00Z');
    await resolve(dataDir, 'closed');
    await open(dataDir, 'broken');
    await appendFile(eventsPath(dataDir, 'broken'), 'garbage\n{"v":1}\n');
    await mkdir(join(dataDir, 'incidents', 'Not-An-Id'));
    await writeFile(join(dataDir, 'incidents', 'stray-file'), '');

    const list = await listIncidents(dataDir);
    expect(list.map((s) => [s.id, s.state?.state ?? 'error'])).toEqual([
      ['new-open', 'open'],
      ['old-open', 'open'],
      ['closed', 'resolved'],
      ['broken', 'error'],
    ]);
    expect(list[3]?.error).toMatch(/events\.jsonl:2: not valid JSON/);
  });
});

describe('pickIncident', () => {
  it('returns a named incident, and refuses an unknown or malformed one', async () => {
    const dataDir = await temp.make();
    await open(dataDir, 'a');
    expect((await pickIncident(dataDir, 'a')).state.id).toBe('a');
    expect((await rejection(pickIncident(dataDir, 'b'))).message).toBe(`no incident b in ${dataDir}; see crisis incidents`);
    expect((await rejection(pickIncident(dataDir, '../a'))).message).toMatch(/invalid incident id/);
  });

  it('with openOnly, refuses a named incident that is closed', async () => {
    const dataDir = await temp.make();
    await open(dataDir, 'a');
    await resolve(dataDir, 'a');
    expect((await pickIncident(dataDir, 'a')).state.state).toBe('resolved');
    expect((await rejection(pickIncident(dataDir, 'a', { openOnly: true }))).message).toMatch(/already resolved/);
  });

  it('without an id, picks the only open incident', async () => {
    const dataDir = await temp.make();
    await open(dataDir, 'a');
    await resolve(dataDir, 'a');
    await open(dataDir, 'b');
    const picked = await pickIncident(dataDir);
    expect(picked.id).toBe('b');
    expect(picked.state.state).toBe('open');
  });

  it('without an id and none open, says how to open or find one', async () => {
    const dataDir = await temp.make();
    await open(dataDir, 'a');
    await resolve(dataDir, 'a');
    const error = await rejection(pickIncident(dataDir));
    expect(error.message).toBe(`no open incident in ${dataDir}`);
    expect(error.details.join('\n')).toMatch(/crisis start <playbook>[\s\S]*crisis incidents --all/);
  });

  it('without an id and several open, lists them with their detection in their zone', async () => {
    const dataDir = await temp.make();
    const time_zone = 'Europe/Paris';
    await createIncident(dataDir, 'a', opened({ detected_at: '2026-11-21T10:00:00Z', at: '2026-11-21T10:00:00Z', time_zone }));
    await createIncident(dataDir, 'b', opened({ detected_at: '2026-11-21T09:00:00Z', at: '2026-11-21T09:00:00Z', time_zone }));
    const error = await rejection(pickIncident(dataDir));
    expect(error.message).toBe('2 incidents are open; name the one you mean');
    expect(error.details).toEqual([
      'a  (messenger-down, detected 21 Nov 11:00)',
      'b  (messenger-down, detected 21 Nov 10:00)',
    ]);
  });
});

/**
 * `crisis log [incident] <text...>`: which incident a note goes to. A first
 * word shaped like an incident id that names none is a typo, not the start
 * of the note: it is refused, naming the open incidents, and nothing is logged.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { eventsPath } from '../../src/incident/paths.js';
import { createIncident, readEvents } from '../../src/incident/store.js';
import { runInProcess } from '../helpers/in-process.js';
import { opened, tempDirs } from '../helpers/store-fixtures.js';

const temp = tempDirs();
afterEach(temp.cleanup);

async function home(...ids: string[]): Promise<string> {
  const dir = await temp.make();
  for (const id of ids) await createIncident(dir, id, opened({ at: '2026-11-21T09:05:00Z', detected_at: '2026-11-21T09:05:00Z' }));
  return dir;
}

const notes = async (dir: string, id: string) =>
  (await readEvents(dir, id)).events.flatMap((e) => (e.type === 'note' ? [e.text] : []));

describe('crisis log with a mistyped incident id', () => {
  it('refuses a dated id that does not exist, naming the open incidents and the near miss', async () => {
    const dir = await home('2026-11-21-whatsapp-down', 'other');
    const before = await readFile(eventsPath(dir, '2026-11-21-whatsapp-down'), 'utf8');
    const r = await runInProcess(['log', '2026-11-21-whatsap-down', 'Meta confirms'], { env: { CRISIS_HOME: dir } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`crisis: no incident 2026-11-21-whatsap-down in ${dir}: nothing was noted\n`);
    expect(r.stderr).toContain('did you mean 2026-11-21-whatsapp-down?');
    expect(r.stderr).toMatch(/open incidents: (2026-11-21-whatsapp-down, other|other, 2026-11-21-whatsapp-down)/);
    expect(await readFile(eventsPath(dir, '2026-11-21-whatsapp-down'), 'utf8')).toBe(before);
    expect(await notes(dir, 'other')).toEqual([]);
  });

  it('refuses a dated id even with a single incident open, which it would otherwise have gone to', async () => {
    const dir = await home('2026-11-21-messenger-down');
    const r = await runInProcess(['log', '2026-11-22-messenger-down', 'Meta', 'confirms'], { env: { CRISIS_HOME: dir } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('open incidents: 2026-11-21-messenger-down');
    expect(r.stderr).toContain('to note these words as they are, name the incident first: crisis log 2026-11-21-messenger-down "2026-11-22-messenger-down Meta confirms"');
    expect(await notes(dir, '2026-11-21-messenger-down')).toEqual([]);
  });

  it('refuses a near miss of a custom id with a dash', async () => {
    const dir = await home('inc-1');
    const r = await runInProcess(['log', 'inc-2', 'hello'], { env: { CRISIS_HOME: dir } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('did you mean inc-1?');
    expect(await notes(dir, 'inc-1')).toEqual([]);
  });

  it('still takes an existing id, and a note that merely starts with a word', async () => {
    const dir = await home('2026-11-21-messenger-down');
    const named = await runInProcess(['log', '2026-11-21-messenger-down', 'Meta confirms'], { env: { CRISIS_HOME: dir } });
    expect(named.code, named.stderr).toBe(0);
    const plain = await runInProcess(['log', 'meta', 'confirms', 'the', 'outage'], { env: { CRISIS_HOME: dir } });
    expect(plain.code, plain.stderr).toBe(0);
    const explicit = await runInProcess(['log', '2026-11-21-messenger-down', '2026-11-22-messenger-down is the next one'], { env: { CRISIS_HOME: dir } });
    expect(explicit.code, explicit.stderr).toBe(0);
    expect(await notes(dir, '2026-11-21-messenger-down')).toEqual(['Meta confirms', 'meta confirms the outage', '2026-11-22-messenger-down is the next one']);
  });

  it('refuses an incident id alone, which would have been recorded as the note', async () => {
    const dir = await home('2026-11-21-messenger-down');
    const r = await runInProcess(['log', '2026-11-21-messenger-down'], { env: { CRISIS_HOME: dir } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the note is empty');
    expect(await notes(dir, '2026-11-21-messenger-down')).toEqual([]);
  });
});

/**
 * Damaged logs: a NUL tail (what a power cut leaves), a huge NUL tail, a
 * line far longer than any event. Readers and writers agree on what they
 * pass over, say which line, and read in one pass holding at most one line:
 * a 1 GiB tail (a sparse file, no disk used) or a 50 MB line is read, not
 * choked on, and does not stop commands about another incident.
 */
import { appendFile, readFile, truncate, stat } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES } from '../../src/incident/log-reader.js';
import { eventsPath } from '../../src/incident/paths.js';
import { appendEvents, createIncident, readEvents } from '../../src/incident/store.js';
import { runInProcess } from '../helpers/in-process.js';
import { note, opened, rejection, tempDirs } from '../helpers/store-fixtures.js';

const temp = tempDirs();
afterEach(temp.cleanup);

async function incidents(...ids: string[]): Promise<{ home: string; files: string[] }> {
  const home = await temp.make();
  const files: string[] = [];
  for (const id of ids) {
    await createIncident(home, id, opened({ detected_at: new Date(Date.now() - 3_600_000).toISOString(), at: new Date(Date.now() - 3_600_000).toISOString() }));
    await appendEvents(home, id, [note('first note', new Date(Date.now() - 1_800_000).toISOString())]);
    files.push(eventsPath(home, id));
  }
  return { home, files };
}

const NUL_WORDS = (bytes: number) => `${bytes} bytes holding NUL bytes, as a power cut leaves`;

describe('a tail of NUL bytes', () => {
  it('is passed over by readers and writers alike, each naming its line, and logging goes on', async () => {
    const { home, files } = await incidents('inc');
    const file = files[0] ?? '';
    await appendFile(file, Buffer.concat([Buffer.from('{"v":1,"seq":3,"at":"2026-'), Buffer.alloc(4096)]));
    const bytes = 4096 + 26;

    expect((await readEvents(home, 'inc')).warnings.map(String)).toEqual([`${file}:3: the last line is damaged (${NUL_WORDS(bytes)}); ignored`]);
    const logged = await runInProcess(['log', 'inc', 'power', 'is', 'back'], { env: { CRISIS_HOME: home } });
    expect(logged.code, logged.stderr).toBe(0);
    expect(logged.stdout).toBe('Noted in inc (#3).\n');
    expect(logged.stderr).toBe(`warning: ${file}:3: the last line is damaged (${NUL_WORDS(bytes)}); ignored\n`);

    const after = await readEvents(home, 'inc');
    expect(after.events.map((e) => (e.type === 'note' ? e.text : e.type))).toEqual(['opened', 'first note', 'power is back']);
    expect(after.warnings.map(String)).toEqual([`${file}:3: a line damaged by an earlier crash (${NUL_WORDS(bytes)}); ignored`]);
    const lines = (await readFile(file)).toString('latin1').split('\n');
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[3] ?? '')).toMatchObject({ seq: 3, text: 'power is back' });

    const status = await runInProcess(['status', 'inc'], { env: { CRISIS_HOME: home } });
    expect(status.code, status.stderr).toBe(0);
  });

  it('of 1 GiB: status, log and incidents read it in one pass, and it does not hold up another incident', async () => {
    const { home, files } = await incidents('damaged', 'other');
    const file = files[0] ?? '';
    const good = (await stat(file)).size;
    const gib = 1024 ** 3;
    await truncate(file, good + gib);
    const env = { CRISIS_HOME: home };
    const warning = `${file}:3: the last line is damaged (${NUL_WORDS(gib)}); ignored`;

    const status = await runInProcess(['status', 'damaged', '--json'], { env });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stderr).toBe(`warning: ${warning}\n`);
    const logged = await runInProcess(['log', 'damaged', 'still', 'here'], { env });
    expect(logged.code, logged.stderr).toBe(0);
    expect(logged.stdout).toBe('Noted in damaged (#3).\n');
    // the next writer reads only the end of the log, not the gigabyte before it
    const [again] = await appendEvents(home, 'damaged', [note('and again')]);
    expect(again?.seq).toBe(4);

    const list = await runInProcess(['incidents', '--json'], { env });
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { id: string }[]).map((i) => i.id).sort()).toEqual(['damaged', 'other']);
    const other = await runInProcess(['log', 'other', 'unaffected'], { env });
    expect(other.code, other.stderr).toBe(0);
    expect(other.stderr).toBe('');
    const { events, warnings } = await readEvents(home, 'damaged');
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(warnings.map(String)).toEqual([`${file}:3: a line damaged by an earlier crash (${NUL_WORDS(gib)}); ignored`]);
  }, 180_000);
});

describe('a line far longer than any event', () => {
  const huge = `{"v":1,"seq":3,"at":"2026-11-21T09:06:00Z","type":"note","text":"${'x'.repeat(50 * 1024 * 1024)}"}`;

  it('at the end: readers pass over it with a warning naming it, writers refuse naming it; other incidents go on', async () => {
    const { home, files } = await incidents('long', 'other');
    const file = files[0] ?? '';
    await appendFile(file, `${huge}\n`);
    const env = { CRISIS_HOME: home };
    const length = Buffer.byteLength(huge);
    const why = `longer than any event (${length} bytes, at most ${MAX_LINE_BYTES})`;

    const status = await runInProcess(['status', 'long'], { env });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stderr).toBe(`warning: ${file}:3: the last line is not an event: ${why}; ignored, but nothing can be added after it until it is fixed or removed by hand\n`);
    const logged = await runInProcess(['log', 'long', 'x'], { env });
    expect(logged.code).toBe(1);
    expect(logged.stderr).toContain(`crisis: ${file}:3: the last line is not an event: ${why}; nothing can be added after it\n`);
    expect(logged.stderr).toContain('fix or remove line 3 by hand (keep a copy first), then try again');

    const list = await runInProcess(['incidents', '--json'], { env });
    expect(list.code, list.stderr).toBe(0);
    expect((await runInProcess(['log', 'other', 'fine'], { env })).code).toBe(0);
  }, 120_000);

  it('in the middle: an error naming its line, in one pass', async () => {
    const { home, files } = await incidents('long');
    const file = files[0] ?? '';
    await appendFile(file, `${huge}\n`);
    await appendFile(file, `${JSON.stringify({ v: 1, seq: 4, at: '2026-11-21T09:07:00Z', type: 'note', text: 'after' })}\n`);
    const error = await rejection(readEvents(home, 'long'));
    expect(error.message).toBe(`${file}:3: longer than any event (${Buffer.byteLength(huge)} bytes, at most ${MAX_LINE_BYTES})`);
  }, 120_000);
});

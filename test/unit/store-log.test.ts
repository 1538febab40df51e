import { appendFile, chmod, mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOG_VERSION } from '../../src/incident/events.js';
import { LineSplitter, MAX_LINE_BYTES, type RawLine } from '../../src/incident/log-reader.js';
import { eventsPath } from '../../src/incident/paths.js';
import { appendEvents, createIncident, foldIncident, readEvents } from '../../src/incident/store.js';
import { note, opened, rejection, tempDirs } from '../helpers/store-fixtures.js';

const temp = tempDirs();
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
afterEach(temp.cleanup);

async function newIncident(): Promise<{ dataDir: string; id: string; file: string }> {
  const dataDir = await temp.make();
  const { id } = await createIncident(dataDir, 'inc-1', opened());
  return { dataDir, id, file: eventsPath(dataDir, id) };
}

describe('createIncident', () => {
  it('writes the opening event as seq 1 with the chosen id', async () => {
    const dataDir = await temp.make();
    const { id, event } = await createIncident(dataDir, undefined, opened({ detected_at: '2026-11-21T12:00:00' }));
    expect(id).toBe('2026-11-21-messenger-down');
    expect(event).toMatchObject({ v: LOG_VERSION, seq: 1, type: 'opened', incident: id });
    const text = await readFile(eventsPath(dataDir, id), 'utf8');
    expect(text).toBe(`${JSON.stringify(event)}\n`);
    expect(Object.keys(JSON.parse(text)).slice(0, 4)).toEqual(['v', 'seq', 'at', 'type']);
  });

  it('refuses an id already taken, and a bad id before touching the disk', async () => {
    const { dataDir } = await newIncident();
    expect((await rejection(createIncident(dataDir, 'inc-1', opened()))).message).toMatch(/already exists/);
    await rejection(createIncident(join(dataDir, 'never'), '../x', opened()));
    await expect(stat(join(dataDir, 'never'))).rejects.toThrow();
  });

  it('explains an unwritable data directory and leaves nothing behind', async () => {
    const root = await temp.make();
    const blocker = join(root, 'file');
    await writeFile(blocker, 'a file where a folder should be');
    const error = await rejection(createIncident(blocker, undefined, opened()));
    expect(error.message).toContain(blocker);
    expect(error.details.join(' ')).toMatch(/--data-dir/);
    expect(await readFile(blocker, 'utf8')).toBe('a file where a folder should be');
  });
});

// Permissions do not stop root, so this only runs as an ordinary user.
describe.skipIf(process.getuid?.() === 0)('a read-only data directory', () => {
  it('is explained, not a stack trace, and nothing is half-written', async () => {
    const { dataDir, id, file } = await newIncident();
    const before = await readFile(file, 'utf8');
    await chmod(join(dataDir, 'incidents', id), 0o555);
    await chmod(file, 0o444);
    await chmod(join(dataDir, 'incidents'), 0o555);
    try {
      expect((await rejection(appendEvents(dataDir, id, [note('a')]))).message).toMatch(/permission denied/);
      expect((await rejection(createIncident(dataDir, undefined, opened()))).message).toMatch(/permission denied/);
      expect(await readFile(file, 'utf8')).toBe(before);
    } finally {
      await chmod(join(dataDir, 'incidents'), 0o755);
      await chmod(join(dataDir, 'incidents', id), 0o755);
    }
  });
});

describe('appendEvents', () => {
  it('numbers events contiguously across appends', async () => {
    const { dataDir, id } = await newIncident();
    const first = await appendEvents(dataDir, id, [note('a'), note('b')]);
    const second = await appendEvents(dataDir, id, [note('c')]);
    expect([...first, ...second].map((e) => e.seq)).toEqual([2, 3, 4]);
    const { events, warnings } = await readEvents(dataDir, id);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(warnings.map(String)).toEqual([]);
    expect(await appendEvents(dataDir, id, [])).toEqual([]);
  });

  it('releases its lock, and takes over a lock left by a crashed process', async () => {
    const { dataDir, id, file } = await newIncident();
    await appendEvents(dataDir, id, [note('a')]);
    expect(await readdir(join(file, '..'))).toEqual(['events.jsonl']);
    const lock = join(file, '..', 'events.lock');
    await mkdir(lock);
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    const [event] = await appendEvents(dataDir, id, [note('b')]);
    expect(event?.seq).toBe(3);
  });

  it('refuses an unknown incident', async () => {
    const dataDir = await temp.make();
    const error = await rejection(appendEvents(dataDir, 'nope', [note('a')]));
    expect(error.message).toBe(`no incident nope in ${dataDir}; see crisis incidents`);
  });

  it('finds the last seq beyond the first tail window', async () => {
    const { dataDir, id } = await newIncident();
    await appendEvents(dataDir, id, [note('x'.repeat(200_000))]);
    const [event] = await appendEvents(dataDir, id, [note('after')]);
    expect(event?.seq).toBe(3);
  });

  it('refuses to append after a last line that is not crash damage, naming it, as readers warn', async () => {
    const { dataDir, id, file } = await newIncident();
    await appendFile(file, 'hello\n');
    const error = await rejection(appendEvents(dataDir, id, [note('a')]));
    expect(error.message).toMatch(new RegExp(`^${escape(file)}:2: the last line is not an event: not valid JSON; nothing can be added after it$`));
    expect(error.details).toEqual(['fix or remove line 2 by hand (keep a copy first), then try again']);
    const { warnings } = await readEvents(dataDir, id);
    expect(warnings.map(String)).toEqual([expect.stringMatching(new RegExp(`^${escape(file)}:2: the last line is not an event: .*nothing can be added after it until it is fixed`))]);
  });
});

describe('the incident lock', () => {
  it('refuses at once, with the right advice, when events.lock is a file crisis did not make', async () => {
    const { dataDir, id, file } = await newIncident();
    const lock = join(file, '..', 'events.lock');
    await writeFile(lock, 'stray');
    const error = await rejection(appendEvents(dataDir, id, [note('a')]));
    expect(error.message).toBe(`${lock} is a file, not a lock made by crisis, so nothing can be written to this incident`);
    expect(error.details).toEqual([`move or remove ${lock} (crisis makes its lock there as an empty folder), then try again`]);
    expect(await readFile(lock, 'utf8')).toBe('stray');
  });

  it('refuses an old lock folder with files in it, and never removes them', async () => {
    const { dataDir, id, file } = await newIncident();
    const lock = join(file, '..', 'events.lock');
    await mkdir(lock);
    await writeFile(join(lock, 'keep.txt'), 'mine');
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    const error = await rejection(appendEvents(dataDir, id, [note('a')]));
    expect(error.message).toBe(`${lock} is a folder with files in it, not a lock made by crisis, so nothing can be written to this incident`);
    expect(await readFile(join(lock, 'keep.txt'), 'utf8')).toBe('mine');
  });
});

describe('numbers and sizes a log cannot take', () => {
  it('explains a seq too large to count on from, naming its line', async () => {
    const { dataDir, id, file } = await newIncident();
    await appendFile(file, `${JSON.stringify({ v: 1, seq: Number.MAX_SAFE_INTEGER, at: '2026-11-21T09:06:00Z', type: 'note', text: 'x' })}\n`);
    const error = await rejection(appendEvents(dataDir, id, [note('a')]));
    expect(error.message).toBe(`${file}:2: seq ${Number.MAX_SAFE_INTEGER} is too large to count on from`);
    expect((await readEvents(dataDir, id)).events).toHaveLength(2);
  });

  it('refuses to write an event longer than readers take', async () => {
    const { dataDir, id, file } = await newIncident();
    const before = await readFile(file, 'utf8');
    const error = await rejection(appendEvents(dataDir, id, [note('x'.repeat(MAX_LINE_BYTES))]));
    expect(error.message).toMatch(/^cannot log this note event: it takes \d+ bytes, and an event is at most 1048576$/);
    expect(await readFile(file, 'utf8')).toBe(before);
  });
});

describe('a crash mid-write', () => {
  it('drops a cut-off last line with a warning; the next append continues after the last good event', async () => {
    const { dataDir, id, file } = await newIncident();
    await appendEvents(dataDir, id, [note('a')]);
    await appendFile(file, '{"v":1,"seq":3,"at":"2026-11-21T09:1');

    const before = await readEvents(dataDir, id);
    expect(before.events.map((e) => e.seq)).toEqual([1, 2]);
    expect(before.warnings.map(String)).toEqual([`${file}:3: the last line was cut off (a crash while writing?); ignored`]);

    const [added] = await appendEvents(dataDir, id, [note('b')]);
    expect(added?.seq).toBe(3);
    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines[2]).toBe('{"v":1,"seq":3,"at":"2026-11-21T09:1');
    expect(JSON.parse(lines[3] ?? '')).toMatchObject({ seq: 3, text: 'b' });

    const after = await readEvents(dataDir, id);
    expect(after.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(after.warnings.map(String)).toEqual([`${file}:3: a line cut off by an earlier crash while writing; ignored`]);
    const { state } = await foldIncident(dataDir, id);
    expect(state.notes.map((n) => n.text)).toEqual(['a', 'b']);
  });

  it('keeps a complete event that only lacks its newline', async () => {
    const { dataDir, id, file } = await newIncident();
    await appendFile(file, JSON.stringify({ v: 1, seq: 2, at: '2026-11-21T09:06:00Z', type: 'note', text: 'x' }));
    expect((await readEvents(dataDir, id)).events).toHaveLength(2);
    const [added] = await appendEvents(dataDir, id, [note('y')]);
    expect(added?.seq).toBe(3);
    const { events, warnings } = await readEvents(dataDir, id);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(warnings.map(String)).toEqual([]);
  });
});

describe('readEvents', () => {
  const good = (seq: number): string =>
    JSON.stringify({ v: 1, seq, at: '2026-11-21T09:06:00Z', type: 'note', text: `n${seq}` });

  async function logOf(lines: string[]): Promise<{ dataDir: string; id: string; file: string }> {
    const incident = await newIncident();
    await appendFile(incident.file, lines.join('\n'));
    return incident;
  }

  it('reports a bad line in the middle with its line number', async () => {
    const { dataDir, id, file } = await logOf(['this is not json', good(2), '']);
    const error = await rejection(readEvents(dataDir, id));
    expect(error.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: not valid JSON`));
    await rejection(foldIncident(dataDir, id));
  });

  it('reports a line that is JSON but not an event', async () => {
    const { dataDir, id, file } = await logOf(['{"v":1,"seq":2,"type":"note"}', good(3), '']);
    expect((await rejection(readEvents(dataDir, id))).message).toBe(`${file}:2: not an event: "at" must be an ISO 8601 date`);
    const other = await logOf(['[1,2]', '']);
    expect((await rejection(readEvents(other.dataDir, other.id))).message).toMatch(/:2: not an event: expected a JSON object/);
  });

  it('keeps a seq not above the highest in file order with a warning, and warns about gaps', async () => {
    const backwards = await logOf([good(2), good(3), good(2), good(4), '']);
    const kept = await readEvents(backwards.dataDir, backwards.id);
    expect(kept.events.map((e) => e.seq)).toEqual([1, 2, 3, 2, 4]);
    expect(kept.warnings.map(String)).toEqual([`${backwards.file}:4: seq 2 comes after seq 3: a writer paused past its lock numbered it; kept in file order`]);
    expect((await foldIncident(backwards.dataDir, backwards.id)).state.lastSeq).toBe(4);
    const gap = await logOf([good(2), good(5), '']);
    const { events, warnings } = await readEvents(gap.dataDir, gap.id);
    expect(events).toHaveLength(3);
    expect(warnings.map(String)).toEqual([`${gap.file}:3: seq jumps from 2 to 5; events may be missing`]);
  });

  it('skips blank lines and unknown event types with a warning', async () => {
    const { dataDir, id } = await logOf(['', good(2).replace('"note"', '"future_thing"'), good(3), '']);
    const { events, warnings } = await readEvents(dataDir, id);
    expect(events.map((e) => e.seq)).toEqual([1, 3]);
    expect(warnings.map(String)).toEqual([expect.stringMatching(/:3: unknown event type "future_thing"; ignored$/)]);
  });

  it('refuses a log from a newer format', async () => {
    const { dataDir, id } = await logOf([good(2).replace('"v":1', '"v":99'), '']);
    expect((await rejection(readEvents(dataDir, id))).message).toMatch(/newer crisis/);
  });

  it('explains a missing log, an empty log and a log not starting with opened', async () => {
    const { dataDir, id, file } = await newIncident();
    await writeFile(file, '');
    expect((await rejection(foldIncident(dataDir, id))).message).toMatch(/has no events/);
    await writeFile(file, `${good(1)}\n`);
    expect((await rejection(foldIncident(dataDir, id))).message).toBe(
      `${file}:1: the log must start with an "opened" event, not "note"`,
    );
    await rm(file);
    expect((await rejection(readEvents(dataDir, id))).message).toMatch(/has no events.jsonl/);
  });
});

describe('big logs', () => {
  it('folds 100,000 events', async () => {
    const { dataDir, id, file } = await newIncident();
    const lines: string[] = [];
    for (let seq = 2; seq <= 100_000; seq++) {
      lines.push(JSON.stringify({ v: 1, seq, at: '2026-11-21T09:06:00+01:00', type: 'note', text: `note ${seq}` }));
    }
    await appendFile(file, `${lines.join('\n')}\n`);
    const { state, warnings } = await foldIncident(dataDir, id);
    expect(warnings.map(String)).toEqual([]);
    expect(state.lastSeq).toBe(100_000);
    expect(state.notes).toHaveLength(99_999);
    expect(state.notes[99_998]?.text).toBe('note 100000');
    const [next] = await appendEvents(dataDir, id, [note('one more')]);
    expect(next?.seq).toBe(100_001);
  });
});

describe('LineSplitter', () => {
  /** The lines of `bytes` fed in chunks cut at `cuts`, each chunk overwritten once fed (as the reader reuses its buffer). */
  function lines(bytes: Buffer, cuts: number[]): RawLine[] {
    const splitter = new LineSplitter();
    const out: RawLine[] = [];
    let from = 0;
    for (const to of [...cuts, bytes.length]) {
      const chunk = Buffer.from(bytes.subarray(from, to));
      splitter.push(chunk, (line) => out.push({ ...line }));
      chunk.fill(0x41);
      from = to;
    }
    const last = splitter.end();
    if (last) out.push(last);
    return out;
  }

  it('gives each line its text and length in bytes, however the bytes come in chunks', () => {
    // é is 2 bytes, € 3, a lone 0xff byte is not UTF-8 (read as U+FFFD), and a NUL byte marks a line as damaged
    const bytes = Buffer.concat([Buffer.from('{"a":"é"}\n\n€1\n'), Buffer.from([0xff, 0x0a, 0x61, 0x00, 0x62, 0x0a]), Buffer.from('tail')]);
    const expected: RawLine[] = [
      { text: '{"a":"é"}', bytes: 10, nul: false },
      { text: '', bytes: 0, nul: false },
      { text: '€1', bytes: 4, nul: false },
      { text: '\ufffd', bytes: 1, nul: false },
      { text: undefined, bytes: 3, nul: true },
      { text: 'tail', bytes: 4, nul: false },
    ];
    for (let cut = 0; cut <= bytes.length; cut++) expect(lines(bytes, [cut])).toEqual(expected);
    expect(lines(bytes, [3, 12, 13, 20])).toEqual(expected);
    // a chunk of one-byte characters only
    expect(lines(Buffer.from('ab\ncd\n'), [])).toEqual([
      { text: 'ab', bytes: 2, nul: false },
      { text: 'cd', bytes: 2, nul: false },
    ]);
  });
});

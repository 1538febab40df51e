import { execFileSync, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STALE_MS } from '../../src/incident/log-lock.js';
import { appendEvents, createIncident, foldIncident, readEvents } from '../../src/incident/store.js';
import { note, opened } from '../helpers/store-fixtures.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const child = join(root, 'test', 'helpers', 'append-child.mjs');
const WRITERS = 8;
const PER_WRITER = 50;

/**
 * `npm test` builds first; a direct vitest run builds (the real build, as
 * `npm run build` does) when the built store is missing or older than its
 * sources. Never `tsc` with output: it would write per-file modules over the
 * bundle that every other end-to-end test runs.
 */
function ensureBuilt(): void {
  const built = join(root, 'dist', 'incident', 'store.js');
  const sources = ['store', 'log-reader', 'log-writer', 'log-lock', 'paths'].map((m) => join(root, 'src', 'incident', `${m}.ts`));
  if (existsSync(built) && sources.every((source) => statSync(built).mtimeMs >= statSync(source).mtimeMs)) return;
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'ignore' });
}

function runWriter(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ code, stderr }));
  });
}

let dataDir: string;
beforeAll(async () => {
  ensureBuilt();
  dataDir = await mkdtemp(join(tmpdir(), 'crisis-concurrency-'));
}, 120_000);
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe(`${WRITERS} processes appending to one incident`, () => {
  it.each(['batch', 'single'] as const)('lose and interleave nothing (%s)', async (mode) => {
    const id = `race-${mode}`;
    await createIncident(dataDir, id, opened());
    const startAt = String(Date.now() + 1_500);
    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, w) =>
        runWriter([dataDir, id, `w${w}`, String(PER_WRITER), mode, startAt]),
      ),
    );
    expect(results.filter((r) => r.code !== 0)).toEqual([]);

    const text = await readFile(join(dataDir, 'incidents', id, 'events.jsonl'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const events = text
      .slice(0, -1)
      .split('\n')
      .map((line) => JSON.parse(line) as { seq: number; type: string; text?: string; by?: string });
    const total = 1 + WRITERS * PER_WRITER;
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));

    const notes = events.filter((e) => e.type === 'note').map((e) => e.text ?? '');
    expect(new Set(notes).size).toBe(WRITERS * PER_WRITER);
    for (let w = 0; w < WRITERS; w++) {
      // Each writer's events are all there, in the order it wrote them.
      const mine = notes.filter((t) => t.startsWith(`w${w}:`));
      expect(mine).toEqual(Array.from({ length: PER_WRITER }, (_, i) => `w${w}:${i}`));
    }
    if (mode === 'batch') {
      // One call's events stay together: a batch is written in one piece.
      const writers = events.slice(1).map((e) => e.by);
      const runs = writers.filter((by, i) => by !== writers[i - 1]).length;
      expect(runs).toBe(WRITERS);
    }
  }, 90_000);
});

/** Spawns a writer that stops itself while holding the lock; resolves once it says so. */
function pausedWriter(args: string[]): Promise<{ resume: () => Promise<{ code: number | null; stderr: string }> }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<{ code: number | null; stderr: string }>((done) => proc.on('close', (code) => done({ code, stderr })));
    proc.on('error', reject);
    proc.stdout.on('data', (chunk: Buffer) => {
      if (!chunk.toString().includes('paused')) return;
      resolve({
        resume: () => {
          proc.kill('SIGCONT');
          return exited;
        },
      });
    });
    void exited.then((r) => reject(new Error(`the writer ended before pausing (${r.code}): ${r.stderr}`)));
  });
}

/** Long enough for the paused writer's lock to look abandoned. */
const pastStale = () => new Promise((resolve) => setTimeout(resolve, STALE_MS + 800));

describe.skipIf(process.platform === 'win32')('a writer paused while it holds the lock (SIGSTOP, then SIGCONT)', () => {
  it('after reading the end of the log: it takes the lock again and writes after the others', async () => {
    const id = 'paused-after-read';
    await createIncident(dataDir, id, opened());
    const writer = await pausedWriter([dataDir, id, 'late', '1', 'single', '0', 'read']);
    await pastStale();
    for (let i = 0; i < 3; i++) await appendEvents(dataDir, id, [note(`meanwhile ${i}`)]);
    const late = await writer.resume();
    expect(late, late.stderr).toMatchObject({ code: 0 });

    const { events, warnings } = await readEvents(dataDir, id);
    expect(warnings).toEqual([]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(events.map((e) => (e.type === 'note' ? e.text : e.type))).toEqual(['opened', 'meanwhile 0', 'meanwhile 1', 'meanwhile 2', 'late:0']);
    expect(existsSync(join(dataDir, 'incidents', id, 'events.lock'))).toBe(false);
  }, 30_000);

  it('between its last check and its write: both lines kept in file order, and the next writer goes on after the highest seq', async () => {
    const id = 'paused-before-write';
    await createIncident(dataDir, id, opened());
    const writer = await pausedWriter([dataDir, id, 'late', '1', 'single', '0', 'write']);
    await pastStale();
    for (let i = 0; i < 3; i++) await appendEvents(dataDir, id, [note(`meanwhile ${i}`)]);
    const late = await writer.resume();
    expect(late, late.stderr).toMatchObject({ code: 0 });

    // the late line carries the number it chose before pausing: 2, after 4
    const file = join(dataDir, 'incidents', id, 'events.jsonl');
    const before = await readEvents(dataDir, id);
    expect(before.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 2]);
    expect(before.warnings.map(String)).toEqual([`${file}:5: seq 2 comes after seq 4: a writer paused past its lock numbered it; kept in file order`]);
    const [next] = await appendEvents(dataDir, id, [note('after')]);
    expect(next?.seq).toBe(5);
    const { state } = await foldIncident(dataDir, id);
    expect(state.notes.map((n) => n.text)).toEqual(['meanwhile 0', 'meanwhile 1', 'meanwhile 2', 'late:0', 'after']);
    expect(state.lastSeq).toBe(5);
  }, 30_000);
});

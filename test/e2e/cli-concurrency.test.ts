/**
 * Concurrency at the command line: a scripted walkthrough (`crisis resume
 * --answers`) runs while teammates add notes with `crisis log`, all started
 * after the incident exists. Every line must be kept, whole, in seq order,
 * and the walkthrough must record the same answers as when it runs alone.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { STALE_MS } from '../../src/incident/log-lock.js';
import { createIncident } from '../../src/incident/store.js';
import { opened } from '../helpers/store-fixtures.js';
import { BIN, runCli } from './helpers.js';
import { runInProcess } from '../helpers/in-process.js';

const STACK = /\n\s+at .+:\d+:\d+/;
const FULL = resolve('test/fixtures/answers/messenger-down.yaml');
// six writers beside the walkthrough already contend for every write
const WRITERS = 6;
const NOTES_EACH = 3;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

type Event = Record<string, unknown> & { seq: number; type: string };

function readLog(home: string, id: string): { lines: string[]; events: Event[] } {
  const text = readFileSync(join(home, 'incidents', id, 'events.jsonl'), 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  const lines = text.slice(0, -1).split('\n');
  // JSON.parse throws on a line made of two interleaved writes
  return { lines, events: lines.map((l) => JSON.parse(l) as Event) };
}

/** The answers file with only its first `keep` steps (and no resolution), so the run stops with exit 3. */
function partialAnswers(keep: number): string {
  const doc = parseDocument(readFileSync(FULL, 'utf8'));
  const steps = doc.get('steps') as { items: unknown[] };
  steps.items.splice(keep);
  doc.delete('resolved_at');
  return doc.toString();
}

const answersOf = (events: Event[]) =>
  events
    .filter((e) => e.type === 'step_answered')
    .map(({ seq: _seq, ...rest }) => rest);

describe('a walkthrough and several crisis log processes on one incident', () => {
  it(`resume --answers while ${WRITERS} log processes each add ${NOTES_EACH} notes: every line kept, whole and in order`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crisis-cliconc-'));
    dirs.push(dir);
    const home = join(dir, 'home');
    const env = { CRISIS_HOME: home };
    const partial = join(dir, 'partial.yaml');
    writeFileSync(partial, partialAnswers(6));

    // the same walkthrough alone, for reference
    const alone = await runInProcess(['start', 'messenger-down', '--answers', FULL, '--no-input', '--id', 'alone'], { env, cwd: dir });
    expect(alone.code, alone.stderr).toBe(0);
    const reference = answersOf(readLog(home, 'alone').events);

    const first = await runInProcess(['start', 'messenger-down', '--answers', partial, '--no-input', '--id', 'busy'], { env, cwd: dir });
    expect(first.code, first.stderr).toBe(3);
    const before = readLog(home, 'busy').events.length;

    const writer = async (w: number) => {
      const results = [];
      for (let i = 0; i < NOTES_EACH; i++) {
        results.push(await runCli(['log', 'busy', `note ${w}.${i} from writer ${w}`, '--as', `writer-${w}`], { env, timeout: 60_000 }));
      }
      return results;
    };
    const [resumed, ...notes] = await Promise.all([
      runCli(['resume', 'busy', '--answers', FULL, '--no-input'], { env, timeout: 60_000 }),
      ...Array.from({ length: WRITERS }, (_, w) => writer(w)),
    ]);

    expect(resumed?.stderr).toBe('');
    expect(resumed?.code).toBe(0);
    for (const r of notes.flat()) {
      expect(r.timedOut).toBe(false);
      expect(r.stderr).not.toMatch(STACK);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^Noted in busy \(#\d+\)\.\n$/);
    }

    const { events } = readLog(home, 'busy');
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.every((e) => e.incident === undefined || e.incident === 'busy')).toBe(true);

    // every note once, each writer's notes in the order it wrote them, at the seq it was told
    const written = events.filter((e) => e.type === 'note');
    expect(written).toHaveLength(WRITERS * NOTES_EACH);
    for (let w = 0; w < WRITERS; w++) {
      const mine = written.filter((e) => e.by === `writer-${w}`);
      expect(mine.map((e) => e.text)).toEqual(Array.from({ length: NOTES_EACH }, (_, i) => `note ${w}.${i} from writer ${w}`));
      const told = (notes[w] ?? []).map((r) => Number(/#(\d+)/.exec(r.stdout)?.[1]));
      expect(mine.map((e) => e.seq)).toEqual(told);
    }
    // how many notes landed in the middle of the walkthrough's answers (timing-dependent, so only reported)
    const answerSeqs = events.filter((e) => e.type === 'step_answered' && e.seq > before).map((e) => e.seq);
    const inside = written.filter((e) => e.seq > Math.min(...answerSeqs) && e.seq < Math.max(...answerSeqs)).length;
    console.log(`cli concurrency: ${inside} of ${written.length} notes landed between the walkthrough's answers`);

    // the walkthrough recorded exactly what it records alone
    expect(answersOf(events)).toEqual(reference);
    expect(events.filter((e) => e.type === 'resolved')).toHaveLength(1);
    const status = await runInProcess(['status', 'busy', '--json'], { env });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ state: 'resolved', next_step: null });
  }, 180_000);
});

const hasStrace = process.platform === 'linux' && spawnSync('strace', ['-o', '/dev/null', 'true']).status === 0;

describe.skipIf(!hasStrace)('crisis log stopped by strace at each read of the log (SIGSTOP), while another crisis log writes', () => {
  it('the stopped writer never writes a number already taken: the log stays readable and keeps every acknowledged note', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crisis-stalled-'));
    dirs.push(dir);
    const home = join(dir, 'home');
    const env = { CRISIS_HOME: home };
    await createIncident(home, 'stalled', opened());
    const folder = join(home, 'incidents', 'stalled');
    const log = join(folder, 'events.jsonl');

    // strace -f -P events.jsonl -e trace=pread64 -e inject=pread64:signal=SIGSTOP crisis log stalled x
    const cleanEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', CRISIS_HOME: home };
    const tracer = spawn('strace', ['-f', '-o', '/dev/null', '-P', log, '-e', 'trace=pread64', '-e', 'inject=pread64:signal=SIGSTOP', process.execPath, BIN, 'log', 'stalled', 'x'], {
      env: cleanEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    tracer.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    tracer.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    let code: number | null | undefined;
    const closed = new Promise<void>((done) => tracer.on('close', (c) => ((code = c), done())));

    const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
    const stateOf = (pid: number): string | undefined => {
      try {
        return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
      } catch {
        return undefined;
      }
    };
    let writer: number | undefined;
    const others: string[] = [];
    while (code === undefined) {
      await sleep(50);
      if (writer === undefined) {
        const children = existsSync(`/proc/${tracer.pid}/task/${tracer.pid}/children`) ? readFileSync(`/proc/${tracer.pid}/task/${tracer.pid}/children`, 'utf8') : '';
        writer = Number(children.trim().split(' ')[0]) || undefined;
        continue;
      }
      const state = stateOf(writer);
      if (state !== 't' && state !== 'T') continue;
      // Stopped while holding the lock (after reading the end of the log): another writer comes once the lock is stale.
      if (others.length === 0 && existsSync(join(folder, 'events.lock'))) {
        await sleep(STALE_MS + 800);
        // the other writer is this process: the stopped one is a process of its own either way
        const other = await runInProcess(['log', 'stalled', 'y'], { env });
        expect(other.code, other.stderr).toBe(0);
        others.push(other.stdout);
      }
      process.kill(writer, 'SIGCONT');
    }
    await closed;
    expect(others).toEqual(['Noted in stalled (#2).\n']);
    expect(code, stderr).toBe(0);
    expect(stdout).toBe('Noted in stalled (#3).\n');

    const { events } = readLog(home, 'stalled');
    expect(events.map((e) => [e.seq, e.text ?? e.type])).toEqual([
      [1, 'opened'],
      [2, 'y'],
      [3, 'x'],
    ]);
    const status = await runInProcess(['status', 'stalled', '--json'], { env });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stderr).toBe('');
  }, 60_000);
});

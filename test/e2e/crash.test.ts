/**
 * Crash safety: scripted runs of the built-in playbooks killed with SIGKILL at
 * seeded random moments, then `status` and `resume` with the same answers
 * file (CRASH_KILLS of them). Whatever the moment, the incident must be readable, resumable and end
 * with the same answers as an uninterrupted run: seq contiguous, no answer
 * lost or doubled, resolved. Replay a run with CRASH_SEED=<seed>.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli, tempDir, type RunResult } from './helpers.js';
import { runInProcess } from '../helpers/in-process.js';
import { seededRng, seedFrom } from '../helpers/prng.js';

const SEED = seedFrom('CRASH_SEED', 20261121);
// 12 kills keep `npm test` quick; CRASH_KILLS=200 (or more) for a deep run before a release.
const KILLS = Number(process.env.CRASH_KILLS ?? 12);
const PARALLEL = 4;
const STACK = /\n\s+at .+:\d+:\d+/;

interface Scenario {
  playbook: string;
  answers: string;
}
const SCENARIOS: Scenario[] = ['messenger-down', 'whatsapp-down', 'social-media-crisis'].map((playbook) => ({
  playbook,
  answers: resolve('test/fixtures/answers', `${playbook}.yaml`),
}));

type Event = Record<string, unknown> & { seq: number; type: string };

/** What an uninterrupted run of a scenario logs, to compare crashed runs with. */
interface Reference {
  answers: Map<string, Event[]>;
  variables: Record<string, unknown>;
  people: Record<string, unknown>;
  ms: number;
}

const homes: string[] = [];
const references = new Map<string, Reference>();
let maxDelay = 300;

function home(): string {
  const dir = tempDir('crisis-crash-');
  homes.push(dir);
  return dir;
}

/** The same clean environment as runCli gives. */
function cleanEnv(crisisHome: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', CRISIS_HOME: crisisHome };
  for (const name of ['LANG', 'LC_ALL', 'LC_MESSAGES', 'LANGUAGE', 'CRISIS_PLAYBOOKS', 'FORCE_COLOR', 'CI']) delete env[name];
  return env;
}

/**
 * What comes after a kill runs in process, through the same entry as the
 * binary: only the killed run needs a process of its own, and the files it
 * left are the same to either.
 */
const after = (args: string[], options: { env: Record<string, string> }): Promise<RunResult> => runInProcess(args, { env: options.env, cwd: options.env.CRISIS_HOME });

const startArgs = (s: Scenario, id: string) => ['start', s.playbook, '--answers', s.answers, '--no-input', '--id', id];

/** Starts a run and kills it with SIGKILL after `delay` ms; says whether it had already exited. */
function startAndKill(s: Scenario, id: string, crisisHome: string, delay: number): Promise<{ finished: boolean; code: number | null }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...startArgs(s, id)], { cwd: crisisHome, env: cleanEnv(crisisHome), stdio: 'ignore' });
    let exited = false;
    const timer = setTimeout(() => {
      if (!exited) child.kill('SIGKILL');
    }, delay);
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      exited = true;
      clearTimeout(timer);
      done({ finished: signal === null, code });
    });
  });
}

function logOf(crisisHome: string, id: string): { events: Event[]; badLines: string[] } {
  const text = readFileSync(join(crisisHome, 'incidents', id, 'events.jsonl'), 'utf8');
  const events: Event[] = [];
  const badLines: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      events.push(JSON.parse(line) as Event);
    } catch {
      badLines.push(line);
    }
  }
  return { events, badLines };
}

function summarize(events: Event[]): Omit<Reference, 'ms'> {
  const answers = new Map<string, Event[]>();
  const variables: Record<string, unknown> = {};
  const people: Record<string, unknown> = {};
  for (const e of events) {
    if (e.type === 'step_answered') answers.set(String(e.step), [...(answers.get(String(e.step)) ?? []), e]);
    if (e.type === 'variables_set') Object.assign(variables, e.variables);
    if (e.type === 'people_set') Object.assign(people, e.people);
  }
  return { answers, variables, people };
}

/** What an answer says, without where it sits in the log. */
const gist = (e: Event) => {
  const { seq: _seq, v: _v, ...rest } = e;
  return rest;
};

function expectClean(r: RunResult, what: string): void {
  expect(r.timedOut, `${what} hung`).toBe(false);
  expect(r.stderr, `${what} printed a stack trace`).not.toMatch(STACK);
  expect(r.stderr, `${what} hit an unexpected error`).not.toContain('unexpected error');
}

/** Checks a crashed-then-resumed incident against the uninterrupted run. */
function expectSameAsReference(s: Scenario, crisisHome: string, id: string, label: string): void {
  const ref = references.get(s.playbook);
  if (!ref) throw new Error(`no reference run for ${s.playbook}`);
  const { events, badLines } = logOf(crisisHome, id);
  // a write cut in half can leave one fragment, which loading drops
  expect(badLines.length, `${label}: bad lines ${JSON.stringify(badLines)}`).toBeLessThanOrEqual(1);
  expect(
    events.map((e) => e.seq),
    `${label}: seq not contiguous`,
  ).toEqual(events.map((_, i) => i + 1));
  expect(events[0]?.type, label).toBe('opened');
  expect(events.filter((e) => e.type === 'opened'), label).toHaveLength(1);
  expect(events.some((e) => e.type === 'resolved'), `${label}: not resolved`).toBe(true);
  const got = summarize(events);
  expect(got.variables, `${label}: variables`).toEqual(ref.variables);
  expect(got.people, `${label}: people`).toEqual(ref.people);
  expect([...got.answers.keys()].sort(), `${label}: steps answered`).toEqual([...ref.answers.keys()].sort());
  for (const [step, expected] of ref.answers) {
    const answered = got.answers.get(step) ?? [];
    // every answer once, a cadence step's repeats included: resume records those a kill left out
    expect(answered.map(gist), `${label}: step ${step}`).toEqual(expected.map(gist));
  }
}

async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

beforeAll(async () => {
  // Uninterrupted runs, in parallel as the kills will be: the reference answers and the kill window.
  await Promise.all(
    SCENARIOS.map(async (s) => {
      const h = home();
      const t0 = Date.now();
      const r = await runCli(startArgs(s, 'reference'), { env: { CRISIS_HOME: h }, timeout: 60_000 });
      const ms = Date.now() - t0;
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      references.set(s.playbook, { ...summarize(logOf(h, 'reference').events), ms });
    }),
  );
  maxDelay = Math.max(300, ...[...references.values()].map((r) => Math.round(r.ms * 1.1)));
}, 90_000);

afterAll(() => {
  for (const dir of homes) rmSync(dir, { recursive: true, force: true });
});

describe('SIGKILL at random moments, then status and resume', () => {
  it(`${KILLS} kills: every incident reads, resumes and ends with every answer once`, async () => {
    const rng = seededRng(SEED);
    const plan = Array.from({ length: KILLS }, (_, n) => ({ n, scenario: rng.pick(SCENARIOS), delay: rng.int(5, maxDelay) }));
    console.log(`crash test: seed ${SEED} (replay with CRASH_SEED=${SEED}), kill delays 5-${maxDelay} ms`);
    const outcomes: string[] = [];

    await pool(plan, PARALLEL, async ({ n, scenario, delay }) => {
      const id = `crash-${n}`;
      const h = home();
      const env = { CRISIS_HOME: h };
      const label = `kill #${n} (${scenario.playbook}, ${delay} ms, seed ${SEED})`;
      const killed = await startAndKill(scenario, id, h, delay);
      const dir = join(h, 'incidents', id);
      const log = join(dir, 'events.jsonl');
      const status = await after(['status', id, '--json'], { env });
      expectClean(status, `${label}: status`);

      let outcome: string;
      if (!existsSync(dir)) {
        // killed before the incident existed: nothing to see, start again
        outcome = 'before the incident';
        expect(status.code, label).toBe(1);
        expect(status.stderr, label).toContain(`no incident ${id}`);
        const again = await after(startArgs(scenario, id), { env });
        expectClean(again, `${label}: start again`);
        expect(again.code, `${label}: start again: ${again.stderr}`).toBe(0);
      } else if (!existsSync(log) || !readFileSync(log, 'utf8').includes('\n')) {
        // killed between the folder and the first event: clear messages, and the way out works
        outcome = 'before the first event';
        expect(status.code, label).toBe(1);
        expect(status.stderr, label).toMatch(/interrupted/);
        const again = await after(startArgs(scenario, id), { env });
        expectClean(again, `${label}: start again`);
        expect(again.code, label).toBe(1);
        expect(again.stderr, label).toContain(`remove the folder ${dir}`);
        rmSync(dir, { recursive: true });
        const fresh = await after(startArgs(scenario, id), { env });
        expect(fresh.code, `${label}: ${fresh.stderr}`).toBe(0);
      } else {
        outcome = killed.finished ? 'after the end' : 'during the walkthrough';
        expect(status.code, `${label}: status: ${status.stderr}`).toBe(0);
        expect(JSON.parse(status.stdout)).toMatchObject({ id, playbook: scenario.playbook });
        // a lock left by the killed process is taken over once stale (2 s)
        const resumed = await after(['resume', id, '--answers', scenario.answers, '--no-input'], { env });
        expectClean(resumed, `${label}: resume`);
        expect(resumed.code, `${label}: resume: ${resumed.stderr}`).toBe(0);
      }
      expectSameAsReference(scenario, h, id, label);
      const final = await after(['status', id, '--json'], { env });
      expect(final.code, label).toBe(0);
      expect(JSON.parse(final.stdout), label).toMatchObject({ state: 'resolved', next_step: null });
      outcomes.push(`#${n} ${delay} ms: ${outcome}${killed.finished ? ` (exited ${killed.code} first)` : ''}`);
    });

    console.log(`crash test outcomes:\n  ${outcomes.sort((a, b) => parseInt(a.slice(1)) - parseInt(b.slice(1))).join('\n  ')}`);
    expect(outcomes).toHaveLength(KILLS);
  }, 240_000);
});

describe('an incident cut short before or at its first event', () => {
  const scenario = SCENARIOS[0] as Scenario;

  it('a folder without a log, an empty log and a torn first line give clear messages and a way out', async () => {
    const cases: Array<[string, (dir: string) => void]> = [
      ['no log', () => undefined],
      ['empty log', (dir) => writeFileSync(join(dir, 'events.jsonl'), '')],
      ['torn first line', (dir) => writeFileSync(join(dir, 'events.jsonl'), '{"v":1,"seq":1,"at":"2026-11-21T08:05:00.000Z","type":"ope')],
    ];
    for (const [name, make] of cases) {
      const h = home();
      const env = { CRISIS_HOME: h };
      const dir = join(h, 'incidents', 'cut');
      mkdirSync(dir, { recursive: true });
      make(dir);
      const commands = [['status', 'cut', '--json'], ['status'], ['resume', 'cut', '--answers', scenario.answers, '--no-input'], ['log', 'cut', 'a note'], ['report', 'cut']];
      const results = await Promise.all(commands.map((args) => after(args, { env })));
      for (const [i, args] of commands.entries()) {
        const r = results[i] as RunResult;
        expectClean(r, `${name}: ${args.join(' ')}`);
        expect(r.code, `${name}: ${args.join(' ')}: ${r.stderr}`).toBe(1);
        expect(r.stderr, `${name}: ${args.join(' ')}`).toMatch(/interrupted|no (readable )?events?|no open incident/);
        expect(r.stdout, `${name}: ${args.join(' ')}`).toBe('');
      }
      const again = await after(startArgs(scenario, 'cut'), { env });
      expectClean(again, `${name}: start again`);
      expect(again.code, name).toBe(1);
      expect(again.stderr, name).toContain('interrupted');
      rmSync(dir, { recursive: true });
      const fresh = await after(startArgs(scenario, 'cut'), { env });
      expect(fresh.code, `${name}: ${fresh.stderr}`).toBe(0);
    }
  }, 120_000);

  it('a start killed right after the opened event resumes with the answers file: variables and people included', async () => {
    const h = home();
    const env = { CRISIS_HOME: h };
    const ref = await after(startArgs(scenario, 'whole'), { env });
    expect(ref.code).toBe(0);
    const { events } = logOf(h, 'whole');
    const dir = join(h, 'incidents', 'cut');
    mkdirSync(dir, { recursive: true });
    // only the opening event, as a kill between createIncident and variables_set leaves it
    writeFileSync(join(dir, 'events.jsonl'), `${JSON.stringify({ ...events[0], incident: 'cut' })}\n`);
    const status = await after(['status', 'cut', '--json'], { env });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ state: 'open', steps: { done: 0 } });
    const resumed = await after(['resume', 'cut', '--answers', scenario.answers, '--no-input'], { env });
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const whole = summarize(events);
    const cut = summarize(logOf(h, 'cut').events);
    expect(cut.variables).toEqual(whole.variables);
    expect(cut.people).toEqual(whole.people);
    expect([...cut.answers.keys()]).toEqual([...whole.answers.keys()]);
  }, 120_000);
});

/**
 * Crash safety: scripted runs of the built-in playbooks killed with SIGKILL at
 * seeded random moments, then `status` and `resume` with the same answers
 * file (CRASH_KILLS of them). Whatever the moment, the incident must be readable, resumable and end
 * with the same answers as an uninterrupted run: seq contiguous, no answer
 * lost or doubled, resolved. Replay a run with CRASH_SEED=<seed>.
 *
 * A moment is a share of the work of an uninterrupted run: on Linux the
 * killed process's CPU time (from /proc), which a busy machine does not
 * stretch as it stretches the clock; elsewhere, time since the spawn. Each
 * playbook's kills are spread over its whole run, one per slice (from
 * before the incident exists to after the run has ended), each at a
 * random point of its slice.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli, tempDir, type RunResult } from './helpers.js';
import { runInProcess } from '../helpers/in-process.js';
import { seededRng, seedFrom } from '../helpers/prng.js';

const SEED = seedFrom('CRASH_SEED', 20261121);
// 9 kills (three per playbook: early, middle and late in its run) keep `npm test` quick;
// CRASH_KILLS=200 (or more) for a deep run before a release.
const KILLS = Number(process.env.CRASH_KILLS ?? 9);
/** A moment slightly past the reference run's end, so that some kills come after the run is over. */
const PAST_END = 1.1;
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

/** What an uninterrupted run of a scenario logs, to compare crashed runs with, and the work it took. */
interface Reference {
  answers: Map<string, Event[]>;
  variables: Record<string, unknown>;
  people: Record<string, unknown>;
  /** Milliseconds of CPU (Linux) or of the clock (elsewhere) from spawn to exit. */
  work: number;
}

const homes: string[] = [];
const references = new Map<string, Reference>();
/** CPU time is measured where /proc gives it; elsewhere the clock stands in. */
const BY_CPU = process.platform === 'linux';

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

/** The CPU milliseconds a live process has used (user + system), from /proc; undefined once it is gone. */
function cpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime, fields 14 and 15, in clock ticks of 10 ms
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * Starts a run and kills it with SIGKILL once it has done `work` ms of work
 * (see Reference.work), or lets it end when `work` is undefined; says whether
 * it had exited first and how much work it was seen doing.
 */
function startAndKill(s: Scenario, id: string, crisisHome: string, work: number | undefined): Promise<{ finished: boolean; code: number | null; work: number; stderr: string }> {
  return new Promise((done, fail) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [BIN, ...startArgs(s, id)], { cwd: crisisHome, env: cleanEnv(crisisHome), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let seen = 0;
    const poll = setInterval(() => {
      const now = BY_CPU ? cpuMs(child.pid ?? 0) : Date.now() - t0;
      if (now === undefined) return;
      seen = Math.max(seen, now);
      if (work !== undefined && now >= work) child.kill('SIGKILL');
    }, 4);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      if (!BY_CPU) seen = Date.now() - t0;
      done({ finished: signal === null, code, work: seen, stderr });
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

function summarize(events: Event[]): Omit<Reference, 'work'> {
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
  // The playbooks checked once into the cache the runs share, as every run after the first finds them:
  // a reference run that checks them would take more work than the runs it measures.
  const warm = await runCli(['validate', ...SCENARIOS.map((s) => join(ROOT, 'playbooks', `${s.playbook}.en.yaml`))], { timeout: 60_000 });
  expect(warm.code, warm.stderr).toBe(0);
  // Uninterrupted runs, in parallel as the kills will be: the reference answers and the work a whole run takes.
  await Promise.all(
    SCENARIOS.map(async (s) => {
      const h = home();
      const run = await startAndKill(s, 'reference', h, undefined);
      expect(run).toMatchObject({ finished: true, code: 0, stderr: '' });
      references.set(s.playbook, { ...summarize(logOf(h, 'reference').events), work: Math.max(run.work, 100) });
    }),
  );
}, 90_000);

/** The kills: each playbook in turn, and each playbook's kills one per slice of its run, in a seeded order. */
function killPlan(rng: ReturnType<typeof seededRng>): Array<{ n: number; scenario: Scenario; work: number }> {
  const perScenario = SCENARIOS.map((_, i) => Math.floor(KILLS / SCENARIOS.length) + (i < KILLS % SCENARIOS.length ? 1 : 0));
  const slices = perScenario.map((count) => {
    const order = Array.from({ length: count }, (_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    return order;
  });
  return Array.from({ length: KILLS }, (_, n) => {
    const index = n % SCENARIOS.length;
    const scenario = SCENARIOS[index] as Scenario;
    const slice = slices[index]?.shift() ?? 0;
    const share = ((slice + rng.next()) / (perScenario[index] ?? 1)) * PAST_END;
    return { n, scenario, work: Math.round(share * (references.get(scenario.playbook)?.work ?? 0)) };
  });
}

afterAll(() => {
  for (const dir of homes) rmSync(dir, { recursive: true, force: true });
});

describe('SIGKILL at random moments, then status and resume', () => {
  it(`${KILLS} kills: every incident reads, resumes and ends with every answer once`, async () => {
    const plan = killPlan(seededRng(SEED));
    const unit = BY_CPU ? 'ms of CPU' : 'ms';
    const whole = SCENARIOS.map((s) => `${s.playbook} ${references.get(s.playbook)?.work} ${unit}`).join(', ');
    console.log(`crash test: seed ${SEED} (replay with CRASH_SEED=${SEED}), whole runs: ${whole}`);
    const outcomes: string[] = [];

    await pool(plan, PARALLEL, async ({ n, scenario, work }) => {
      const id = `crash-${n}`;
      const h = home();
      const env = { CRISIS_HOME: h };
      const label = `kill #${n} (${scenario.playbook}, at ${work} ${unit}, seed ${SEED})`;
      const killed = await startAndKill(scenario, id, h, work);
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
      outcomes.push(`#${n} ${scenario.playbook} at ${work} ${unit}: ${outcome}${killed.finished ? ` (exited ${killed.code} first)` : ''}`);
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

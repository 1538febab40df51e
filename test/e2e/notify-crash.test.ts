/**
 * Crash safety of team notifications, with the built binary and a real HTTP
 * server on 127.0.0.1: a sender killed with SIGKILL in the middle of a
 * delivery (its request sent, no answer yet) loses nothing and sends nothing
 * twice. After `crisis resume` (or `crisis notify --flush`), every
 * notification has been answered 2xx exactly once and is recorded sent once.
 * The walkthrough itself never waits on the network: `start` ends while the
 * background sender's request is still unanswered.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRecorder, type HttpRecorder, type RecordedRequest } from '../helpers/notify-servers.js';
import { BIN, runCli, tempDir } from './helpers.js';

const ANSWERS = resolve('test/fixtures/answers/messenger-down.yaml');

let http: HttpRecorder;
beforeAll(async () => {
  http = await httpRecorder();
});
afterAll(async () => {
  await http.close();
});

function home(): string {
  const dir = tempDir('crisis-notify-crash-');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'config.yaml'),
    `notify:
  lead: { slack: "${http.url('/slack/T0/B0/token')}", webhook: "${http.url('/hook/path')}" }
  management: { teams: "${http.url('/teams/workflows/x?sig=s')}", discord: "${http.url('/discord/api/webhooks/1/token')}" }
`,
  );
  chmodSync(join(dir, 'config.yaml'), 0o600);
  return dir;
}

type Event = Record<string, unknown> & { type: string; id?: string };
const logOf = (dir: string, id: string): Event[] =>
  readFileSync(join(dir, 'incidents', id, 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Event);

/** The notification a request delivers: every payload names its id. */
const idOf = (req: RecordedRequest, ids: readonly string[]) => ids.find((id) => req.body.includes(id));

function spawnCli(args: string[], env: Record<string, string>): ChildProcess {
  const clean: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
  for (const name of ['LANG', 'LC_ALL', 'LC_MESSAGES', 'LANGUAGE', 'CRISIS_PLAYBOOKS', 'FORCE_COLOR', 'CI']) delete clean[name];
  return spawn(process.execPath, [BIN, ...args], { env: clean, stdio: 'ignore' });
}

/** The pids of the background senders of this data directory: their command lines name it. */
function backgroundSenders(dataDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (args.includes('--background') && args.includes(dataDir) && args.includes('notify')) pids.push(Number(entry));
  }
  return pids;
}

/** Every notification answered 2xx exactly once, and recorded sent exactly once. */
function expectExactlyOnce(dir: string, id: string): void {
  const log = logOf(dir, id);
  const ids = log.filter((e) => e.type === 'notification_queued').map((e) => e.id!);
  expect(ids).toHaveLength(8);
  const answered = http.requests.filter((r) => r.answered !== undefined && r.answered < 300).map((r) => idOf(r, ids));
  expect([...answered].sort()).toEqual([...ids].sort());
  const sent = log.filter((e) => e.type === 'notification_sent').map((e) => e.id!);
  expect([...sent].sort()).toEqual([...ids].sort());
}

describe.skipIf(process.platform !== 'linux')('team notifications survive SIGKILL', () => {
  it('a sender killed while a request waits for its answer: resume sends what is left, nothing twice', async () => {
    const dir = home();
    http.requests.length = 0;
    const start = await runCli(['start', 'messenger-down', '--answers', ANSWERS, '--no-input', '--id', 'c'], { env: { CRISIS_HOME: dir, CRISIS_NOTIFY_BACKGROUND: '0' } });
    expect(start.code, start.stderr).toBe(0);
    expect(logOf(dir, 'c').filter((e) => e.type === 'notification_queued')).toHaveLength(8);

    // the third request gets no answer; the sender is killed once the others are answered
    http.behave((_req, index) => (index === 2 ? 'hang' : { status: 200 }));
    const sender = spawnCli(['notify', 'c', '--flush'], { CRISIS_HOME: dir, CRISIS_NOTIFY_BACKGROUND: '0' });
    const exited = new Promise<number | null>((done) => sender.on('exit', (code) => done(code)));
    await http.waitFor((r) => r.length === 8 && r.filter((x) => x.answered === 200).length === 7);
    // outcomes are appended right after each answer: wait for the seven, then kill mid-delivery
    const waitSent = async () => {
      for (let i = 0; i < 200 && logOf(dir, 'c').filter((e) => e.type === 'notification_sent').length < 7; i++) await new Promise((d) => setTimeout(d, 50));
    };
    await waitSent();
    sender.kill('SIGKILL');
    await exited;
    const log = logOf(dir, 'c');
    expect(log.filter((e) => e.type === 'notification_sent')).toHaveLength(7);
    const hung = idOf(http.requests[2]!, log.filter((e) => e.type === 'notification_queued').map((e) => e.id!));
    expect(hung).toBeDefined();
    expect(log.some((e) => e.id === hung && e.type !== 'notification_queued')).toBe(false);

    // the connection died with the sender: that request was never answered
    http.releaseHanging();
    expect(http.requests[2]!.answered).toBeUndefined();

    // resume starts the background sender, which takes over the dead sender's lock once stale
    const resume = await runCli(['resume', 'c', '--no-input'], { env: { CRISIS_HOME: dir } });
    expect(resume.code, resume.stderr).toBe(0);
    await http.waitFor((r) => r.filter((x) => x.answered === 200).length === 8);
    for (let i = 0; i < 200 && logOf(dir, 'c').filter((e) => e.type === 'notification_sent').length < 8; i++) await new Promise((d) => setTimeout(d, 50));
    expectExactlyOnce(dir, 'c');
    // and it went to the one left
    expect(idOf(http.requests.at(-1)!, [hung!])).toBe(hung);

    // a later flush finds nothing to send
    const before = http.requests.length;
    const flush = await runCli(['notify', 'c', '--flush'], { env: { CRISIS_HOME: dir } });
    expect(flush.code, flush.stderr).toBe(0);
    expect(http.requests.length).toBe(before);
  });

  it('start returns while the background sender still waits for an answer; that sender killed, --flush delivers the rest once', async () => {
    const dir = home();
    http.requests.length = 0;
    http.behave(() => 'hang');
    const start = await runCli(['start', 'messenger-down', '--answers', ANSWERS, '--no-input', '--id', 'bg'], { env: { CRISIS_HOME: dir } });
    expect(start.code, start.stderr).toBe(0);
    // the walkthrough is over; its sender, detached, is still waiting on the server
    await http.waitFor((r) => r.length >= 1);
    const pids = backgroundSenders(dir);
    expect(pids.length).toBeGreaterThan(0);
    expect(logOf(dir, 'bg').filter((e) => e.type === 'notification_sent')).toHaveLength(0);
    expect(http.requests.every((r) => r.answered === undefined)).toBe(true);

    // every sender this run started (one per batch queued; all but one wait for the lock)
    for (let i = 0; i < 100; i++) {
      const alive = backgroundSenders(dir);
      if (alive.length === 0) break;
      for (const pid of alive) process.kill(pid, 'SIGKILL');
      await new Promise((d) => setTimeout(d, 50));
    }
    http.releaseHanging();
    const flush = await runCli(['notify', 'bg', '--flush'], { env: { CRISIS_HOME: dir, CRISIS_NOTIFY_BACKGROUND: '0' } });
    expect(flush.code, flush.stdout + flush.stderr).toBe(0);
    expect(flush.stdout).toContain('(0 pending, 0 failed)');
    expectExactlyOnce(dir, 'bg');
  });
});

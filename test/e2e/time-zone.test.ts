/**
 * Every time a person reads is in the incident's zone, recorded when it
 * opens, whatever the zone of the machine running the command: a
 * Europe/Paris incident run on a machine in UTC and on one in New York
 * prints the same, byte for byte, and JSON carries times with their offset.
 * The commands run in process with the process's zone switched (Node applies
 * a new TZ at once); one spawned binary checks the real process agrees.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';
import { runCli, tempDir, type RunResult } from './helpers.js';

const FULL = resolve('test/fixtures/answers/messenger-down.yaml');
const ID = '2026-11-21-messenger-down';

/**
 * Runs a command in process on a machine whose zone is `env.TZ`: the process's
 * own zone for the time of the command (Node applies a new TZ at once), the
 * clock from CRISIS_TEST_NOW_FILE as the binary reads it. One spawned binary
 * below checks that the real process prints the same.
 */
async function runOn(args: string[], options: { cwd: string; env: Record<string, string> }): Promise<RunResult> {
  const before = process.env.TZ;
  const clock = options.env.CRISIS_TEST_NOW_FILE;
  const now = clock ? () => new Date(readFileSync(clock, 'utf8').trim()) : undefined;
  process.env.TZ = options.env.TZ ?? 'UTC';
  try {
    return await runInProcess(args, { cwd: options.cwd, env: options.env, ...(now ? { now } : {}) });
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

/** Runs a whole incident and every command that shows times, on a machine whose zone is `machineZone`. */
async function runAll(machineZone: string, lang: string): Promise<{ out: Record<string, string>; cwd: string; env: Record<string, string> }> {
  const cwd = tempDir('crisis-tz-');
  // one fixed "now" for both machines: an announcement's next-update time counts from it
  const clock = join(cwd, 'now');
  writeFileSync(clock, '2026-11-21T18:02:00Z');
  const env = { TZ: machineZone, CRISIS_HOME: cwd, CRISIS_TEST_NOW_FILE: clock };
  let last: RunResult | undefined;
  const run = async (args: string[]): Promise<string> => {
    const r: RunResult = (last = await runOn(args, { cwd, env }));
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    // the folder is the only thing that differs between the runs
    return (r.stdout + r.stderr).split(cwd).join('<dir>');
  };
  const out: Record<string, string> = {};
  out.start = await run(['start', 'messenger-down', '--lang', lang, '--tz', 'Europe/Paris', '--answers', FULL, '--no-input']);
  out.status = await run(['status', ID]);
  out.statusJson = await run(['status', ID, '--json']);
  out.report = await run(['report', ID]);
  out.reportStdout = last?.stdout ?? '';
  out.timeline = await run(['timeline', ID]);
  out.incidents = await run(['incidents', '--all']);
  out.announce = await run(['announce', ID, 'initial', '--force']);
  out.opened = readFileSync(join(cwd, 'incidents', ID, 'events.jsonl'), 'utf8').split('\n')[0] ?? '';
  return { out, cwd, env };
}

describe('the incident zone', () => {
  for (const lang of ['en', 'fr']) {
    it(`prints the same on a machine in UTC and in New York (${lang})`, async () => {
      // the machines really differ: the same instant reads 08:05 and 03:05 there
      const instant = new Date('2026-11-21T08:05:00Z');
      expect(instant.toLocaleTimeString('en-GB', { timeZone: 'UTC' })).not.toBe(instant.toLocaleTimeString('en-GB', { timeZone: 'America/New_York' }));

      const { out: utc } = await runAll('UTC', lang);
      const { out: newYork, cwd, env } = await runAll('America/New_York', lang);
      // the real process on a New York machine prints the report the in-process runs print, for the incident they opened
      expect((await runCli(['report', ID], { cwd, env })).stdout).toBe(utc.reportStdout);
      for (const key of Object.keys(utc)) {
        if (key === 'opened') continue;
        expect(newYork[key], key).toBe(utc[key]);
      }
      expect(JSON.parse(utc.opened ?? '{}').time_zone).toBe('Europe/Paris');
      // Paris wall-clock times, the zone named once, offsets in JSON
      expect(utc.report).toContain('Europe/Paris, UTC+01:00');
      expect(utc.report).toMatch(/09:05/);
      expect(utc.timeline).toContain('Europe/Paris, UTC+01:00');
      const status = JSON.parse(utc.statusJson ?? '{}');
      expect(status.detected_at).toBe('2026-11-21T09:05:00+01:00');
      expect(status.resolved_at).toBe('2026-11-21T12:50:00+01:00');
      expect(status.time_zone).toBe('Europe/Paris');
      for (const d of status.deadlines) expect(d.due_at).toMatch(/\+01:00$/);
    }, 120_000);
  }

  it('takes CRISIS_TZ, then config.yaml timezone:, and refuses an unknown zone', async () => {
    const cwd = tempDir('crisis-tz-');
    const home = { CRISIS_HOME: cwd };
    const args = ['start', 'messenger-down', '--answers', FULL, '--no-input'];
    const fromEnv = await runOn([...args, '--id', 'from-env'], { cwd, env: { ...home, TZ: 'UTC', CRISIS_TZ: 'Asia/Tokyo' } });
    expect(fromEnv.code, fromEnv.stderr).toBe(0);
    const status = JSON.parse((await runOn(['status', 'from-env', '--json'], { cwd, env: { ...home, TZ: 'UTC' } })).stdout);
    expect(status.time_zone).toBe('Asia/Tokyo');
    expect(status.detected_at).toBe('2026-11-21T17:05:00+09:00');
    // with nothing set, the machine's zone: what the in-process runs above switch
    const fromMachine = await runOn([...args, '--id', 'from-machine', '--new'], { cwd, env: { ...home, TZ: 'America/New_York' } });
    expect(fromMachine.code, fromMachine.stderr).toBe(0);
    expect(JSON.parse((await runOn(['status', 'from-machine', '--json'], { cwd, env: { ...home, TZ: 'UTC' } })).stdout).time_zone).toBe('America/New_York');

    writeFileSync(join(cwd, 'config.yaml'), 'timezone: America/Sao_Paulo\n');
    const fromConfig = await runOn([...args, '--id', 'from-config', '--new'], { cwd, env: { ...home, TZ: 'UTC' } });
    expect(fromConfig.code, fromConfig.stderr).toBe(0);
    expect(JSON.parse((await runOn(['status', 'from-config', '--json'], { cwd, env: { ...home, TZ: 'UTC' } })).stdout).time_zone).toBe('America/Sao_Paulo');

    // resolve says when in words, in the incident's zone (the day too: it is not today)
    await runOn(['start', 'messenger-down', '--id', 'to-resolve', '--tz', 'Europe/Paris', '--new', '--no-input', '--at', '2026-11-21T09:05:00+01:00'], { cwd, env: { ...home, TZ: 'America/New_York' } });
    const resolved = await runOn(['resolve', 'to-resolve', '--yes', '--no-input', '--at', '2026-11-21T11:50:00Z'], { cwd, env: { ...home, TZ: 'America/New_York' } });
    expect(resolved.stdout).toContain('Incident to-resolve resolved at 12:50 on 21 November.');

    // an incident of 16:11 in London, on a machine in Tokyo where it is already the next day, is filed under its own day
    const london = await runOn(['start', 'messenger-down', '--tz', 'Europe/London', '--new', '--no-input', '--at', '2026-12-02T16:11:00Z'], { cwd, env: { ...home, TZ: 'Asia/Tokyo' } });
    expect(london.stdout).toContain('Incident 2026-12-02-messenger-down opened');

    const bad = await runOn([...args, '--tz', 'Paris', '--new'], { cwd, env: { ...home, TZ: 'UTC' } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--tz: "Paris" is not a time zone');
    writeFileSync(join(cwd, 'config.yaml'), 'timezone: Mars/Olympus\n');
    const badConfig = await runOn([...args, '--new'], { cwd, env: { ...home, TZ: 'UTC' } });
    expect(badConfig.code).toBe(1);
    expect(badConfig.stderr).toMatch(/config\.yaml:1:\d+: timezone: "Mars\/Olympus" is not a time zone/);
  }, 120_000);

  it('reads times typed without an offset as the incident’s wall clock, not the machine’s', async () => {
    const cwd = tempDir('crisis-tz-');
    // 19:02 in Paris, 13:02 on the machine's clock in New York
    const clock = join(cwd, 'now');
    writeFileSync(clock, '2026-11-21T18:02:00Z');
    const env = { CRISIS_HOME: cwd, TZ: 'America/New_York', CRISIS_TEST_NOW_FILE: clock };
    const answers = join(cwd, 'a.yaml');
    writeFileSync(
      answers,
      readFileSync(FULL, 'utf8')
        .replace('detected_at: 2026-11-21T09:05:00+01:00', 'detected_at: 2026-11-21 09:05')
        .replace('backlog: { value: 140, at: 2026-11-21T09:17:00+01:00 }', 'backlog: { value: 140, at: "2026-11-21 09:17" }')
        .replace(/^resolved_at: .*$/m, 'resolved_at: "2026-11-21 12:50"'),
    );
    const start = await runOn(['start', 'messenger-down', '--lang', 'en', '--tz', 'Europe/Paris', '--answers', answers, '--no-input'], { cwd, env });
    expect(start.code, start.stderr).toBe(0);
    const status = JSON.parse((await runOn(['status', ID, '--json'], { cwd, env })).stdout);
    expect(status.detected_at).toBe('2026-11-21T09:05:00+01:00');
    expect(status.resolved_at).toBe('2026-11-21T12:50:00+01:00');
    const log = readFileSync(join(cwd, 'incidents', ID, 'events.jsonl'), 'utf8');
    expect(log).toContain('"step":"backlog"');
    expect(JSON.parse(log.split('\n').find((l) => l.includes('"step":"backlog"')) ?? '{}').at).toBe('2026-11-21T08:17:00.000Z');

    // --at on start too, and a bare time is today in the incident's zone
    // the incident opens, then stops at the first thing only a person can answer
    const variables = join(cwd, 'v.yaml');
    writeFileSync(variables, 'variables: { brand: Acme, signature: Julie, support_email: help@acme.example, website: https://acme.example }\n');
    const other = await runOn(['start', 'messenger-down', '--id', 'typed', '--tz', 'Europe/Paris', '--new', '--no-input', '--answers', variables, '--at', '09:05'], { cwd, env });
    expect(other.code, other.stderr).toBe(3);
    expect(JSON.parse((await runOn(['status', 'typed', '--json'], { cwd, env })).stdout).detected_at).toBe('2026-11-21T09:05:00+01:00');
    // resolved (the steps after it then wait for a person)
    await runOn(['resolve', 'typed', '--yes', '--no-input', '--at', '2026-11-21 12:50'], { cwd, env });
    expect(JSON.parse((await runOn(['status', 'typed', '--json'], { cwd, env })).stdout).resolved_at).toBe('2026-11-21T12:50:00+01:00');
  }, 120_000);
});

/**
 * Runs `crisis <args>` in the test's own process, through the same entry the
 * binary uses (`run` in src/cli.ts), with the same clean environment as
 * runCli: no colour, a temp CRISIS_HOME, no inherited locale or playbook
 * folders. Much faster than spawning Node; use runCli only where the process
 * itself matters (exit codes set by signals, terminals, crashes, start-up).
 */
import { Readable } from 'node:stream';
import { run } from '../../src/cli.js';
import type { IncidentStore } from '../../src/incident/log-store.js';
import { INHERITED_OUT, tempDir, type RunOptions, type RunResult } from '../e2e/helpers.js';

export interface InProcessOptions extends RunOptions {
  /** The clock the command sees (default: the real one). */
  now?: Date | (() => Date);
  /** Where incidents are kept (default: the files of the data directory). */
  store?: IncidentStore;
}

/** Runs one command in process; resolves with its exit code and what it wrote, never rejects on a non-zero exit. */
export async function runInProcess(args: string[], options: InProcessOptions = {}): Promise<RunResult> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of INHERITED_OUT) delete env[name];
  Object.assign(env, { NO_COLOR: '1', CRISIS_HOME: tempDir('crisis-home-') }, options.env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  let stdout = '';
  let stderr = '';
  const clock = options.now;
  const now = clock === undefined ? () => new Date() : typeof clock === 'function' ? clock : () => new Date(clock.getTime());
  const stdin = Readable.from(options.input === undefined ? [] : [options.input]) as unknown as NodeJS.ReadableStream & { isTTY?: boolean };
  const code = await run(['node', 'crisis', ...args], {
    cwd: options.cwd ?? tempDir(),
    env,
    now,
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    stdin,
    ...(options.store ? { store: options.store } : {}),
  });
  return { code, stdout, stderr, timedOut: false };
}

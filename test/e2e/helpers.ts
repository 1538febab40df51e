/**
 * Runs the built command line the way a user does: `node bin/crisis.js ...`
 * in a clean environment (no colour, a temp CRISIS_HOME, no locale or
 * playbook folders inherited from the machine running the tests).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'crisis.js');

export interface RunOptions {
  /** Added to (and overriding) the clean environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** Default: a fresh empty temp folder. */
  cwd?: string;
  /** Written to stdin, which is then closed; without it stdin is closed at once. */
  input?: string;
  /** Milliseconds before the process is killed (default 20 s). */
  timeout?: number;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export const INHERITED_OUT = ['LANG', 'LC_ALL', 'LC_MESSAGES', 'LANGUAGE', 'CRISIS_HOME', 'CRISIS_PLAYBOOKS', 'FORCE_COLOR', 'CI'];

/** A new empty folder under the system temp dir. */
export function tempDir(prefix = 'crisis-e2e-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs `crisis <args>` and resolves with its exit code and output; never rejects on a non-zero exit. */
export function runCli(args: string[], options: RunOptions = {}): Promise<RunResult> {
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
    throw new Error('dist/ is missing: build first with "npm run build" (npm test does it)');
  }
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of INHERITED_OUT) delete env[name];
  Object.assign(env, { NO_COLOR: '1', CRISIS_HOME: tempDir('crisis-home-') }, options.env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];

  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? tempDir(), env: env as NodeJS.ProcessEnv, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeout ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
    child.stdin.end(options.input ?? '');
  });
}

import type { IncidentStore } from './incident/log-store.js';

/**
 * What every command receives instead of reaching for globals: where it runs,
 * its environment, a clock, its streams and the global flags.
 */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  /** A terminal's width now (it follows a resize). */
  columns?: number;
}

export interface CommandContext {
  cwd: string;
  env: Record<string, string | undefined>;
  /** The clock; tests pass a fixed one. */
  now: () => Date;
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** `--data-dir`, when given (else CRISIS_HOME, .crisis/, XDG). */
  dataDir?: string;
  /** Where incidents are kept; without it, the files of the data directory (see storeFor). */
  store?: IncidentStore;
  /** `--playbooks` folders, when given (else CRISIS_PLAYBOOKS). */
  playbookDirs: string[];
  color: boolean;
  debug: boolean;
  /**
   * The language the command speaks, errors included: the incident's or
   * playbook's once the command knows it (see speak); until then undefined,
   * the environment's (LC_ALL, LC_MESSAGES, LANG).
   */
  lang?: string;
}

/** From now on the command speaks `lang` (the incident's or playbook's language), its errors too. */
export function speak(ctx: CommandContext, lang: string): void {
  ctx.lang = lang;
}

/**
 * Prompts are possible only with both ends on a terminal, no `--no-input`, and
 * not under CI (a CI job with a pseudo-terminal must not wait for a person).
 */
export function canPrompt(ctx: CommandContext, noInput: boolean | undefined): boolean {
  const ci = ctx.env.CI !== undefined && ctx.env.CI !== '' && ctx.env.CI !== 'false' && ctx.env.CI !== '0';
  return !noInput && !ci && Boolean(ctx.stdin.isTTY) && Boolean(ctx.stdout.isTTY);
}

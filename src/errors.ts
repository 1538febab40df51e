/** Exit codes of the command line; the contract in the CLI spec. */
export const ExitCode = {
  Ok: 0,
  BadInput: 1,
  Usage: 2,
  NeedsAnswer: 3,
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An expected failure: the user's input is wrong or something they asked for
 * cannot be done. The top-level handler prints `message` (and `details`)
 * without a stack trace and exits with `exitCode`.
 */
export class UserError extends Error {
  readonly exitCode: ExitCode;
  readonly details: string[];
  constructor(message: string, options: { exitCode?: ExitCode; details?: string[] } = {}) {
    super(message);
    this.name = 'UserError';
    this.exitCode = options.exitCode ?? ExitCode.BadInput;
    this.details = options.details ?? [];
  }
}

/** A problem found in a file, with its position when one exists. */
export interface Diagnostic {
  file: string;
  /** 1-based; absent when the problem has no position (empty or binary file). */
  line?: number;
  col?: number;
  message: string;
  severity: 'error' | 'warning';
}

/** Diagnostics in reading order: by line, then column; position-less ones (a count of the rest) last. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const line = (d: Diagnostic) => d.line ?? Number.MAX_SAFE_INTEGER;
  return [...diagnostics].sort((a, b) => line(a) - line(b) || (a.col ?? 0) - (b.col ?? 0));
}

/** `file:line:col: message`, the one way a diagnostic is printed. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line !== undefined ? `${d.file}:${d.line}:${d.col ?? 1}` : d.file;
  const prefix = d.severity === 'warning' ? 'warning: ' : '';
  return `${where}: ${prefix}${d.message}`;
}

import { en } from './i18n/en.js';
import type { Catalogue } from './i18n/types.js';

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
 * Words said in the language of the command that fails: a function of the
 * catalogue, called when the error is shown (domain code throws before it
 * knows which language the command speaks), or a text already in words.
 */
export type Said = string | ((c: Catalogue) => string);

/**
 * An expected failure: the user's input is wrong or something they asked for
 * cannot be done. The top-level handler prints its words (`sayIn`) in the
 * command's language, without a stack trace, and exits with `exitCode`.
 * `message` and `details` hold the English words (logs, tests, --debug).
 */
export class UserError extends Error {
  readonly exitCode: ExitCode;
  readonly details: string[];
  readonly #said: Said;
  readonly #details: Said[] | ((c: Catalogue) => string[]);
  constructor(message: Said, options: { exitCode?: ExitCode; details?: Said[] | ((c: Catalogue) => string[]) } = {}) {
    const details = options.details ?? [];
    super(say(message, en));
    this.name = 'UserError';
    this.exitCode = options.exitCode ?? ExitCode.BadInput;
    this.#said = message;
    this.#details = details;
    this.details = sayAll(details, en);
  }

  /** The message and its detail lines in the words of `c`. */
  sayIn(c: Catalogue): { message: string; details: string[] } {
    return { message: say(this.#said, c), details: sayAll(this.#details, c) };
  }
}

function say(said: Said, c: Catalogue): string {
  return typeof said === 'string' ? said : said(c);
}

function sayAll(details: Said[] | ((c: Catalogue) => string[]), c: Catalogue): string[] {
  return typeof details === 'function' ? details(c) : details.map((d) => say(d, c));
}

/**
 * A warning said in the language of the command that prints it: domain code
 * finds it before it knows that language. `text` holds the English words
 * (logs, tests, --debug), as `message` does for a UserError.
 */
export class Warning {
  readonly text: string;
  readonly #said: Said;
  constructor(said: Said) {
    this.#said = said;
    this.text = say(said, en);
  }

  /** The warning in the words of `c`. */
  sayIn(c: Catalogue): string {
    return say(this.#said, c);
  }

  toString(): string {
    return this.text;
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
  return formatDiagnosticSaying(d, 'warning: ');
}

/** formatDiagnostic with a language's own word before a warning's message (`attention : `). */
export function formatDiagnosticSaying(d: Diagnostic, warning: string): string {
  const where = d.line !== undefined ? `${d.file}:${d.line}:${d.col ?? 1}` : d.file;
  const prefix = d.severity === 'warning' ? warning : '';
  return `${where}: ${prefix}${d.message}`;
}

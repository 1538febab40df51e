/**
 * Reading `events.jsonl`: streamed line by line, every line checked, with the
 * crash rules of the spec.
 *
 * - The last line may be cut off by a crash while writing: if it is not valid
 *   JSON it is dropped with a warning.
 * - A line elsewhere that is not valid JSON is an error naming `path:line`,
 *   except a fragment that looks like the start of an event cut short (it
 *   begins with `{` and its objects, arrays or strings are left open): that is
 *   what a crash leaves behind once the next append has started on a fresh
 *   line (see appendEvents), so it is dropped with a warning too.
 * - A valid JSON line that is not an event (`v`, `seq`, `at`, `type`), or
 *   whose `seq` does not increase, is an error. A gap in `seq` is a warning.
 * - An event of an unknown type is skipped with a warning, so a log written by
 *   a slightly newer crisis still loads; a newer `v` is an error.
 */
import { createReadStream } from 'node:fs';
import { EVENT_TYPES, LOG_VERSION, type IncidentEvent } from './events.js';
import { UserError } from '../errors.js';
import { explainFsError, isErrnoException } from './paths.js';

/** Receives each accepted event in order, with its 1-based line number. */
export type EventSink = (event: IncidentEvent, line: number) => void;

const KNOWN_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);
/** Chunks large enough that 100,000 events take a few dozen reads. */
const CHUNK_BYTES = 1 << 16;

/**
 * Streams the log at `path` into `sink` without keeping the events, and
 * returns the warnings. Throws UserError for a corrupt log; ENOENT is left
 * to the caller, which knows the incident id.
 */
export async function scanLog(path: string, sink: EventSink): Promise<{ warnings: string[]; lastSeq: number }> {
  const checker = new LogChecker(path, sink);
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK_BYTES });
  let rest = '';
  let line = 0;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      const text = rest + chunk;
      let start = 0;
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
        checker.line(text.slice(start, end), ++line);
        start = end + 1;
      }
      rest = text.slice(start);
    }
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') throw error;
    throw explainFsError(error, path, 'read');
  }
  if (rest.length > 0) checker.line(rest, ++line);
  return checker.end();
}

interface PendingLine {
  line: number;
  reason: string;
  cutShort: boolean;
}

class LogChecker {
  readonly warnings: string[] = [];
  private lastSeq = 0;
  private pending: PendingLine | undefined;

  constructor(
    private readonly path: string,
    private readonly sink: EventSink,
  ) {}

  line(raw: string, line: number): void {
    // Tolerate a hand edit on Windows: a BOM and CRLF line ends.
    const unbommed = line === 1 && raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
    const text = unbommed.endsWith('\r') ? unbommed.slice(0, -1) : unbommed;
    if (text.trim() === '') return;
    // A bad line is judged once we know whether anything follows it.
    if (this.pending) this.settleMiddle(this.pending);
    this.pending = undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.pending = { line, reason: `not valid JSON (${reason})`, cutShort: looksCutShort(text) };
      return;
    }
    const problem = eventProblem(value);
    if (problem) throw this.error(line, problem);
    const event = value as IncidentEvent;
    if (event.v > LOG_VERSION) {
      throw this.error(line, `written by a newer crisis (log format ${event.v}, this one reads ${LOG_VERSION}); upgrade crisis`);
    }
    if (event.seq <= this.lastSeq) {
      throw this.error(line, `seq ${event.seq} does not follow seq ${this.lastSeq}; the log was edited or merged by hand`);
    }
    if (event.seq !== this.lastSeq + 1) {
      this.warn(line, `seq jumps from ${this.lastSeq} to ${event.seq}; events may be missing`);
    }
    this.lastSeq = event.seq;
    if (!KNOWN_TYPES.has(event.type)) {
      this.warn(line, `unknown event type ${JSON.stringify(event.type)}; ignored`);
      return;
    }
    this.sink(event, line);
  }

  end(): { warnings: string[]; lastSeq: number } {
    if (this.pending) {
      this.warn(this.pending.line, 'the last line was cut off (a crash while writing?); ignored');
      this.pending = undefined;
    }
    return { warnings: this.warnings, lastSeq: this.lastSeq };
  }

  private settleMiddle(pending: PendingLine): void {
    if (!pending.cutShort) throw this.error(pending.line, pending.reason);
    this.warn(pending.line, 'a line cut off by an earlier crash while writing; ignored');
  }

  private warn(line: number, message: string): void {
    this.warnings.push(`${this.path}:${line}: ${message}`);
  }

  private error(line: number, message: string): UserError {
    return new UserError(`${this.path}:${line}: ${message}`, {
      details: ['crisis only appends to this file; fix or remove that line by hand (keep a copy first)'],
    });
  }
}

/** Why a parsed line is not an event, or undefined when it is one. */
export function eventProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'not an event: expected a JSON object';
  }
  const e = value as Record<string, unknown>;
  if (!Number.isInteger(e.v) || (e.v as number) < 1) return 'not an event: "v" must be a positive integer';
  if (!Number.isSafeInteger(e.seq) || (e.seq as number) < 1) {
    return 'not an event: "seq" must be a positive integer';
  }
  if (typeof e.at !== 'string' || Number.isNaN(Date.parse(e.at))) {
    return 'not an event: "at" must be an ISO 8601 date';
  }
  if (typeof e.type !== 'string' || e.type === '') return 'not an event: "type" must be a string';
  return undefined;
}

/**
 * True for text that reads as the beginning of a JSON object whose end is
 * missing: it starts with `{`, and a string, object or array is still open
 * when the text stops. Tokens are not validated; the point is to tell a write
 * cut short from a line that is plainly something else.
 */
export function looksCutShort(text: string): boolean {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{')) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '{' || c === '[') {
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      // Closed before the end: something follows a complete value.
      if (depth <= 0) return false;
    }
  }
  return inString || depth > 0;
}

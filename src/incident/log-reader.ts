/**
 * Reading `events.jsonl`: line by line, every line checked, with the crash
 * rules of the spec. Reading is linear in the file's size and holds at most
 * one line of `MAX_LINE_BYTES`: a longer line is judged by its length alone,
 * without keeping it.
 *
 * - Crash damage is dropped with a warning wherever it is: a line cut off
 *   (it begins with `{` and its objects, arrays or strings are left open; a
 *   crash while writing leaves it, and the next append starts on a fresh line
 *   after it, see appendEvents), and a line holding NUL bytes (what a power
 *   cut leaves at the end of a file).
 * - Any other bad line (not valid JSON, longer than any event) is an error
 *   naming `path:line`, except as the last line, where it is dropped with a
 *   warning saying that nothing can be added after it.
 * - A valid JSON line that is not an event (`v`, `seq`, `at`, `type`) is an
 *   error. Events are taken in file order: a `seq` not above the highest so
 *   far (a writer paused past its lock numbered after an old end) is kept
 *   with a warning; a gap is a warning.
 * - An event of an unknown type is skipped with a warning, so a log written by
 *   a slightly newer crisis still loads; a newer `v` is an error.
 */
import { open } from 'node:fs/promises';
import { EVENT_TYPES, LOG_VERSION, type IncidentEvent } from './events.js';
import { UserError, Warning } from '../errors.js';
import type { Catalogue } from '../i18n/types.js';
import { explainFsError, isErrnoException } from './paths.js';

/** Receives each accepted event in order, with its 1-based line number. */
export type EventSink = (event: IncidentEvent, line: number) => void;

const KNOWN_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);
/** Chunks large enough that 100,000 events take a few reads, and a gigabyte a thousand. */
const CHUNK_BYTES = 1 << 20;
/**
 * No event is longer (the writer refuses to write one): a longer line is
 * not read into memory, only measured.
 */
export const MAX_LINE_BYTES = 1 << 20;

/** One line of the log as read: its text unless it is too long or holds a NUL byte. */
export interface RawLine {
  /** Undefined when the line is longer than MAX_LINE_BYTES or holds a NUL byte. */
  text: string | undefined;
  bytes: number;
  nul: boolean;
}

/** Why a line is not an event, in the words of a catalogue. */
export type LineProblem = (c: Catalogue) => string;

/** What a line is. `damaged` is what a crash leaves; `bad` anything else that is not an event. */
export type LineVerdict =
  | { kind: 'blank' }
  | { kind: 'event'; event: IncidentEvent }
  | { kind: 'damaged'; cause: 'cut' | 'nul' }
  | { kind: 'bad'; reason: LineProblem; json: boolean };

/** Judges one line; `first` strips a byte order mark. Shared by readers and writers so they agree. */
export function judgeLine(raw: RawLine, first = false): LineVerdict {
  if (raw.nul) return { kind: 'damaged', cause: 'nul' };
  if (raw.text === undefined) {
    const { bytes } = raw;
    return { kind: 'bad', reason: (c) => c.warnings.lineTooLong(bytes, MAX_LINE_BYTES), json: false };
  }
  // Tolerate a hand edit on Windows: a BOM and CRLF line ends.
  const unbommed = first && raw.text.startsWith('\uFEFF') ? raw.text.slice(1) : raw.text;
  const text = unbommed.endsWith('\r') ? unbommed.slice(0, -1) : unbommed;
  if (isBlank(text)) return { kind: 'blank' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (looksCutShort(text)) return { kind: 'damaged', cause: 'cut' };
    return { kind: 'bad', reason: jsonProblem(error), json: false };
  }
  const problem = eventProblem(value);
  if (problem) return { kind: 'bad', reason: problem, json: true };
  return { kind: 'event', event: value as IncidentEvent };
}

/** True for text of white space only (what `trim()` would empty), without building the trimmed copy. */
function isBlank(text: string): boolean {
  return !/\S/.test(text);
}

/**
 * Why JSON.parse refused a line, without its words: they quote the line's
 * first bytes, which are not for messages (the log may be a link to
 * another file).
 */
function jsonProblem(error: unknown): LineProblem {
  const message = error instanceof Error ? error.message : '';
  const position = /at position (\d+)/.exec(message);
  if (position) return (c) => c.warnings.notJsonAt(Number(position[1]) + 1);
  if (/end of JSON input/.test(message)) return (c) => c.warnings.notJsonEnds;
  return (c) => c.warnings.notJson;
}

/** Splits bytes into lines, holding at most MAX_LINE_BYTES of the current one. */
export class LineSplitter {
  private pieces: Buffer[] = [];
  private held = 0;
  private bytes = 0;
  private nul = false;

  /** Feeds `chunk` (which may be reused by the caller afterwards), calling `onLine` for each complete line. */
  push(chunk: Buffer, onLine: (line: RawLine) => void): void {
    let start = 0;
    // the next NUL byte of the chunk (there is none in a sound log), searched for again only once passed
    let nulAt = chunk.indexOf(0);
    if (this.bytes > 0) {
      // the end of a line begun in an earlier chunk
      const nl = chunk.indexOf(0x0a);
      if (nl === -1) {
        this.take(chunk);
        return;
      }
      this.take(chunk.subarray(0, nl));
      onLine(this.flush());
      start = nl + 1;
      if (nulAt !== -1 && nulAt < start) nulAt = chunk.indexOf(0, start);
    }
    const last = chunk.lastIndexOf(0x0a);
    if (last >= start && last - start <= MAX_LINE_BYTES && (nulAt === -1 || nulAt > last)) {
      // The lines lying whole in the chunk, with no NUL byte among them (a sound log), are decoded in one
      // piece and cut from that text (a line end is never inside a UTF-8 sequence).
      this.wholeLines(chunk, start, last, onLine);
      start = last + 1;
    }
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl === -1) {
        this.take(chunk.subarray(start));
        return;
      }
      if (this.bytes === 0) {
        // most lines lie whole in one chunk: decoded from it, without a copy
        const nul = nulAt !== -1 && nulAt < nl;
        const bytes = nl - start;
        const keep = !nul && bytes <= MAX_LINE_BYTES;
        onLine({ text: keep ? chunk.toString('utf8', start, nl) : undefined, bytes, nul });
      } else {
        this.take(chunk.subarray(start, nl));
        onLine(this.flush());
      }
      start = nl + 1;
      if (nulAt !== -1 && nulAt < start) nulAt = chunk.indexOf(0, start);
    }
  }

  /** Calls `onLine` for each line of `chunk` from `start` to the line end at `last`, none holding a NUL byte. */
  private wholeLines(chunk: Buffer, start: number, last: number, onLine: (line: RawLine) => void): void {
    const text = chunk.toString('utf8', start, last);
    // text of one-byte characters only: its offsets are the bytes' (else each line end is found in the bytes too)
    const ascii = text.length === last - start;
    let from = 0;
    let at = start;
    for (;;) {
      const nl = text.indexOf('\n', from);
      const to = nl === -1 ? text.length : nl;
      const bytesTo = ascii ? start + to : nl === -1 ? last : chunk.indexOf(0x0a, at);
      onLine({ text: text.slice(from, to), bytes: bytesTo - at, nul: false });
      if (nl === -1) return;
      from = nl + 1;
      at = bytesTo + 1;
    }
  }

  /** The last line when the data did not end with a newline. */
  end(): RawLine | undefined {
    return this.bytes > 0 ? this.flush() : undefined;
  }

  private take(piece: Buffer): void {
    if (piece.length === 0) return;
    this.bytes += piece.length;
    if (!this.nul && piece.includes(0)) this.nul = true;
    if (this.nul || this.bytes > MAX_LINE_BYTES) {
      // judged by its length or its NUL bytes alone: nothing more to keep
      this.pieces = [];
      this.held = 0;
      return;
    }
    this.pieces.push(Buffer.from(piece));
    this.held += piece.length;
  }

  private flush(): RawLine {
    const keep = !this.nul && this.bytes <= MAX_LINE_BYTES;
    const line: RawLine = {
      text: keep ? Buffer.concat(this.pieces, this.held).toString('utf8') : undefined,
      bytes: this.bytes,
      nul: this.nul,
    };
    this.pieces = [];
    this.held = 0;
    this.bytes = 0;
    this.nul = false;
    return line;
  }
}

/**
 * Streams the log at `path` into `sink` without keeping the events, and
 * returns the warnings and the highest seq. Throws UserError for a corrupt
 * log; ENOENT is left to the caller, which knows the incident id.
 */
export async function scanLog(path: string, sink: EventSink): Promise<{ warnings: Warning[]; lastSeq: number }> {
  const checker = new LogChecker(path, sink);
  const splitter = new LineSplitter();
  let line = 0;
  const onLine = (raw: RawLine): void => checker.line(raw, ++line);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') throw error;
    throw explainFsError(error, path, 'read');
  }
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (let position = 0; ; ) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      splitter.push(buffer.subarray(0, bytesRead), onLine);
    }
  } catch (error) {
    throw explainFsError(error, path, 'read');
  } finally {
    await handle.close();
  }
  const last = splitter.end();
  if (last) onLine(last);
  return checker.end();
}

interface PendingLine {
  line: number;
  reason: LineProblem;
}

class LogChecker {
  readonly warnings: Warning[] = [];
  private lastSeq = 0;
  private pending: PendingLine | undefined;

  constructor(
    private readonly path: string,
    private readonly sink: EventSink,
  ) {}

  line(raw: RawLine, line: number): void {
    const verdict = judgeLine(raw, line === 1);
    if (verdict.kind === 'blank') return;
    // A bad line is judged once we know whether anything follows it.
    if (this.pending) throw this.error(this.pending.line, this.pending.reason);
    if (verdict.kind === 'damaged') {
      this.settleDamaged();
      this.damaged = { line, cause: verdict.cause, bytes: raw.bytes };
      return;
    }
    this.settleDamaged();
    if (verdict.kind === 'bad') {
      if (verdict.json) throw this.error(line, verdict.reason);
      this.pending = { line, reason: verdict.reason };
      return;
    }
    const event = verdict.event;
    if (event.v > LOG_VERSION) {
      const format = event.v;
      throw this.error(line, (c) => c.warnings.newerLog(format, LOG_VERSION));
    }
    if (event.seq <= this.lastSeq) {
      const last = this.lastSeq;
      this.warn(line, (c) => c.warnings.seqBackwards(event.seq, last));
    } else {
      const from = this.lastSeq;
      if (event.seq !== from + 1) this.warn(line, (c) => c.warnings.seqGap(from, event.seq));
      this.lastSeq = event.seq;
    }
    if (!KNOWN_TYPES.has(event.type)) {
      this.warn(line, (c) => c.warnings.unknownEventType(JSON.stringify(event.type)));
      return;
    }
    this.sink(event, line);
  }

  /** A damaged line waits to learn whether it is the last one, for its warning's words. */
  private damaged: { line: number; cause: 'cut' | 'nul'; bytes: number } | undefined;

  private settleDamaged(last = false): void {
    const d = this.damaged;
    if (!d) return;
    this.damaged = undefined;
    if (d.cause === 'cut') {
      this.warn(d.line, (c) => (last ? c.warnings.lastLineCut : c.warnings.lineCut));
    } else {
      this.warn(d.line, (c) => (last ? c.warnings.lastLineNul(d.bytes) : c.warnings.lineNul(d.bytes)));
    }
  }

  end(): { warnings: Warning[]; lastSeq: number } {
    this.settleDamaged(true);
    if (this.pending) {
      const { reason } = this.pending;
      this.warn(this.pending.line, (c) => c.warnings.lastLineNotEvent(reason(c)));
      this.pending = undefined;
    }
    return { warnings: this.warnings, lastSeq: this.lastSeq };
  }

  private warn(line: number, problem: (c: Catalogue) => string): void {
    const where = `${this.path}:${line}`;
    this.warnings.push(new Warning((c) => c.warnings.at(where, problem(c))));
  }

  private error(line: number, problem: LineProblem): UserError {
    const where = `${this.path}:${line}`;
    return new UserError((c) => c.errors.logLine(where, problem(c)), { details: [(c) => c.errors.appendOnly] });
  }
}

/** Why a parsed line is not an event, or undefined when it is one. */
export function eventProblem(value: unknown): LineProblem | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return (c) => c.warnings.notAnObject;
  }
  const e = value as Record<string, unknown>;
  if (!Number.isInteger(e.v) || (e.v as number) < 1) return (c) => c.warnings.badVersion;
  if (!Number.isSafeInteger(e.seq) || (e.seq as number) < 1) return (c) => c.warnings.badSeq;
  if (typeof e.at !== 'string' || Number.isNaN(Date.parse(e.at))) return (c) => c.warnings.badAt;
  if (typeof e.type !== 'string' || e.type === '') return (c) => c.warnings.badType;
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

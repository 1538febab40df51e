/**
 * The writing side of the incident log: finding the highest seq from the end
 * of the file, and stamping events with `v` and `seq`. The lock is in
 * log-lock.ts.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { en } from '../i18n/en.js';
import { EVENT_TYPES, LOG_VERSION, type IncidentEvent, type NewEvent } from './events.js';
import { eventProblem, judgeLine, MAX_LINE_BYTES, type RawLine } from './log-reader.js';

/**
 * How much of the end of the log is searched for the highest seq. A writer
 * paused past its lock may have appended lower numbers after higher ones;
 * the window holds the last normal append as long as late appends after it
 * stay under this size (one late append is one batch of events).
 */
const TAIL_BYTES = 64 * 1024;
/** Reading backwards: a first chunk the size of the window, then larger ones up to the last size. */
const FIRST_CHUNK_BYTES = TAIL_BYTES;
const CHUNK_BYTES = 1 << 20;
const KNOWN_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);

/** What the end of the log says to the next writer. */
export interface Tail {
  /** The highest seq near the end of the log; 0 when no event was found. */
  highestSeq: number;
  /** Line number of the highest seq (for messages). */
  highestLine: () => Promise<number>;
  /** The file does not end with a newline: one is written before new lines. */
  torn: boolean;
  /** The last line was left damaged by a crash, and is passed over (1-based line). */
  damaged?: { line: number; cause: 'cut' | 'nul' };
}

/**
 * Reads the end of the log backwards, one line at a time, holding at most
 * one line of MAX_LINE_BYTES: a NUL tail of any length costs one pass over
 * it. Crash damage on the last line is passed over (readers drop it too);
 * any other bad last line is refused, since appending after it would turn a
 * droppable last line into an error in the middle.
 */
export async function readTail(handle: FileHandle, size: number, file: string): Promise<Tail> {
  const lines = new BackwardLines(handle, size);
  const torn = size > 0 && (await byteAt(handle, size - 1)) !== 0x0a;
  let highest = 0;
  let highestAt = 0;
  let damaged: { start: number; cause: 'cut' | 'nul' } | undefined;
  let last = true;
  // Once a seq is found, lines reaching back before the window are not read: a long damaged line is crossed only while no event has been found.
  const floor = (): number => (highest > 0 ? Math.max(0, size - TAIL_BYTES) : 0);
  for (let line = await lines.previous(floor()); line; line = await lines.previous(floor())) {
    const verdict = judgeLine(line.raw, line.start === 0);
    if (verdict.kind === 'blank') continue;
    if (last) {
      last = false;
      if (verdict.kind === 'damaged') {
        damaged = { start: line.start, cause: verdict.cause };
        continue;
      }
      if (verdict.kind === 'bad') {
        const number = await lineNumberAt(handle, line.start);
        const { reason } = verdict;
        throw new UserError((c) => c.errors.lastLineNotEvent(`${file}:${number}`, reason(c)), { details: [(c) => c.errors.fixLine(number)] });
      }
    }
    if (verdict.kind === 'event' && verdict.event.seq > highest) {
      highest = verdict.event.seq;
      highestAt = line.start;
    }
  }
  return {
    highestSeq: highest,
    highestLine: () => lineNumberAt(handle, highestAt),
    torn,
    ...(damaged ? { damaged: { line: await lineNumberAt(handle, damaged.start), cause: damaged.cause } } : {}),
  };
}

/** Lines from the end of a file towards its start. */
class BackwardLines {
  private readonly chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  /** Bytes before this offset are not read yet. */
  private position: number;
  /** The unread part of the current chunk is chunk[0, pending). */
  private pending = 0;
  private chunkStart: number;
  private done = false;
  private chunkBytes = FIRST_CHUNK_BYTES;

  constructor(
    private readonly handle: FileHandle,
    size: number,
  ) {
    this.position = size;
    this.chunkStart = size;
  }

  /**
   * The line before the last one returned (the first call: the text after
   * the last newline, often empty); undefined at the start of the file, or
   * when the line begins before `floor`.
   */
  async previous(floor = 0): Promise<{ start: number; raw: RawLine } | undefined> {
    if (this.done) return undefined;
    // pieces of the line, latest first
    const pieces: Buffer[] = [];
    let bytes = 0;
    let nul = false;
    for (;;) {
      if (this.pending === 0) {
        if (this.position > 0 && this.position <= floor) {
          this.done = true;
          return undefined;
        }
        if (this.position === 0) {
          this.done = true;
          return { start: 0, raw: rawLine(pieces, bytes, nul) };
        }
        const from = Math.max(0, this.position - this.chunkBytes);
        this.chunkBytes = Math.min(this.chunkBytes * 4, CHUNK_BYTES);
        await readAll(this.handle, this.chunk.subarray(0, this.position - from), from);
        this.pending = this.position - from;
        this.chunkStart = from;
        this.position = from;
      }
      const nl = this.chunk.subarray(0, this.pending).lastIndexOf(0x0a);
      const piece = this.chunk.subarray(nl + 1, this.pending);
      bytes += piece.length;
      if (!nul && piece.includes(0)) nul = true;
      if (!nul && bytes <= MAX_LINE_BYTES) pieces.push(Buffer.from(piece));
      if (nl === -1) {
        this.pending = 0;
        continue;
      }
      this.pending = nl;
      return { start: this.chunkStart + nl + 1, raw: rawLine(pieces, bytes, nul) };
    }
  }
}

function rawLine(piecesLatestFirst: Buffer[], bytes: number, nul: boolean): RawLine {
  const text = nul || bytes > MAX_LINE_BYTES ? undefined : Buffer.concat(piecesLatestFirst.reverse()).toString('utf8');
  return { text, bytes, nul };
}

/** The 1-based number of the line starting at byte `offset`: one pass counting newlines before it. */
export async function lineNumberAt(handle: FileHandle, offset: number): Promise<number> {
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let count = 1;
  for (let position = 0; position < offset; ) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, offset - position), position);
    if (bytesRead === 0) break;
    for (let i = buffer.indexOf(0x0a, 0); i !== -1 && i < bytesRead; i = buffer.indexOf(0x0a, i + 1)) count++;
    position += bytesRead;
  }
  return count;
}

async function byteAt(handle: FileHandle, position: number): Promise<number | undefined> {
  const one = Buffer.alloc(1);
  const { bytesRead } = await handle.read(one, 0, 1, position);
  return bytesRead === 1 ? one[0] : undefined;
}

/** Gives an event its `v` and `seq`, keeping `v, seq, at, type` first in the line. */
export function stamp(event: NewEvent, seq: number): IncidentEvent {
  const stamped = Object.assign({ v: LOG_VERSION, seq, at: event.at, type: event.type }, event, {
    v: LOG_VERSION,
    seq,
  }) as IncidentEvent;
  const problem = eventProblem(stamped);
  if (problem || !KNOWN_TYPES.has(stamped.type)) {
    // a bug, not the user's: said in English, with its stack
    throw new Error(`refusing to log a malformed event (${problem ? problem(en) : `unknown type ${stamped.type}`})`);
  }
  return stamped;
}

/** The events as lines, each checked against the longest line readers take. */
export function linesOf(events: readonly IncidentEvent[]): string {
  return events
    .map((event) => {
      const line = JSON.stringify(event);
      const bytes = Buffer.byteLength(line, 'utf8');
      if (bytes > MAX_LINE_BYTES) {
        throw new UserError((c) => c.errors.eventTooLong(event.type, bytes, MAX_LINE_BYTES), { details: [(c) => c.errors.shortenEvent] });
      }
      return `${line}\n`;
    })
    .join('');
}

export async function writeAll(handle: FileHandle, data: Buffer): Promise<void> {
  // One write in practice; the loop only matters if the kernel writes short.
  for (let done = 0; done < data.length; ) {
    const { bytesWritten } = await handle.write(data, done, data.length - done, null);
    done += bytesWritten;
  }
}

async function readAll(handle: FileHandle, buffer: Buffer, position: number): Promise<void> {
  for (let done = 0; done < buffer.length; ) {
    const { bytesRead } = await handle.read(buffer, done, buffer.length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
}

/** Makes a new file's directory entry durable; not supported everywhere, hence best effort. */
export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open folders; the file's own fsync already happened.
  }
}


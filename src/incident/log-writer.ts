/**
 * The writing side of the incident log: the incident lock, finding the last
 * seq from the end of the file, and stamping events with `v` and `seq`.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { UserError } from '../errors.js';
import { EVENT_TYPES, LOG_VERSION, type IncidentEvent, type NewEvent } from './events.js';
import { eventProblem, looksCutShort } from './log-reader.js';
import { explainFsError, isErrnoException } from './paths.js';

/** The lock file next to the log; a folder, as proper-lockfile creates it with `mkdir`. */
export const LOCK_NAME = 'events.lock';

/**
 * A crashed holder's lock is taken over after `stale` ms; a live holder
 * refreshes it every `update` ms. The lock is held for one append (a write
 * and an fsync, milliseconds), so the shortest stale time proper-lockfile
 * allows is ample, and a writer killed mid-append delays the next one by two
 * seconds at most. Waiting (about 30 s at most) outlasts a stale lock, so a
 * crash never blocks the next writer for good.
 */
const LOCK_OPTIONS = {
  stale: 2_000,
  update: 1_000,
  realpath: false,
  retries: { retries: 200, factor: 1.3, minTimeout: 5, maxTimeout: 150, randomize: true },
};

/** How much of the end of the log is read first to find the last seq. */
const TAIL_BYTES = 64 * 1024;
const KNOWN_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);

/**
 * Takes the incident's lock (waiting for another writer), or explains why not.
 * `onLost` hears of a lock taken over while held (this process stalled).
 */
export async function takeLock(dir: string, id: string, onLost: (error: Error) => void): Promise<() => Promise<void>> {
  const lockPath = join(dir, LOCK_NAME);
  try {
    return await lockfile.lock(dir, { ...LOCK_OPTIONS, lockfilePath: lockPath, onCompromised: onLost });
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ELOCKED') {
      throw new UserError(`incident ${id} is busy: another crisis process holds ${lockPath}`, {
        details: ['try again in a moment; a lock left by a crashed process expires by itself'],
      });
    }
    throw explainFsError(error, lockPath, 'lock');
  }
}

/**
 * The seq of the last good event, read from the end of the file, and whether
 * the file ends without a newline (a write cut short). Cut-off fragments are
 * skipped; any other bad line at the end is refused, since appending after it
 * would turn a droppable last line into an error in the middle.
 */
export async function readTail(handle: FileHandle, size: number, file: string): Promise<{ lastSeq: number; torn: boolean }> {
  if (size === 0) return { lastSeq: 0, torn: false };
  for (let window = TAIL_BYTES; ; window *= 4) {
    const start = Math.max(0, size - window);
    const buffer = Buffer.alloc(size - start);
    await readAll(handle, buffer, start);
    const torn = buffer[buffer.length - 1] !== 0x0a;
    const segments = buffer.toString('utf8').split('\n');
    // The first segment may begin mid-line unless the window starts the file.
    for (let i = segments.length - 1; i >= (start === 0 ? 0 : 1); i--) {
      const text = (segments[i] ?? '').trim();
      if (text === '') continue;
      const seq = seqOf(text);
      if (seq !== undefined) return { lastSeq: seq, torn };
      if (!looksCutShort(text)) {
        throw new UserError(`${file}: the last line is not a valid event, so nothing can be added after it`, {
          details: ['fix or remove that line by hand (keep a copy first), then try again'],
        });
      }
    }
    if (start === 0) return { lastSeq: 0, torn };
  }
}

function seqOf(text: string): number | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return eventProblem(value) === undefined ? (value as { seq: number }).seq : undefined;
  } catch {
    return undefined;
  }
}

/** Gives an event its `v` and `seq`, keeping `v, seq, at, type` first in the line. */
export function stamp(event: NewEvent, seq: number): IncidentEvent {
  const stamped = Object.assign({ v: LOG_VERSION, seq, at: event.at, type: event.type }, event, {
    v: LOG_VERSION,
    seq,
  }) as IncidentEvent;
  const problem = eventProblem(stamped);
  if (problem || !KNOWN_TYPES.has(stamped.type)) {
    throw new Error(`refusing to log a malformed event (${problem ?? `unknown type ${stamped.type}`})`);
  }
  return stamped;
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


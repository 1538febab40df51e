/**
 * The incident store kept as files: `<dataDir>/incidents/<id>/events.jsonl`,
 * one event a line, appended and flushed, never rewritten.
 *
 * Writers hold a lock on the incident (log-lock.ts: an atomic `mkdir` of
 * `events.lock` next to the log, refreshed while held and taken over when
 * stale) so that a walkthrough and a teammate's `crisis log` cannot give two
 * events the same seq; the log itself is never locked, so readers need no
 * lock. Each append is one `write` of whole lines on an `O_APPEND` file,
 * followed by `fsync`. Writers do not follow links out of the data
 * directory.
 */
import { existsSync } from 'node:fs';
import { open, readdir, rm, rmdir, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UserError, type Warning } from '../errors.js';
import type { IncidentEvent, NewEvent, OpenedEvent } from './events.js';
import { takeLock, type IncidentLock } from './log-lock.js';
import { scanLog } from './log-reader.js';
import type { EventSink, IncidentStore, NewOpenedEvent } from './log-store.js';
import { linesOf, readTail, stamp, syncDir, writeAll } from './log-writer.js';
import { readPlaybookCopy, savePlaybookCopy } from './playbook-copy.js';
import {
  assertIncidentId,
  assertInsideDataDir,
  ensureIncidentsDir,
  eventsPath,
  explainFsError,
  incidentDir,
  incidentsDir,
  isErrnoException,
  isIncidentId,
  newIncidentId,
  reserveIncidentDir,
} from './paths.js';

/** The store of the data directory `dataDir`. */
export function fileStore(dataDir: string): IncidentStore {
  return {
    where: dataDir,
    location: (id) => eventsPath(dataDir, id),
    create: (id, opened) => createIncident(dataDir, id, opened),
    append: async (id, events) => (await appendEvents(dataDir, id, events)) ?? [],
    appendAfter: (id, seq, events) => appendEvents(dataDir, id, events, seq),
    scan: (id, sink) => scanIncident(dataDir, id, sink),
    ids: () => incidentIds(dataDir),
    has: async (id) => existsSync(eventsPath(dataDir, id)),
    keepPlaybook: async (id, text) => savePlaybookCopy(dataDir, id, text),
    keptPlaybook: async (id) => readPlaybookCopy(dataDir, id),
  };
}

/** The folders of `<dataDir>/incidents` named like incidents. */
async function incidentIds(dataDir: string): Promise<string[]> {
  const root = incidentsDir(dataDir);
  try {
    const entries = await readdir(root, { withFileTypes: true });
    return entries.filter((d) => d.isDirectory() && isIncidentId(d.name)).map((d) => d.name);
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return [];
    throw explainFsError(error, root, 'read');
  }
}

/**
 * Creates an incident and writes its first event (seq 1). Without `id`, one is
 * chosen from the detection date and playbook (`newIncidentId`). An existing
 * incident with the given id is refused. Nothing is left behind on failure.
 */
async function createIncident(
  dataDir: string,
  id: string | undefined,
  opened: NewOpenedEvent,
): Promise<{ id: string; event: OpenedEvent }> {
  let chosen: string;
  if (id !== undefined) {
    assertIncidentId(id);
    await ensureIncidentsDir(dataDir);
    if (!(await reserveIncidentDir(dataDir, id))) {
      if (!(await hasLogLine(eventsPath(dataDir, id)))) {
        // A start killed before its first event: `resume` cannot continue it either.
        const folder = incidentDir(dataDir, id);
        throw new UserError((c) => c.errors.interruptedStart(id, dataDir), { details: [(c) => c.errors.removeAndStart(folder)] });
      }
      throw new UserError((c) => c.errors.incidentExists(id, dataDir), { details: [(c) => c.errors.continueWith(id), (c) => c.errors.orAnotherId] });
    }
    chosen = id;
  } else {
    chosen = await newIncidentId(dataDir, opened.playbook, new Date(opened.detected_at), opened.time_zone);
  }
  const event = stamp({ ...opened, type: 'opened', incident: chosen }, 1) as OpenedEvent;
  const file = eventsPath(dataDir, chosen);
  try {
    await assertInsideDataDir(dataDir, chosen, 'folder');
  } catch (error) {
    await rmdir(incidentDir(dataDir, chosen)).catch(() => undefined);
    throw error;
  }
  try {
    const handle = await open(file, 'wx');
    try {
      await writeAll(handle, Buffer.from(linesOf([event]), 'utf8'));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await syncDir(dirname(file));
  } catch (error) {
    await rm(incidentDir(dataDir, chosen), { recursive: true, force: true }).catch(() => undefined);
    throw explainFsError(error, file, 'write');
  }
  return { id: chosen, event };
}

/** How many times a writer whose lock was taken over while it was paused starts again. */
const FENCE_ATTEMPTS = 5;

/**
 * Appends events under the incident's lock, numbering them after the highest
 * seq at the end of the log, in one write followed by fsync. Damage a crash
 * left on the last line is left alone on its own line (a newline is written
 * first), so it stays a dropped line instead of corrupting the new ones.
 * Returns the events as written.
 *
 * Right before writing, the writer confirms that its lock is still its own
 * and that the log has not grown since it read the end: a writer paused past
 * the stale-lock time (Ctrl-Z, a suspended laptop, a stalled disk) finds its
 * lock taken over, and takes it again and rereads the end instead of writing
 * numbers that are no longer free. Should it be paused between that check
 * and the write itself, its lines still land whole after the others (one
 * `O_APPEND` write), and readers keep both in file order with a warning.
 *
 * With `after`, nothing is written (undefined) unless the highest seq is
 * still `after` (IncidentStore.appendAfter).
 */
async function appendEvents(dataDir: string, id: string, events: readonly NewEvent[], after?: number): Promise<IncidentEvent[] | undefined> {
  const dir = incidentDir(dataDir, id);
  const file = eventsPath(dataDir, id);
  if (events.length === 0) return [];
  await assertLogExists(dataDir, id, file);
  await assertInsideDataDir(dataDir, id);
  for (let attempt = 1; ; attempt++) {
    const lock = await takeLock(dir, id);
    try {
      const written = await appendLocked(file, events, lock, after);
      if (written === 'moved on') return undefined;
      if (written) return written;
    } finally {
      await lock.release();
    }
    if (attempt >= FENCE_ATTEMPTS) {
      const times = attempt;
      throw new UserError((c) => c.errors.lockTakenOver(id, times), { details: [(c) => c.errors.nothingWritten] });
    }
  }
}

/**
 * One attempt: the events as written, undefined when the lock was lost before
 * writing, 'moved on' when the highest seq is no longer `after`.
 */
async function appendLocked(file: string, events: readonly NewEvent[], lock: IncidentLock, after?: number): Promise<IncidentEvent[] | 'moved on' | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'a+');
  } catch (error) {
    throw explainFsError(error, file, 'write');
  }
  try {
    for (;;) {
      const { size } = await handle.stat();
      const tail = await readTail(handle, size, file);
      if (tail.highestSeq === 0) {
        throw new UserError((c) => c.errors.noReadableEvent(file), { details: [(c) => c.errors.startInterrupted] });
      }
      if (tail.highestSeq > Number.MAX_SAFE_INTEGER - events.length) {
        const where = `${file}:${await tail.highestLine()}`;
        const seq = tail.highestSeq;
        throw new UserError((c) => c.errors.seqTooLarge(where, seq), { details: [(c) => c.errors.seqEdited] });
      }
      if (after !== undefined && tail.highestSeq !== after) return 'moved on';
      const stamped = events.map((e, i) => stamp(e, tail.highestSeq + 1 + i));
      const data = Buffer.from(`${tail.torn ? '\n' : ''}${linesOf(stamped)}`, 'utf8');
      // The fence: still our lock, and nothing written since the end was read.
      if (!(await lock.confirm())) return undefined;
      if ((await handle.stat()).size !== size) continue;
      try {
        await writeAll(handle, data);
        await handle.sync();
      } catch (error) {
        // Take back a partial write (disk full) so no half line is left, unless another writer has appended since.
        if ((await lock.confirm()) && (await handle.stat()).size <= size + data.length) await handle.truncate(size).catch(() => undefined);
        throw explainFsError(error, file, 'write');
      }
      return stamped;
    }
  } finally {
    await handle.close();
  }
}

async function scanIncident(
  dataDir: string,
  id: string,
  sink: EventSink,
): Promise<{ warnings: Warning[] }> {
  const file = eventsPath(dataDir, id);
  try {
    return await scanLog(file, sink);
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') throw await noIncident(dataDir, id, file);
    throw error;
  }
}

async function assertLogExists(dataDir: string, id: string, file: string): Promise<void> {
  try {
    await stat(file);
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') throw await noIncident(dataDir, id, file);
    throw explainFsError(error, file, 'read');
  }
}

async function noIncident(dataDir: string, id: string, file: string): Promise<UserError> {
  const folderExists = await stat(dirname(file)).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (folderExists) {
    return new UserError((c) => c.errors.noEventsFile(id, dirname(file)), { details: [(c) => c.errors.removeOrStart] });
  }
  return new UserError((c) => c.errors.noIncident(id, dataDir));
}

/** Whether the log holds at least one whole line: false when missing or empty; true when unreadable (not ours to judge). */
async function hasLogLine(file: string): Promise<boolean> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, 'r');
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).includes(0x0a) || bytesRead === buffer.length;
  } catch (error) {
    return !(isErrnoException(error) && error.code === 'ENOENT');
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

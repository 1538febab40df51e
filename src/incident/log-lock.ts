/**
 * The incident lock: a folder `events.lock` next to the log, made with an
 * atomic `mkdir`, whose modification time says its holder is alive. A holder
 * refreshes it while it works; a lock left unrefreshed for `STALE_MS` (its
 * holder crashed, or was paused) is taken over by the next writer.
 *
 * A paused holder wakes up not knowing its lock was taken over, so a writer
 * checks that the lock is still its own (`confirm`) right before it writes,
 * and a lock that is no longer its own is never removed. The folder's
 * identity (inode and creation time) and the modification time this process
 * last gave it tell its own lock from a successor's, even when the system
 * reuses the inode.
 */
import { rmdirSync, statSync } from 'node:fs';
import { mkdir, rmdir, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { explainFsError, isErrnoException } from './paths.js';

/** The lock folder next to the log. */
export const LOCK_NAME = 'events.lock';
/**
 * A lock older than this is abandoned. An append holds the lock for a write
 * and an fsync (milliseconds) and refreshes it every `REFRESH_MS` while
 * reading a long log, so a live holder never looks abandoned.
 */
export const STALE_MS = 2_000;
const REFRESH_MS = 400;
/** How long a writer waits for a live holder before saying the incident is busy. */
const WAIT_MS = 10_000;

export interface IncidentLock {
  readonly path: string;
  /**
   * True while the lock is still this process's own, refreshing it; false
   * once another writer has taken it over (this process was paused past
   * `STALE_MS`). Call it right before writing.
   */
  confirm(): Promise<boolean>;
  /** Removes the lock if it is still ours; a successor's lock is left alone. */
  release(): Promise<void>;
}

interface Identity {
  ino: bigint;
  birth: bigint;
  mtime: bigint;
}

/** Locks held by this process, removed if it exits while holding them. */
const held = new Set<HeldLock>();
let exitHookInstalled = false;

/** Takes the lock of the incident folder `dir`, waiting for a live holder, or explains why not. */
export async function takeLock(dir: string, id: string): Promise<IncidentLock> {
  const path = join(dir, LOCK_NAME);
  const deadline = Date.now() + WAIT_MS;
  for (let delay = 5; ; delay = Math.min(delay * 1.5, 100)) {
    try {
      await mkdir(path);
      const lock = new HeldLock(path, await identity(path));
      lock.start();
      return lock;
    } catch (error) {
      if (!isErrnoException(error) || error.code !== 'EEXIST') throw explainFsError(error, path, 'lock');
    }
    const found = await identityOrGone(path);
    if (found === 'gone') continue;
    if (found === 'not-a-folder') throw strayLock(path, 'file');
    if (isStale(found)) {
      await takeOver(path, found);
      continue;
    }
    if (Date.now() > deadline) {
      throw new UserError((c) => c.errors.busy(id, WAIT_MS / 1000, path), {
        details: [(c) => c.errors.tryAgainSoon, (c) => c.errors.removeLockIfIdle(path)],
      });
    }
    await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random())));
  }
}

/** Removes an abandoned lock, provided it is still the one judged abandoned. */
async function takeOver(path: string, stale: Identity): Promise<void> {
  const again = await identityOrGone(path);
  if (again === 'gone' || again === 'not-a-folder' || !sameIdentity(again, stale)) return;
  try {
    await rmdir(path);
  } catch (error) {
    if (isErrnoException(error) && (error.code === 'ENOTEMPTY' || error.code === 'EEXIST')) throw strayLock(path, 'folder');
    if (!isErrnoException(error) || error.code !== 'ENOENT') throw explainFsError(error, path, 'lock');
  }
}

/** A lock path holding something crisis never makes there: waiting would not help, removing it would. */
function strayLock(path: string, what: 'file' | 'folder'): UserError {
  return new UserError((c) => c.errors.strayLock(path, c.errors.strayKinds[what]), { details: [(c) => c.errors.moveStrayLock(path)] });
}

class HeldLock implements IncidentLock {
  private timer: NodeJS.Timeout | undefined;
  /** Refreshes and confirmations run one at a time, so each sees the time the other set. */
  private queue: Promise<unknown> = Promise.resolve();
  private lost = false;
  private released = false;

  constructor(
    readonly path: string,
    private mine: Identity,
  ) {}

  start(): void {
    held.add(this);
    installExitHook();
    this.timer = setInterval(() => {
      void this.confirm();
    }, REFRESH_MS);
    this.timer.unref();
  }

  confirm(): Promise<boolean> {
    const result = this.queue.then(() => this.refresh());
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async refresh(): Promise<boolean> {
    if (this.lost || this.released) return false;
    const before = await identityOrGone(this.path);
    if (before === 'gone' || before === 'not-a-folder' || !sameIdentity(before, this.mine)) return this.lose();
    const now = new Date();
    try {
      await utimes(this.path, now, now);
    } catch {
      return this.lose();
    }
    // Taken over between the check and the refresh: the time set was the successor's.
    const after = await identityOrGone(this.path);
    if (after === 'gone' || after === 'not-a-folder' || after.ino !== this.mine.ino || after.birth !== this.mine.birth) return this.lose();
    this.mine = after;
    return true;
  }

  private lose(): boolean {
    this.lost = true;
    this.stop();
    return false;
  }

  async release(): Promise<void> {
    await this.queue;
    if (this.released) return;
    const ours = !this.lost && (await this.confirm());
    this.released = true;
    this.stop();
    if (ours) await rmdir(this.path).catch(() => undefined);
  }

  /** The exit hook's synchronous release. */
  releaseSync(): void {
    if (this.released || this.lost) return;
    this.released = true;
    try {
      const found = toIdentity(statSync(this.path, { bigint: true }));
      if (sameIdentity(found, this.mine)) rmdirSync(this.path);
    } catch {
      // gone already
    }
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    held.delete(this);
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const lock of held) lock.releaseSync();
  });
}

function isStale(found: Identity): boolean {
  return Number(found.mtime / 1_000_000n) < Date.now() - STALE_MS;
}

function sameIdentity(a: Identity, b: Identity): boolean {
  return a.ino === b.ino && a.birth === b.birth && a.mtime === b.mtime;
}

async function identity(path: string): Promise<Identity> {
  const found = await identityOrGone(path);
  if (found === 'gone' || found === 'not-a-folder') throw new Error(`the lock ${path} vanished as it was made`);
  return found;
}

async function identityOrGone(path: string): Promise<Identity | 'gone' | 'not-a-folder'> {
  try {
    const s = await stat(path, { bigint: true });
    return s.isDirectory() ? toIdentity(s) : 'not-a-folder';
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return 'gone';
    throw explainFsError(error, path, 'lock');
  }
}

function toIdentity(s: { ino: bigint; birthtimeNs: bigint; mtimeNs: bigint }): Identity {
  return { ino: s.ino, birth: s.birthtimeNs, mtime: s.mtimeNs };
}

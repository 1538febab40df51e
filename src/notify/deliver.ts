/**
 * Delivery of queued notifications, in rounds. A round takes the incident's
 * sending lock (`notify.lock`, so two senders never deliver the same
 * notification at once), reads the log afresh, attempts every notification
 * that is due, and records each outcome as soon as it is known: sent, or
 * failed with the time of the next attempt (exponential backoff, a 429's
 * Retry-After) until the time limit, after which it is given up and shown as
 * failed (`crisis notify --flush` tries again). A process killed mid-round
 * leaves its notification queued without an outcome, so the next round sends
 * it; one recorded sent is never sent again.
 */
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import type { NewEvent, NotificationQueuedEvent } from '../incident/events.js';
import { appendEvents, readEvents } from '../incident/store.js';
import { incidentDir } from '../incident/paths.js';
import { notificationRecords, type NotificationRecord } from './fold.js';
import { redact } from './secrets.js';
import { sendOnce, type Outcome } from './send.js';
import type { NotifySettings } from './settings.js';

export const NOTIFY_LOCK = 'notify.lock';

export interface DeliveryOptions {
  dataDir: string;
  id: string;
  settings: NotifySettings | undefined;
  now: () => Date;
  /** One attempt's limit (default 10 s). */
  timeoutMs?: number;
  /** How long a notification keeps being retried (default 10 min). */
  limitMs?: number;
  /** First backoff delay, doubled at each attempt (default 2 s), and its cap (default 1 min). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Attempt the failed ones again and the pending ones now, whatever their retry time. */
  force?: boolean;
  /** Go on until nothing is pending (the background sender); else one round. */
  untilDone?: boolean;
  /** How long to wait for another sender's lock (default 0: give up at once). */
  waitForLockMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface DeliveryResult {
  attempted: number;
  /** Another sender held the lock. */
  busy: boolean;
}

const defaultSleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Takes the sending lock, or undefined when another live sender holds it. */
async function takeSendingLock(dir: string, waitMs: number): Promise<(() => Promise<void>) | undefined> {
  const retries = waitMs > 0 ? { retries: Math.ceil(waitMs / 250), factor: 1, minTimeout: 250, maxTimeout: 250 } : 0;
  try {
    return await lockfile.lock(dir, { lockfilePath: join(dir, NOTIFY_LOCK), stale: 3_000, update: 1_000, realpath: false, retries, onCompromised: () => undefined });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') return undefined;
    throw error;
  }
}

/** Whether a record is to be attempted at `now`. */
function isDue(r: NotificationRecord, now: Date, force: boolean): boolean {
  if (r.status === 'sent') return false;
  if (force) return true;
  return r.status === 'pending' && (!r.retryAt || Date.parse(r.retryAt) <= now.getTime());
}

/** Sends what is due; with `untilDone`, goes on until nothing is pending. */
export async function deliver(options: DeliveryOptions): Promise<DeliveryResult> {
  const sleep = options.sleep ?? defaultSleep;
  const dir = incidentDir(options.dataDir, options.id);
  let attempted = 0;
  let force = options.force === true;
  for (;;) {
    const release = await takeSendingLock(dir, options.waitForLockMs ?? 0);
    if (!release) return { attempted, busy: true };
    try {
      attempted += await round(options, force);
    } finally {
      await release().catch(() => undefined);
    }
    force = false;
    if (!options.untilDone) return { attempted, busy: false };
    // read again once the lock is released: a notification queued meanwhile, whose own sender
    // found the lock taken, is this one's to send
    const pending = notificationRecords((await readEvents(options.dataDir, options.id)).events).filter((r) => r.status === 'pending');
    if (pending.length === 0) return { attempted, busy: false };
    const next = Math.min(...pending.map((r) => (r.retryAt ? Date.parse(r.retryAt) : 0)));
    const wait = next - options.now().getTime();
    if (wait > 0) await sleep(Math.min(wait, 60_000));
  }
}

/** One round under the lock: every due notification attempted, each outcome appended at once. */
async function round(options: DeliveryOptions, force: boolean): Promise<number> {
  const { events } = await readEvents(options.dataDir, options.id);
  const now = options.now();
  const due = notificationRecords(events).filter((r) => isDue(r, now, force));
  let next = 0;
  const worker = async () => {
    while (next < due.length) {
      const record = due[next++]!;
      const outcome = await attempt(options, record.queued);
      await appendEvents(options.dataDir, options.id, [outcomeEvent(options, record, outcome)]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, due.length) }, worker));
  return due.length;
}

async function attempt(options: DeliveryOptions, n: NotificationQueuedEvent): Promise<Outcome> {
  const destination = options.settings?.config.destinations.find((d) => d.key === n.destination);
  if (!destination) {
    return { ok: false, retry: false, error: `${n.destination} is no longer under notify: in config.yaml; add it back, then run crisis notify --flush` };
  }
  return sendOnce(n, destination, {
    timeoutMs: options.timeoutMs ?? 10_000,
    incidentDir: incidentDir(options.dataDir, options.id),
    ...(options.settings?.smtp ? { smtp: options.settings.smtp } : {}),
    ...(options.settings?.config.smtp?.from ? { from: options.settings.config.smtp.from } : {}),
  });
}

/** The event recording an outcome; the error with every secret masked. */
function outcomeEvent(options: DeliveryOptions, record: NotificationRecord, outcome: Outcome): NewEvent {
  const now = options.now();
  const at = now.toISOString();
  const attemptNo = record.attempts + 1;
  if (outcome.ok) return { type: 'notification_sent', at, id: record.queued.id, attempt: attemptNo, ...(outcome.file ? { file: outcome.file } : {}) };
  const error = redact(outcome.error, options.settings?.secrets ?? []);
  const since = record.status === 'pending' && record.retryingSince ? Date.parse(record.retryingSince) : now.getTime();
  const base = options.backoffMs ?? 2_000;
  const backoff = Math.min(options.maxBackoffMs ?? 60_000, base * 2 ** Math.min(20, attemptNo - 1));
  // a little randomness keeps several senders from retrying in step
  const delay = outcome.retryAfterMs ?? Math.round(backoff * (0.8 + Math.random() * 0.4));
  const retryAt = now.getTime() + delay;
  if (outcome.retry && retryAt <= since + (options.limitMs ?? 10 * 60_000)) {
    return { type: 'notification_failed', at, id: record.queued.id, attempt: attemptNo, error, retry_at: new Date(retryAt).toISOString() };
  }
  return { type: 'notification_failed', at, id: record.queued.id, attempt: attemptNo, error };
}

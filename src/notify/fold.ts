/**
 * Where each team notification stands, folded from the log: queued, then
 * sent, or failed (to be retried at `retry_at`, or given up). Pure and
 * small: the incident's state folds it on every load.
 */
import type { IncidentEvent, NotificationQueuedEvent } from '../incident/events.js';

export type NotificationStatus = 'pending' | 'sent' | 'failed';

export interface NotificationRecord {
  queued: NotificationQueuedEvent;
  status: NotificationStatus;
  /** Attempts recorded so far (sent or failed). */
  attempts: number;
  lastError?: string;
  /** Pending after a failure: when the next attempt is due. */
  retryAt?: string;
  sentAt?: string;
  /** E-mail written to a file instead of sent. */
  file?: string;
  /** When the current run of retries began (its time limit counts from there). */
  retryingSince?: string;
}

/** Applies one event to the notifications by id, in place; other events are ignored. */
export function applyNotificationEvent(records: Record<string, NotificationRecord>, e: IncidentEvent): void {
  if (e.type === 'notification_queued') {
    // two processes may queue the same notification: the id is derived, the first one counts
    if (!records[e.id]) records[e.id] = { queued: e, status: 'pending', attempts: 0 };
    return;
  }
  if (e.type !== 'notification_sent' && e.type !== 'notification_failed') return;
  const record = records[e.id];
  if (!record || record.status === 'sent') return;
  record.attempts = Math.max(record.attempts + 1, e.attempt);
  if (e.type === 'notification_sent') {
    record.status = 'sent';
    record.sentAt = e.at;
    delete record.retryAt;
    delete record.retryingSince;
    if (e.file !== undefined) record.file = e.file;
    return;
  }
  record.lastError = e.error;
  if (e.retry_at !== undefined) {
    record.status = 'pending';
    record.retryAt = e.retry_at;
    record.retryingSince ??= e.at;
  } else {
    record.status = 'failed';
    delete record.retryAt;
    delete record.retryingSince;
  }
}

/** The notifications of a log, in the order they were queued. */
export function notificationRecords(events: Iterable<IncidentEvent>): NotificationRecord[] {
  const records: Record<string, NotificationRecord> = {};
  for (const e of events) applyNotificationEvent(records, e);
  return Object.values(records);
}

/** Counts by status, for `crisis status`. */
export function notificationCounts(records: Record<string, NotificationRecord> | undefined): { pending: number; sent: number; failed: number } {
  const counts = { pending: 0, sent: 0, failed: 0 };
  for (const r of Object.values(records ?? {})) counts[r.status]++;
  return counts;
}

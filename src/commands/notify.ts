/**
 * `crisis notify [incident] [--flush] [--json]`: the team notifications of an
 * incident, each with where it stands; `--flush` queues what is due and sends
 * the pending and failed ones now (further retries go on in the background).
 */
import type { CommandContext } from '../context.js';
import { ExitCode } from '../errors.js';
import { readEvents } from '../incident/store.js';
import { foldEvents } from '../incident/state.js';
import { dateTimeWords } from '../page/time.js';
import { notificationCounts, notificationRecords, type NotificationRecord } from '../notify/fold.js';
import { maskUrl, redact } from '../notify/secrets.js';
import type { NotifySettings } from '../notify/settings.js';
import { notifyWords } from '../notify/words.js';
import { openIncident, printJson } from './common.js';
import { alignRows } from '../ui/table.js';

/** What `crisis notify` takes from the command line. */
export interface NotifyInput {
  incident?: string | undefined;
  flush?: true | undefined;
  json?: true | undefined;
  /** The detached sender started after notifications are queued: no output, retries until done. */
  background?: true | undefined;
}

export async function run(ctx: CommandContext, input: NotifyInput): Promise<number> {
  const { dataDir, state, playbook } = await openIncident(ctx, input.incident, { latestWhenNoneOpen: true });
  const { loadSettings } = await import('../notify/settings.js');
  const settings = await loadSettings(dataDir, ctx.env);
  const w = notifyWords(state.lang);
  let busy = false;
  if (input.flush) {
    const { queueDue, startSender } = await import('../notify/hooks.js');
    const { deliver } = await import('../notify/deliver.js');
    if (settings) await queueDue(ctx, dataDir, playbook, settings, state.id, { updates: !input.background });
    if (input.background) {
      await deliver({ dataDir, id: state.id, settings, now: ctx.now, untilDone: true, waitForLockMs: 5_000 });
      return ExitCode.Ok;
    }
    const result = await deliver({ dataDir, id: state.id, settings, now: ctx.now, force: true, waitForLockMs: 8_000 });
    busy = result.busy;
    const after = notificationRecords((await readEvents(dataDir, state.id)).events);
    if (after.some((r) => r.status === 'pending') && startSender(ctx, dataDir, state.id)) ctx.stderr.write(`${w.background}\n`);
  }
  const { events } = await readEvents(dataDir, state.id);
  const records = notificationRecords(events);
  const folded = foldEvents(events);
  const { timeZoneOf } = await import('../notify/hooks.js');
  const zone = timeZoneOf(folded, ctx.env);
  const counts = notificationCounts(Object.fromEntries(records.map((r) => [r.queued.id, r])));
  const secrets = settings?.secrets ?? [];
  if (input.json) {
    printJson(ctx, {
      incident: state.id,
      counts,
      notifications: records.map((r) => jsonOf(r, settings, secrets)),
    });
  } else {
    if (busy) ctx.stderr.write(`${w.busy}\n`);
    printList(ctx, state.id, records, counts, settings, zone, state.lang);
  }
  return input.flush && counts.failed > 0 ? ExitCode.BadInput : ExitCode.Ok;
}

/** Where a notification goes, safe to print: the address, or the webhook URL masked. */
function whereTo(r: NotificationRecord, settings: NotifySettings | undefined): string {
  if (r.queued.to) return r.queued.to;
  const destination = settings?.config.destinations.find((d) => d.key === r.queued.destination);
  return destination ? maskUrl(destination.target) : r.queued.destination;
}

function jsonOf(r: NotificationRecord, settings: NotifySettings | undefined, secrets: readonly string[]) {
  const q = r.queued;
  return {
    id: q.id,
    status: r.status,
    trigger: q.trigger,
    cause: q.cause,
    role: q.role,
    channel: q.channel,
    destination: q.destination,
    to: whereTo(r, settings),
    subject: q.content.subject,
    queued_at: q.at,
    attempts: r.attempts,
    sent_at: r.sentAt ?? null,
    retry_at: r.retryAt ?? null,
    error: r.lastError !== undefined ? redact(r.lastError, secrets) : null,
    file: r.file ?? null,
  };
}

function printList(
  ctx: CommandContext,
  id: string,
  records: NotificationRecord[],
  counts: { pending: number; sent: number; failed: number },
  settings: NotifySettings | undefined,
  zone: string,
  lang: string,
): void {
  const w = notifyWords(lang);
  if (records.length === 0) {
    ctx.stdout.write(`${w.none}\n`);
    if (!settings) ctx.stdout.write(`${w.noDestinations}\n`);
    return;
  }
  ctx.stdout.write(`${id}${w.colon}${w.count(records.length)} (${w.summary(counts.pending, counts.failed)})\n`);
  const rows = records.map((r) => [w.status[r.status], r.queued.channel, r.queued.role, whereTo(r, settings), w.trigger[r.queued.trigger], dateTimeWords(r.queued.at, lang, zone), w.attempts(r.attempts)]);
  const lines = alignRows(rows, { indent: '  ' });
  records.forEach((r, index) => {
    ctx.stdout.write(`${lines[index]}\n`);
    const detail =
      r.status === 'sent'
        ? r.file
          ? `${w.written} ${r.file}`
          : ''
        : [r.lastError ? redact(r.lastError, settings?.secrets ?? []) : '', r.retryAt ? `${w.retryAt}${w.colon}${dateTimeWords(r.retryAt, lang, zone)}` : ''].filter(Boolean).join('; ');
    if (detail) ctx.stdout.write(`      ${detail}\n`);
  });
  if (counts.pending + counts.failed > 0) ctx.stdout.write(`${w.flushHint(id)}\n`);
}

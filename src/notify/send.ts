/**
 * One attempt at delivering one notification: an HTTPS POST to a webhook, an
 * e-mail through SMTP, or, with no SMTP configured, an `.eml` file in the
 * incident folder that any mail client opens. The outcome says whether a
 * later attempt may succeed (a timeout, a 5xx, a 429) or not (a 4xx: the
 * webhook is gone or refuses the payload).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NotificationQueuedEvent } from '../incident/events.js';
import { VERSION } from '../version.js';
import type { Destination, SmtpConfig } from './config.js';
import { discordPayload, plainText, slackPayload, teamsPayload, webhookPayload } from './payloads.js';

export type Outcome =
  | { ok: true; file?: string }
  | { ok: false; error: string; retry: boolean; /** From a 429's Retry-After, in ms. */ retryAfterMs?: number };

export interface SendOptions {
  /** Milliseconds before an attempt is abandoned. */
  timeoutMs: number;
  smtp?: SmtpConfig;
  /** The From of e-mails (smtp.from), also for .eml files written without SMTP. */
  from?: string;
  /** The incident folder (for `.eml` files). */
  incidentDir: string;
}

/** The request body and headers for a webhook destination. */
export function httpRequest(n: NotificationQueuedEvent, kind: Destination['kind']): { body: string; headers: Record<string, string>; query?: string } {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'user-agent': `crisis/${VERSION}` };
  switch (kind) {
    case 'slack':
      return { body: JSON.stringify(slackPayload(n)), headers };
    case 'teams':
      return { body: JSON.stringify(teamsPayload(n)), headers };
    case 'discord':
      // wait=true: Discord answers once the message exists, so a 2xx means it was posted
      return { body: JSON.stringify(discordPayload(n)), headers, query: 'wait=true' };
    default:
      return { body: JSON.stringify(webhookPayload(n)), headers: { ...headers, 'idempotency-key': n.id } };
  }
}

/** Delivers `n` to `destination` once. Never throws: every failure is an outcome. */
export async function sendOnce(n: NotificationQueuedEvent, destination: Destination, options: SendOptions): Promise<Outcome> {
  try {
    if (destination.kind === 'email') return await sendEmail(n, destination, options);
    return await post(n, destination, options);
  } catch (error) {
    return { ok: false, error: describe(error), retry: true };
  }
}

async function post(n: NotificationQueuedEvent, destination: Destination, options: SendOptions): Promise<Outcome> {
  const { body, headers, query } = httpRequest(n, destination.kind);
  const url = new URL(destination.target);
  if (query) for (const [k, v] of new URLSearchParams(query)) url.searchParams.set(k, v);
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(options.timeoutMs), redirect: 'error' });
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, error: `no answer within ${Math.round(options.timeoutMs / 1000)} s`, retry: true };
    return { ok: false, error: describe(error), retry: true };
  }
  // the answer's body is read (and dropped) so the connection is released
  const text = await response.text().catch(() => '');
  if (response.ok) return { ok: true };
  const status = `HTTP ${response.status}${text ? `: ${text.slice(0, 200).replace(/\s+/g, ' ').trim()}` : ''}`;
  if (response.status === 429) {
    const after = retryAfterMs(response.headers.get('retry-after'));
    return { ok: false, error: status, retry: true, ...(after !== undefined ? { retryAfterMs: after } : {}) };
  }
  // 408 and 5xx may pass later; any other 4xx will not (wrong or deleted webhook, payload refused)
  return { ok: false, error: status, retry: response.status === 408 || response.status >= 500 };
}

/** Retry-After as seconds or an HTTP date, in ms. */
function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** The e-mail's fields: the notification id is its Message-ID, so a retry is recognisably the same message. */
function mailOf(n: NotificationQueuedEvent, destination: Destination, smtp: SmtpConfig | undefined, configuredFrom?: string) {
  const host = smtp ? new URL(smtp.url).hostname : 'localhost';
  const from = configuredFrom ?? smtp?.from ?? `crisis <crisis@${host}>`;
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? host;
  return {
    from,
    to: destination.target,
    subject: n.content.subject,
    text: plainText(n),
    messageId: `<${n.id}@${domain}>`,
    date: new Date(n.at),
    headers: { 'X-Crisis-Notification': n.id, 'X-Crisis-Incident': n.content.incident, 'Auto-Submitted': 'auto-generated' },
  };
}

async function sendEmail(n: NotificationQueuedEvent, destination: Destination, options: SendOptions): Promise<Outcome> {
  const nodemailer = await import('nodemailer');
  if (!options.smtp) {
    // no SMTP server: a draft any mail client opens (X-Unsent asks it to show it ready to send)
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
    const mail = mailOf(n, destination, undefined, options.from);
    const info = await transport.sendMail({ ...mail, headers: { ...mail.headers, 'X-Unsent': '1' } });
    const relative = join('notifications', `${n.id}.eml`);
    await mkdir(join(options.incidentDir, 'notifications'), { recursive: true });
    await writeFile(join(options.incidentDir, relative), info.message as Buffer, { mode: 0o600 });
    return { ok: true, file: relative };
  }
  // one connection per attempt; its timeouts are the attempt's
  const transport = nodemailer.createTransport({ url: options.smtp.url, connectionTimeout: options.timeoutMs, greetingTimeout: options.timeoutMs, socketTimeout: options.timeoutMs });
  try {
    await transport.sendMail(mailOf(n, destination, options.smtp, options.from));
    return { ok: true };
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    // 5xx from the server: the address or the message is refused for good; 4xx and network trouble pass
    return { ok: false, error: describe(error), retry: code === undefined || code < 500 };
  } finally {
    transport.close();
  }
}

/** An error as one line (its cause's code when fetch hides it). */
function describe(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string }; code?: string };
  const cause = e.cause?.code ?? e.cause?.message;
  const text = `${e.message ?? String(error)}${cause && !String(e.message).includes(cause) ? ` (${cause})` : ''}`;
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}

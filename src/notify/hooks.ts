/**
 * Where the rest of crisis meets notifications: after events are appended
 * (an answer, a resolution, a reopening), the notifications they call for are
 * queued in the log, then a detached `crisis notify <id> --flush --background`
 * sends them, so that the walkthrough never waits on the network. A live
 * walkthrough also looks, once a minute, for a public update falling due.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CommandContext } from '../context.js';
import { UserError } from '../errors.js';
import { catalogueFor } from '../i18n/index.js';
import type { IncidentEvent } from '../incident/events.js';
import { nextUpdateDue } from '../incident/engine.js';
import { applyEvent, type IncidentState } from '../incident/state.js';
import { fileStore } from '../incident/file-store.js';
import { readEvents } from '../incident/log-store.js';
import type { Playbook } from '../playbook/schema.js';
import { isTimeZone } from '../zone.js';
import { notificationsToQueue } from './outbox.js';
import { loadSettings, type NotifySettings } from './settings.js';
import { notifyWords } from './words.js';

/** Event types after which notifications may be due. */
const CAUSES: ReadonlySet<string> = new Set(['severity_changed', 'resolved', 'reopened']);

/** The zone an incident's times are written in: the one it recorded, else CRISIS_TZ, else the machine's. */
export function timeZoneOf(state: IncidentState, env: Record<string, string | undefined>): string {
  if (!state.timeZoneGuessed && isTimeZone(state.timeZone)) return state.timeZone;
  if (env.CRISIS_TZ && isTimeZone(env.CRISIS_TZ)) return env.CRISIS_TZ;
  return state.timeZone;
}

/** Whether the incident's next update is due and nothing was queued for that due time. */
function updateDueUnqueued(playbook: Playbook, state: IncidentState, now: Date): boolean {
  const due = nextUpdateDue(playbook, state);
  if (state.state !== 'open' || !due || due.getTime() > now.getTime()) return false;
  const cause = `update_due:${due.toISOString()}`;
  return !Object.values(state.notifications ?? {}).some((r) => r.queued.cause === cause);
}

/**
 * Queues what the log calls for and is not queued yet; returns the events
 * written. `state`, when given, takes them in. What is due is decided from
 * the log as read and written only if no one appended since (the background
 * sender and `notify --flush` may decide at the same moment); otherwise the
 * log is read and the decision made again.
 */
export async function queueDue(
  ctx: Pick<CommandContext, 'env' | 'now'>,
  dataDir: string,
  playbook: Playbook,
  settings: NotifySettings,
  id: string,
  options: { state?: IncidentState; updates?: boolean } = {},
): Promise<IncidentEvent[]> {
  const { foldEvents } = await import('../incident/state.js');
  const store = fileStore(dataDir);
  for (let attempt = 1; ; attempt++) {
    const { events } = await readEvents(store, id);
    const folded = foldEvents(events);
    folded.id = id;
    const now = ctx.now();
    const queued = notificationsToQueue({ playbook, events, state: folded, config: settings.config, now, timeZone: timeZoneOf(folded, ctx.env), updates: options.updates === true });
    if (queued.length === 0) return [];
    const highest = events.reduce((max, e) => Math.max(max, e.seq), 0);
    const written = await store.appendAfter(id, highest, queued);
    if (written) {
      if (options.state) for (const e of written) applyEvent(options.state, e);
      return written;
    }
    if (attempt >= QUEUE_ATTEMPTS) return [];
  }
}

/** How many times queueing decides again after another writer appended first; a busy log leaves the rest to the next event. */
const QUEUE_ATTEMPTS = 20;

/** `Team notified in the background: Incident lead (slack, email), Management (email)`. */
function queuedLine(playbook: Playbook, written: readonly IncidentEvent[], started: boolean, id: string): string {
  const w = notifyWords(playbook.lang);
  const byRole = new Map<string, Set<string>>();
  for (const e of written) if (e.type === 'notification_queued') byRole.set(e.role, (byRole.get(e.role) ?? new Set()).add(e.channel));
  const who = [...byRole].map(([role, channels]) => `${playbook.roles[role]?.title ?? role} (${[...channels].join(', ')})`).join(', ');
  return started ? `${w.notifiedInBackground}${w.colon}${who}` : `${w.queuedOnly(id)}${w.colon}${who}`;
}

/** Starts the background sender for an incident; false when it cannot (or must not) be started. */
export function startSender(ctx: Pick<CommandContext, 'env' | 'cwd'>, dataDir: string, id: string): boolean {
  const setting = ctx.env.CRISIS_NOTIFY_BACKGROUND;
  if (setting === '0' || setting === 'false' || setting === 'off') return false;
  // src/notify/ and dist/chunks/ both sit two levels below the package root
  const bin = fileURLToPath(new URL('../../bin/crisis.js', import.meta.url));
  if (!existsSync(bin)) return false;
  try {
    const child = spawn(process.execPath, [bin, '--data-dir', dataDir, 'notify', id, '--flush', '--background'], {
      cwd: ctx.cwd,
      env: ctx.env as NodeJS.ProcessEnv,
      detached: true,
      stdio: 'ignore',
    });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}

/** What a command that appends events holds: call `after` with what it appended; `stop` at the end. */
export interface NotifyHook {
  after(state: IncidentState, events: readonly { type: string }[]): Promise<void>;
  stop(): void;
}

/**
 * The hook for a command on one incident, or undefined when config.yaml
 * notifies nobody. With `watch` (a live walkthrough), an update falling due
 * is noticed within a minute, without waiting for the next answer.
 */
export async function notifyHook(ctx: CommandContext, dataDir: string, playbook: Playbook, state: IncidentState, options: { watch?: boolean } = {}): Promise<NotifyHook | undefined> {
  let settings: NotifySettings | undefined;
  try {
    settings = await loadSettings(dataDir, ctx.env);
  } catch {
    // start checked config.yaml; a file broken since then stops notifications, not the walkthrough
    return undefined;
  }
  if (!settings) return undefined;
  const chosen = settings;
  let busy: Promise<number> = Promise.resolve(0);
  const run = (current: IncidentState, tell = true) => {
    busy = busy
      .then(async () => {
        const written = await queueDue(ctx, dataDir, playbook, chosen, current.id, { state: current, updates: options.watch === true });
        if (written.length === 0) return 0;
        const started = startSender(ctx, dataDir, current.id);
        // between two prompts only: the minute's check must not write over a question being asked
        if (tell) ctx.stdout.write(`${queuedLine(playbook, written, started, current.id)}\n`);
        return written.length;
      })
      .catch((error: unknown) => {
        const c = catalogueFor(playbook.lang);
        const why = error instanceof UserError ? error.sayIn(c).message : error instanceof Error ? error.message : String(error);
        ctx.stderr.write(`${c.ui.warning}${c.ui.colon}${c.warnings.notQueued(why)}\n`);
        return 0;
      });
    return busy;
  };
  const timer = options.watch ? setInterval(() => (updateDueUnqueued(playbook, state, ctx.now()) ? void run(state, false) : undefined), 60_000) : undefined;
  timer?.unref();
  // at the start: what a crash kept from being queued, an update due, and what is left to send
  const queued = await run(state);
  if (queued === 0 && Object.values(state.notifications ?? {}).some((r) => r.status === 'pending')) startSender(ctx, dataDir, state.id);
  return {
    after: async (current, events) => {
      if (events.some((e) => CAUSES.has(e.type)) || (options.watch && updateDueUnqueued(playbook, current, ctx.now()))) await run(current);
    },
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
}

/** `append` that hands what it wrote to the hook. */
export function withHook<E extends { type: string }>(append: (events: E[]) => Promise<IncidentState>, hook: NotifyHook | undefined): (events: E[]) => Promise<IncidentState> {
  if (!hook) return append;
  return async (events) => {
    const state = await append(events);
    await hook.after(state, events);
    return state;
  };
}

/** After a command that appended outside a walkthrough (reopen): queue and send what is due. */
export async function notifyAfter(ctx: CommandContext, dataDir: string, state: IncidentState, playbook: () => Promise<Playbook>): Promise<void> {
  const settings = await loadSettings(dataDir, ctx.env).catch(() => undefined);
  if (!settings) return;
  const written = await queueDue(ctx, dataDir, await playbook(), settings, state.id);
  if (written.length > 0) startSender(ctx, dataDir, state.id);
}

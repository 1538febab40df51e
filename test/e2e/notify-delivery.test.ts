/**
 * Team notifications end to end, against real servers on 127.0.0.1: a run
 * queues one notification per destination in the log before anything is
 * sent; `crisis notify --flush` delivers each once (Slack, Teams, Discord, a
 * JSON webhook over HTTP, e-mail over SMTP); failures are retried with
 * backoff (500, 429 with Retry-After, no answer) or given up (404) and shown
 * by `status` and `crisis notify`; without SMTP the e-mail is an .eml file.
 * No output, log line, report or file of the run holds a secret.
 */
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CommandContext } from '../../src/context.js';
import { foldIncident } from '../../src/incident/store.js';
import { resolvePlaybook } from '../../src/playbook/find.js';
import { deliver } from '../../src/notify/deliver.js';
import { notifyHook } from '../../src/notify/hooks.js';
import { loadSettings } from '../../src/notify/settings.js';
import { runInProcess } from '../helpers/in-process.js';
import { httpRecorder, smtpRecorder, type HttpRecorder, type SmtpRecorder } from '../helpers/notify-servers.js';
import { tempDir, type RunResult } from './helpers.js';

const ANSWERS = resolve('test/fixtures/answers/messenger-down.yaml');
const MINI = resolve('test/fixtures/playbooks/mini-down.en.yaml');
/** Every secret below holds this marker, so one search finds any of them. */
const MARK = 'SeCrEt';

let http: HttpRecorder;
let smtp: SmtpRecorder;
const outputs: RunResult[] = [];

beforeAll(async () => {
  http = await httpRecorder();
  smtp = await smtpRecorder();
});
afterAll(async () => {
  await http.close();
  await smtp.close();
});

function configText(withSmtp: boolean): string {
  return `variables: { brand: Acme }
notify:
  lead:
    slack: "${http.url(`/slack/services/T0/B0/Slack${MARK}Token`)}"
    webhook: "${http.url(`/hook/Hook${MARK}Path`)}"
    email: lead@acme.example
  management:
    teams: "${http.url(`/teams/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=Sig${MARK}Value`)}"
    discord: "${http.url(`/discord/api/webhooks/123/Discord${MARK}Token`)}"
    email: [ceo@acme.example]
  community: { email: community@acme.example }
${withSmtp ? `smtp: { url: "${smtp.url('crisis', `Pass${MARK}word`)}", from: "Acme crisis <crisis@acme.example>" }\n` : ''}`;
}

function home(withSmtp = true): string {
  const dir = tempDir('crisis-notify-');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.yaml'), configText(withSmtp));
  chmodSync(join(dir, 'config.yaml'), 0o600);
  return dir;
}

type Event = Record<string, unknown> & { seq: number; type: string; id?: string };
const events = (dir: string, id: string): Event[] =>
  readFileSync(join(dir, 'incidents', id, 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Event);

async function cli(args: string[], dir: string, extra: { now?: Date; env?: Record<string, string> } = {}): Promise<RunResult> {
  const result = await runInProcess(args, { env: { CRISIS_HOME: dir, CRISIS_NOTIFY_BACKGROUND: '0', TZ: 'UTC', CRISIS_TZ: 'Europe/Paris', ...extra.env }, ...(extra.now ? { now: extra.now } : {}) });
  outputs.push(result);
  return result;
}

/** Every file under `dir` but config.yaml, which is where the secrets belong. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile() && !f.endsWith('config.yaml'));
}

describe('team notifications', () => {
  const homes: string[] = [];

  it('a run queues one notification per destination before sending; --flush delivers each once, in the shape of each platform', async () => {
    const dir = home();
    homes.push(dir);
    http.requests.length = 0;
    const start = await cli(['start', 'messenger-down', '--answers', ANSWERS, '--no-input', '--id', 'inc'], dir);
    expect(start.code, start.stderr).toBe(0);
    // the operator sees who was told, once for the severity and once for the resolution
    const told = 'Team notifications queued (send them with crisis notify inc --flush): Incident lead (slack, webhook, email), Management (teams, discord, email)';
    expect(start.stdout.split(told)).toHaveLength(3);
    const log = events(dir, 'inc');
    const queued = log.filter((e) => e.type === 'notification_queued');
    // major (lead, support, management) then resolved: lead has 3 destinations, management 2 + 1 e-mail; support none
    expect(queued).toHaveLength(12);
    expect(log.some((e) => e.type === 'notification_sent' || e.type === 'notification_failed')).toBe(false);
    expect(http.requests).toHaveLength(0);
    const severity = log.find((e) => e.type === 'severity_changed')!;
    for (const q of queued.slice(0, 6)) expect(q).toMatchObject({ trigger: 'severity', cause_seq: severity.seq, lang: 'en' });
    for (const q of queued.slice(6)) expect(q).toMatchObject({ trigger: 'resolved' });
    expect(new Set(queued.map((q) => q.id)).size).toBe(12);

    const status = await cli(['status', 'inc', '--json'], dir);
    expect(JSON.parse(status.stdout).notifications).toEqual({ pending: 12, sent: 0, failed: 0 });

    const flush = await cli(['notify', 'inc', '--flush'], dir);
    expect(flush.code, flush.stderr).toBe(0);
    expect(flush.stdout).toContain('inc: 12 team notifications (0 pending, 0 failed)');
    // webhooks masked to their host, addresses shown
    expect(flush.stdout).toContain('http://127.0.0.1:');
    expect(flush.stdout).toContain('/•••');
    expect(flush.stdout).toContain('ceo@acme.example');

    const byPath = (prefix: string) => http.requests.filter((r) => r.path.startsWith(prefix));
    expect(byPath('/slack')).toHaveLength(2);
    expect(byPath('/teams')).toHaveLength(2);
    expect(byPath('/discord')).toHaveLength(2);
    expect(byPath('/hook')).toHaveLength(2);
    expect(http.requests.every((r) => r.answered === 200)).toBe(true);

    // Slack: Block Kit within limits, with a plain-text fallback
    const slack = byPath('/slack')[0]!.json as { text: string; blocks: Array<{ type: string; text?: { text: string } }> };
    expect(slack.text).toContain('Severity Major: you are alerted');
    expect(slack.blocks[0]).toMatchObject({ type: 'header' });
    expect(JSON.stringify(slack.blocks)).toContain('Decides the severity and when the incident is over');
    // Discord: an embed, with ?wait=true so that a 2xx means posted, and no mention pinged
    const discordReq = byPath('/discord')[0]!;
    expect(discordReq.path).toContain('wait=true');
    expect(discordReq.json).toMatchObject({ allowed_mentions: { parse: [] }, embeds: [{ title: expect.stringContaining('[Major]') }] });
    // Teams: an Adaptive Card attachment
    expect(byPath('/teams')[0]!.json).toMatchObject({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard' } }] });
    // the generic webhook carries the id as its idempotency key
    const hook = byPath('/hook')[0]!;
    const hookBody = hook.json as { id: string; content: { role: string; next_update?: string; public_message?: string } };
    expect(hook.headers['idempotency-key']).toBe(hookBody.id);
    expect(queued.map((q) => q.id)).toContain(hookBody.id);
    expect(hookBody.content.role).toBe('Incident lead');

    // e-mail through SMTP: logged in with the URL's user, one message per address, Message-ID from the id
    await smtp.waitFor(4);
    expect(smtp.logins[0]).toEqual({ username: 'crisis', password: `Pass${MARK}word` });
    const mails = smtp.messages.slice(-4);
    expect(smtp.recipients.slice(-4).flat().sort()).toEqual(['ceo@acme.example', 'ceo@acme.example', 'lead@acme.example', 'lead@acme.example']);
    const toLead = mails.find((m) => m.subject?.includes('you are alerted') && JSON.stringify(m.to).includes('lead@acme.example'))!;
    expect(toLead.from?.value[0]).toMatchObject({ name: 'Acme crisis', address: 'crisis@acme.example' });
    expect(toLead.subject).toBe('[Major] Facebook Messenger is down: Severity Major: you are alerted');
    expect(toLead.text).toContain('What you are asked to do:');
    expect(toLead.text).toContain('- Keeps management and the other teams informed');
    const leadId = queued.find((q) => q.to === 'lead@acme.example' && q.trigger === 'severity')!.id;
    expect(toLead.messageId).toBe(`<${leadId}@acme.example>`);

    // every notification recorded sent once; a second flush sends nothing more
    const after = events(dir, 'inc');
    expect(after.filter((e) => e.type === 'notification_sent').map((e) => e.id).sort()).toEqual(queued.map((q) => q.id).sort());
    const count = http.requests.length;
    const again = await cli(['notify', 'inc', '--flush'], dir);
    expect(again.code).toBe(0);
    expect(http.requests.length).toBe(count);
    const status2 = await cli(['status', 'inc'], dir);
    expect(status2.stdout).toContain('Team notifications: 12 sent');
  });

  it('an update falling due is queued for the update owner and the lead, in the incident zone', async () => {
    const dir = home();
    homes.push(dir);
    const answers = join(dir, 'answers.yaml');
    writeFileSync(
      answers,
      `variables: { brand: Acme, support_email: help@acme.example, signature: Julie }
steps: { devices: done, downdetector: done, hashtags: done, confirmed: yes, severity: major, services: [dm], backlog: 3, legal: done,
         first-post: { posted: [x], at: 2026-11-21T09:15:00Z }, update: { posted: [x], at: 2026-11-21T09:20:00Z } }
`,
    );
    const start = await cli(['start', MINI, '--answers', answers, '--at', '2026-11-21T09:00:00Z', '--no-input', '--id', 'mini'], dir, { now: new Date('2026-11-21T09:30:00Z') });
    expect(start.code, start.stderr).toBe(0);
    expect(events(dir, 'mini').filter((e) => e.type === 'notification_queued')).toHaveLength(6);
    // the update is due at 10:20; at 10:25 a flush queues and sends it
    const flush = await cli(['notify', 'mini', '--flush', '--json'], dir, { now: new Date('2026-11-21T10:25:00Z') });
    expect(flush.code, flush.stderr).toBe(0);
    const doc = JSON.parse(flush.stdout) as { counts: Record<string, number>; notifications: Array<{ trigger: string; role: string; status: string; subject: string }> };
    const due = doc.notifications.filter((n) => n.trigger === 'update_due');
    expect(due.map((n) => n.role).sort()).toEqual(['community', 'lead', 'lead', 'lead']);
    expect(due.every((n) => n.status === 'sent')).toBe(true);
    expect(doc.counts).toEqual({ pending: 0, sent: 10, failed: 0 });
    const hook = http.requests.filter((r) => r.path.startsWith('/hook')).at(-1)!.json as { trigger: string; content: { next_update: string; public_message: string } };
    expect(hook.trigger).toBe('update_due');
    // 10:20 UTC is 11:20 in Paris
    expect(hook.content.next_update).toBe('21 Nov 2026, 11:20 (Europe/Paris, UTC+01:00)');
    expect(hook.content.public_message).toContain('Mini chat is still down');
    // the same due time is not queued twice
    const again = await cli(['notify', 'mini', '--flush', '--json'], dir, { now: new Date('2026-11-21T10:40:00Z') });
    expect((JSON.parse(again.stdout) as { notifications: unknown[] }).notifications).toHaveLength(10);
  });

  it('a live walkthrough notices an update falling due while it waits, without an answer', async () => {
    const dir = home();
    const answers = join(dir, 'answers.yaml');
    writeFileSync(
      answers,
      `variables: { brand: Acme, support_email: help@acme.example, signature: Julie }
steps: { devices: done, downdetector: done, hashtags: done, confirmed: yes, severity: major, services: [dm], backlog: 3, legal: done,
         first-post: { posted: [x], at: 2026-11-21T09:15:00Z }, update: { posted: [x], at: 2026-11-21T09:20:00Z } }
`,
    );
    const start = await cli(['start', MINI, '--answers', answers, '--at', '2026-11-21T09:00:00Z', '--no-input', '--id', 'live'], dir, { now: new Date('2026-11-21T09:30:00Z') });
    expect(start.code, start.stderr).toBe(0);
    let clock = new Date('2026-11-21T09:30:00Z');
    const ctx = { cwd: dir, env: { CRISIS_NOTIFY_BACKGROUND: '0', CRISIS_TZ: 'Europe/Paris' }, now: () => clock, stdout: { write: () => true }, stderr: { write: () => true } } as unknown as CommandContext;
    const { state } = await foldIncident(dir, 'live');
    const { playbook } = await resolvePlaybook(MINI, { cwd: dir, env: {}, playbookDirs: [] });
    const dueEvents = () => events(dir, 'live').filter((e) => e.type === 'notification_queued' && e.trigger === 'update_due');
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const hook = await notifyHook(ctx, dir, playbook, state, { watch: true });
      expect(hook).toBeDefined();
      expect(dueEvents()).toHaveLength(0);
      // 10:21: the update fell due at 10:20; the minute's check queues it, once
      clock = new Date('2026-11-21T10:21:00Z');
      vi.advanceTimersByTime(60_000);
      for (let i = 0; i < 100 && dueEvents().length === 0; i++) await new Promise((d) => setTimeout(d, 20));
      expect(dueEvents().map((e) => e.role).sort()).toEqual(['community', 'lead', 'lead', 'lead']);
      vi.advanceTimersByTime(60_000);
      await hook!.after(state, []);
      expect(dueEvents()).toHaveLength(4);
      hook!.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('retries a 500, a 429 after its Retry-After and a request left unanswered; gives up on a 404; --flush tries the failed one again', async () => {
    const dir = home();
    homes.push(dir);
    const start = await cli(['start', 'messenger-down', '--answers', ANSWERS, '--no-input', '--id', 'fail'], dir);
    expect(start.code, start.stderr).toBe(0);
    http.requests.length = 0;
    const seen = new Map<string, number>();
    http.behave((req) => {
      const kind = req.path.split('/')[1]!;
      const n = (seen.get(kind) ?? 0) + 1;
      seen.set(kind, n);
      if (kind === 'slack' && n === 1) return { status: 500, body: 'internal_error' };
      if (kind === 'discord' && n === 1) return { status: 429, headers: { 'retry-after': '0' } };
      if (kind === 'teams' && n === 1) return 'hang';
      if (kind === 'hook') return { status: 404, body: 'no_service' };
      return { status: 200 };
    });
    const settings = await loadSettings(dir, {});
    const result = await deliver({ dataDir: dir, id: 'fail', settings, now: () => new Date(), untilDone: true, timeoutMs: 500, backoffMs: 20, limitMs: 30_000 });
    expect(result.busy).toBe(false);
    http.releaseHanging();
    const log = events(dir, 'fail');
    const failed = log.filter((e) => e.type === 'notification_failed');
    const errors = failed.map((e) => String(e.error));
    expect(errors).toContain('HTTP 500: internal_error');
    expect(errors).toContain('HTTP 429: error');
    expect(errors).toContain('no answer within 1 s');
    expect(errors.filter((e) => e === 'HTTP 404: no_service')).toHaveLength(2);
    // retried ones carry their next attempt; the 404 ones were given up at once
    expect(failed.filter((e) => e.error !== 'HTTP 404: no_service').every((e) => typeof e.retry_at === 'string')).toBe(true);
    expect(failed.filter((e) => e.error === 'HTTP 404: no_service').every((e) => e.retry_at === undefined)).toBe(true);
    const sent = log.filter((e) => e.type === 'notification_sent');
    expect(sent).toHaveLength(10);

    const status = await cli(['status', 'fail'], dir);
    expect(status.stdout).toContain('Team notifications: 10 sent, 2 failed  (crisis notify fail)');
    const list = await cli(['notify', 'fail'], dir);
    expect(list.stdout).toContain('fail: 12 team notifications (0 pending, 2 failed)');
    expect(list.stdout).toContain('HTTP 404: no_service');
    expect(list.stdout).toContain('crisis notify fail --flush');

    // the webhook is fixed: --flush sends the two failed ones, and only those
    http.behave(() => ({ status: 200 }));
    const before = http.requests.length;
    const flush = await cli(['notify', 'fail', '--flush'], dir);
    expect(flush.code, flush.stdout + flush.stderr).toBe(0);
    expect(http.requests.slice(before).map((r) => r.path.split('/')[1])).toEqual(['hook', 'hook']);
    expect(flush.stdout).toContain('(0 pending, 0 failed)');

    // a --flush that still fails exits 1, and the French list speaks French
    http.behave((req) => (req.path.startsWith('/slack') ? { status: 403, body: 'invalid_token' } : { status: 200 }));
    const fr = home();
    homes.push(fr);
    const startFr = await cli(['start', 'messenger-down', '--lang', 'fr', '--answers', ANSWERS, '--no-input', '--id', 'fr'], fr);
    expect(startFr.code, startFr.stderr).toBe(0);
    const flushFr = await cli(['notify', 'fr', '--flush'], fr);
    expect(flushFr.code).toBe(1);
    expect(flushFr.stdout).toContain('12\u00a0notifications d’équipe (0\u00a0en attente, 2\u00a0en échec)');
    expect(flushFr.stdout).toContain('échec');
    const mail = smtp.messages.find((m) => m.subject?.includes('Gravité'))!;
    expect(mail.text).toContain('Ce que l’on attend de vous\u202f:');
    http.behave(() => ({ status: 200 }));
  });

  it('without SMTP, an e-mail is an .eml file in the incident folder that a mail client opens', async () => {
    const dir = home(false);
    homes.push(dir);
    const start = await cli(['start', 'messenger-down', '--answers', ANSWERS, '--no-input', '--id', 'eml'], dir);
    expect(start.code, start.stderr).toBe(0);
    const flush = await cli(['notify', 'eml', '--flush'], dir);
    expect(flush.code, flush.stderr).toBe(0);
    expect(flush.stdout).toMatch(/written to notifications\/[0-9a-f-]{36}\.eml/);
    const folder = join(dir, 'incidents', 'eml', 'notifications');
    const files = readdirSync(folder);
    expect(files).toHaveLength(4);
    const mail = await simpleParser(readFileSync(join(folder, files[0]!)));
    expect(mail.headers.get('x-unsent')).toBe('1');
    expect(mail.subject).toMatch(/^\[Major\] Facebook Messenger is down: /);
    expect(mail.text).toContain('Incident: Facebook Messenger is down (eml)');
    expect(statSync(join(folder, files[0]!)).mode & 0o077).toBe(0);
  });

  it('no output, log line, report, timeline or file of these runs holds a secret', async () => {
    const dir = homes[2]!;
    // the runs of the failures test, read back every way there is, --debug included
    for (const args of [['report', 'fail'], ['timeline', 'fail'], ['status', 'fail', '--json'], ['notify', 'fail', '--json'], ['--debug', 'notify', 'fail', '--flush'], ['incidents', '--all', '--json']]) {
      await cli(args, dir);
    }
    // a failure whose message quotes the URL: the server echoes the request's path
    http.behave((req) => ({ status: 400, body: `bad request to ${req.path}` }));
    const echo = home();
    homes.push(echo);
    await cli(['start', 'messenger-down', '--answers', ANSWERS, '--no-input', '--id', 'echo'], echo);
    await cli(['--debug', 'notify', 'echo', '--flush'], echo);
    http.behave(() => ({ status: 200 }));
    const echoed = events(echo, 'echo').filter((e) => e.type === 'notification_failed');
    expect(echoed.length).toBeGreaterThan(0);
    expect(echoed.map((e) => String(e.error)).join('\n')).toContain('•••');

    const texts = [...outputs.flatMap((r) => [r.stdout, r.stderr]), ...homes.flatMap((h) => filesUnder(h).map((f) => readFileSync(f, 'utf8')))];
    expect(texts.length).toBeGreaterThan(40);
    const leaks = texts.filter((t) => t.includes(MARK));
    expect(leaks.map((t) => t.slice(Math.max(0, t.indexOf(MARK) - 80), t.indexOf(MARK) + 40))).toEqual([]);
  });
});

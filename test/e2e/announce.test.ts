import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { runInProcess } from '../helpers/in-process.js';

const PLAYBOOK = resolve('test/fixtures/playbooks/mini-down.en.yaml');
let home: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crisis-announce-'));
  home = join(dir, 'home');
  const answers = join(dir, 'a.yaml');
  writeFileSync(answers, 'variables: { brand: Acme, support_email: help@acme.example, signature: Julie }\nsteps: { devices: done, downdetector: done, hashtags: done, confirmed: yes, severity: major }\n');
  const r = await runInProcess(['start', PLAYBOOK, '--answers', answers, '--id', 'ann'], { env: { CRISIS_HOME: home } });
  expect(r.code).toBe(3); // stops at the services question: the incident stays open
});

describe('crisis announce', () => {
  it('renders an incident message in one block per channel, with its length against the limit', async () => {
    const r = await runInProcess(['announce', 'initial'], { env: { CRISIS_HOME: home } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('First announcement');
    expect(r.stdout).toMatch(/X \(Twitter\) \[x\]\s+\d+ of 280 weighted characters/);
    expect(r.stdout).toMatch(/SMS \[sms\]\s+1 of 2 segments, GSM-7/);
    expect(r.stdout).toContain('Subject: Acme: Mini chat is unavailable');
    // the text exactly as it must be pasted, on its own line
    expect(r.stdout.split('\n')).toContain('Mini chat is down for everyone. We are sorry: write to help@acme.example and we will answer. - Acme');
  });

  it('--json gives the spec shape; X counts as X does and SMS in segments', async () => {
    const r = await runInProcess(['announce', 'ann', 'initial', '--json', '--channel', 'x', '--channel', 'sms', '--channel', 'email'], { env: { CRISIS_HOME: home } });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.message).toBe('initial');
    expect(doc.title).toBe('First announcement');
    const [x, sms, email] = doc.channels;
    expect(x).toEqual({ channel: 'x', text: expect.any(String), length: expect.any(Number), limit: 280, unit: 'weighted', within_limit: true });
    expect(sms).toMatchObject({ channel: 'sms', unit: 'segments', length: 1, limit: 2, encoding: 'GSM-7', within_limit: true });
    expect(email).toMatchObject({ channel: 'email', subject: 'Acme: Mini chat is unavailable', unit: 'characters' });
  });

  it('--posted records the post in the log, and the update cadence starts from it', async () => {
    const r = await runInProcess(['announce', 'update', '--channel', 'x', '--posted'], { env: { CRISIS_HOME: home } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Recorded as posted on X in ann');
    const log = readFileSync(join(home, 'incidents', 'ann', 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    // the last post: the test of an over-limit post may have recorded one before
    const post = log.filter((e) => e.type === 'message_posted').at(-1);
    expect(post).toMatchObject({ message: 'update', channel: 'x' });
    expect(post.text).toMatch(/Next update at \d\d:\d\d/);
    const status = JSON.parse((await runInProcess(['status', '--json'], { env: { CRISIS_HOME: home } })).stdout);
    // status gives times to the second
    const postedSecond = Math.floor(new Date(post.at).getTime() / 1000) * 1000;
    expect(new Date(status.next_update_due_at).getTime() - postedSecond).toBe(3_600_000);
    // the promise in the text is the one logged with the post
    expect(post.next_update_at).toBe(new Date(new Date(post.at).getTime() + 3_600_000).toISOString());
    expect(post.over_limit).toBeUndefined();
  });

  it('--posted of a text over its limit records it flagged over_limit, with a warning', async () => {
    const r = await runInProcess(['announce', 'update', '--channel', 'x', '--posted', '--var', `brand=${'Acme '.repeat(60)}`], { env: { CRISIS_HOME: home } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('although the text is over the channel\'s limit');
    const log = readFileSync(join(home, 'incidents', 'ann', 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const post = log.filter((e) => e.type === 'message_posted').at(-1);
    expect(post).toMatchObject({ message: 'update', channel: 'x', over_limit: true });
  });

  it('renders from a playbook alone with example values, and says so on stderr', async () => {
    const r = await runInProcess(['announce', '--playbook', PLAYBOOK, 'initial', '--var', 'brand=Zed', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/example values for support_email, signature/);
    const doc = JSON.parse(r.stdout);
    expect(doc.channels.find((c: { channel: string }) => c.channel === 'x').text).toContain('help@acme.example and we will answer. - Zed');
  });

  it('turns a text over its limit red and exits 1; names UCS-2 characters for SMS', async () => {
    const long = 'x'.repeat(300);
    const r = await runInProcess(['announce', '--playbook', PLAYBOOK, 'initial', '--var', `brand=${long}`, '--channel', 'x']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/TOO LONG/);
    const s = await runInProcess(['announce', '--playbook', PLAYBOOK, 'initial', '--var', 'brand=Crêpes ☕', '--channel', 'sms', '--json']);
    expect(JSON.parse(s.stdout).channels[0]).toMatchObject({ encoding: 'UCS-2' });
    const t = await runInProcess(['announce', '--playbook', PLAYBOOK, 'initial', '--var', 'brand=Crêpes ☕', '--channel', 'sms']);
    expect(t.stdout).toContain('UCS-2 (because of ☕)');
  });

  it('writes an SMS in GSM-7 where it can: a letter outside it loses its accent, GSM-7\'s own accents stay', async () => {
    const brand = 'Pâtisserie Dupont-Lefèvre & Fils à Nîmes';
    const r = await runInProcess(['announce', '--playbook', 'messenger-down', '--lang', 'fr', 'initial', '--var', `brand=${brand}`, '--channel', 'sms', '--json']);
    const [sms] = JSON.parse(r.stdout).channels;
    expect(sms).toMatchObject({ encoding: 'GSM-7', within_limit: true });
    expect(sms.text).toContain('Patisserie Dupont-Lefèvre & Fils à Nimes');
    // the other channels keep the brand as written
    const x = JSON.parse((await runInProcess(['announce', '--playbook', 'messenger-down', '--lang', 'fr', 'initial', '--var', `brand=${brand}`, '--channel', 'facebook', '--json'])).stdout);
    expect(x.channels[0].text).toContain(brand);
  });

  it('labels the blocks in the playbook\'s language: lengths, subject, encoding, over the limit', async () => {
    const args = ['announce', '--playbook', 'messenger-down', '--lang', 'fr', 'initial', '--channel', 'email', '--channel', 'x', '--channel', 'sms'];
    const r = await runInProcess([...args, '--var', 'brand=Crêpes ☕']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^E-mail \[email\]\s+\d+ sur 100\u202f000 caractères, objet \d+\/78$/m);
    expect(r.stdout).toContain('\nObjet\u202f: Joindre Crêpes ☕ sans Messenger');
    expect(r.stdout).toMatch(/^X \(Twitter\) \[x\]\s+\d+ sur 280 caractères pondérés$/m);
    expect(r.stdout).toMatch(/^SMS \[sms\]\s+\d sur 2 segments, UCS-2 \(à cause de ☕\)$/m);
    expect(r.stdout).not.toMatch(/ of \d|Subject|subject|because of/);

    const long = await runInProcess([...args, '--var', `brand=${'x'.repeat(300)}`]);
    expect(long.code).toBe(1);
    expect(long.stdout).toMatch(/^SMS \[sms\]\s+\d sur 2 segments \(\d de trop\), GSM-7 — TROP LONG$/m);
    expect(long.stdout).toMatch(/, objet \d+\/78 — TROP LONG$/m);
  });

  it('--copy never fails the command when no clipboard exists', async () => {
    const r = await runInProcess(['announce', 'initial', '--channel', 'x', '--copy'], { env: { CRISIS_HOME: home, DISPLAY: undefined, WAYLAND_DISPLAY: undefined } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Copied|Not copied: /);
  });

  it('names the messages when the one asked for does not exist', async () => {
    const r = await runInProcess(['announce', 'nope'], { env: { CRISIS_HOME: home } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('has no message "nope"');
    expect(r.stderr).toContain('initial: First announcement');
  });
});

describe('crisis announce after resolution', () => {
  async function resolvedIncident(playbook: string, id: string, extra: string[] = []) {
    const dir = mkdtempSync(join(tmpdir(), 'crisis-announce-over-'));
    const env = { CRISIS_HOME: join(dir, 'home') };
    const vars = ['--var', 'brand=Acme', '--var', 'support_email=help@acme.example', '--var', 'signature=Julie'];
    const started = await runInProcess(['start', playbook, ...extra, ...vars, '--id', id, '--no-input', '--at', '2026-11-21T09:00:00Z'], { env });
    expect(started.code, started.stderr).toBe(3);
    const resolved = await runInProcess(['resolve', '--yes', '--no-input', '--at', '2026-11-21T10:00:00Z'], { env });
    expect(resolved.stdout).toContain(`${id}`);
    return env;
  }

  it('refuses, exit 1, a message of a phase before the resolution: it would say the outage goes on; --force renders it', async () => {
    const env = await resolvedIncident(PLAYBOOK, 'over');
    for (const message of ['update', 'initial']) {
      const r = await runInProcess(['announce', 'over', message], { env });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`message "${message}" belongs to "${message === 'update' ? 'Monitor' : 'Tell the community'}", a phase before the resolution`);
      expect(r.stderr).toContain('incident over is over');
      expect(r.stderr).toContain('--force');
    }
    const json = await runInProcess(['announce', 'update', '--json'], { env });
    expect(json.code).toBe(1);
    expect(json.stdout).toBe('');

    const forced = await runInProcess(['announce', 'over', 'update', '--force', '--channel', 'x'], { env });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('Mini chat is still down');
    expect(forced.stderr).toContain('warning: message "update" belongs to "Monitor"');
    const posted = await runInProcess(['announce', 'over', 'update', '--posted'], { env });
    expect(posted.code).toBe(1);
    const log = readFileSync(join(env.CRISIS_HOME, 'incidents', 'over', 'events.jsonl'), 'utf8');
    expect(log).not.toContain('message_posted');
  });

  it('renders the resolve-stage message and the reply macros without --force, in the playbook\'s language', async () => {
    const env = await resolvedIncident('messenger-down', 'fini', ['--lang', 'fr']);
    const update = await runInProcess(['announce', 'fini', 'update'], { env });
    expect(update.code).toBe(1);
    expect(update.stderr).toMatch(/le message «\u202fupdate\u202f» appartient à «\u202f[^»]+», une phase antérieure à la résolution/);
    expect(update.stderr).toContain('--force');
    const resolved = await runInProcess(['announce', 'fini', 'resolved', '--channel', 'x'], { env });
    expect(resolved.code, resolved.stderr).toBe(0);
    expect(resolved.stderr).not.toContain('--force');
    const reply = await runInProcess(['announce', 'fini', 'reply-where-is-my-message'], { env });
    expect(reply.code, reply.stderr).toBe(0);
  });
});

describe('crisis announce of a private reply', () => {
  it('shows every channel of a reply macro, default included; --json lists them; --channel default selects it', async () => {
    const r = await runInProcess(['announce', '--playbook', 'social-media-crisis', 'reply-take-private', '--var', 'support_email=help@acme.example']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Any channel \(default\) \[default\]\s+\d+ of 1,000 characters$/m);
    expect(r.stdout).toContain("We'd like to help, but we'll need details that shouldn't go in a public comment.");

    const json = JSON.parse((await runInProcess(['announce', '--playbook', 'messenger-down', 'reply-where-is-my-message', '--json'])).stdout);
    expect(json.channels.map((c: { channel: string }) => c.channel)).toEqual(['email', 'default']);
    expect(json.channels[1]).toMatchObject({ unit: 'characters', limit: 1000, within_limit: true, text: expect.stringContaining('Messenger inbox') });

    const one = await runInProcess(['announce', '--playbook', 'messenger-down', '--lang', 'fr', 'reply-where-is-my-message', '--channel', 'default']);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toMatch(/^Tout canal \(par défaut\) \[default\]\s+\d+ sur 1\u202f000 caractères$/m);
    expect(one.stdout).not.toContain('[email]');
  });

  it('in an incident, a reply gives only the ways to reach us the team chose', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crisis-announce-reply-'));
    const env = { CRISIS_HOME: join(dir, 'home') };
    const answers = join(dir, 'a.yaml');
    writeFileSync(
      answers,
      'variables: { brand: Acme, signature: Julie, support_email: help@acme.example, support_phone: "+1 212 555 0142", website: https://acme.example }\n' +
        'steps: { devices: done, downdetector: done, hashtags: done, official: done, confirmed: yes, team-alert: done, platform: yes, full-outage: yes, services: [private-messages], backlog: 3, risks: [lost-sales], severity: minor, priorities: done, alternatives: [phone] }\n',
    );
    expect((await runInProcess(['start', 'messenger-down', '--answers', answers, '--no-input', '--id', 'md'], { env })).code).toBe(3);
    const json = JSON.parse((await runInProcess(['announce', 'md', 'reply-where-is-my-message', '--json', '--channel', 'default'], { env })).stdout);
    expect(json.channels[0].text).toContain('Could you get back to us on +1\u00a0212\u00a0555\u00a00142?');
    expect(json.channels[0].text).not.toContain('help@acme.example');
  });
});

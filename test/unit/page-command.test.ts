import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/context.js';
import { fakeContext } from '../helpers/context.js';
import { UserError } from '../../src/errors.js';
import type { IncidentEvent } from '../../src/incident/events.js';
import { run as page } from '../../src/commands/page.js';
import { pageIncident, pagePlaybook } from '../fixtures/page/incidents.js';

let dir: string;
let out: string;
let err: string;

function context(env: Record<string, string> = { CRISIS_TZ: 'Europe/Paris' }): CommandContext {
  out = '';
  err = '';
  return fakeContext(dir, { env, now: new Date('2027-01-01T00:00:00Z'), out: (s) => (out += s), err: (s) => (err += s) });
}

/** Writes an incident log whose playbook is a file in the temp folder. */
function writeIncident(events: IncidentEvent[], lang: 'en' | 'fr' = 'en'): void {
  const file = join(dir, `messenger-down.${lang}.yaml`);
  writeFileSync(file, stringify(pagePlaybook(lang)));
  const opened = events[0] as Extract<IncidentEvent, { type: 'opened' }>;
  const logged = events.map((e) => (e.type === 'opened' ? { ...e, source: file } : e));
  mkdirSync(join(dir, 'data', 'incidents', opened.incident), { recursive: true });
  writeFileSync(join(dir, 'data', 'incidents', opened.incident, 'events.jsonl'), logged.map((e) => JSON.stringify(e)).join('\n') + '\n');
}

const read = (name: string, folder = 'status') => readFileSync(join(dir, folder, name), 'utf8');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crisis-page-'));
});

describe('crisis page', () => {
  it('writes index.html, summary.json and feed.atom into ./status/ for the open incident, with the resolved ones', async () => {
    writeIncident(pageIncident());
    writeIncident(pageIncident({ resolved: true, id: '2026-10-02-messenger-down', date: '2026-10-02' }));
    expect(await page(context(), { output: 'status' })).toBe(0);
    const summary = JSON.parse(read('summary.json'));
    expect(summary.incidents.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([
      ['2026-11-21-messenger-down', 'identified'],
      ['2026-10-02-messenger-down', 'resolved'],
    ]);
    expect(read('index.html')).toContain('Europe/Paris, UTC+01:00');
    expect(read('feed.atom')).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(err).toContain('wrote status/index.html');
  });

  it('rebuilds to the same bytes and leaves unchanged files alone', async () => {
    writeIncident(pageIncident());
    await page(context(), { output: 'out' });
    const names = ['index.html', 'summary.json', 'feed.atom'];
    const first = names.map((n) => [read(n, 'out'), statSync(join(dir, 'out', n)).mtimeMs]);
    await new Promise((r) => setTimeout(r, 20));
    await page(context(), { output: 'out' });
    expect(names.map((n) => [read(n, 'out'), statSync(join(dir, 'out', n)).mtimeMs])).toEqual(first);
  });

  it('prints index.html with -o -', async () => {
    writeIncident(pageIncident({ lang: 'fr' }), 'fr');
    await page(context(), { output: '-' });
    expect(out).toMatch(/^<!DOCTYPE html>\n<html lang="fr">/);
    expect(out).toContain('État des services Acme');
  });

  it('lists the components of config.yaml', async () => {
    writeIncident(pageIncident());
    writeFileSync(join(dir, 'data', 'config.yaml'), 'page:\n  name: Acme Shop\n  url: https://status.acme.example\n  components:\n    - { name: Messenger, affected: true }\n    - E-mail\n');
    await page(context(), { output: 'status' });
    const summary = JSON.parse(read('summary.json'));
    expect(summary.page).toMatchObject({ name: 'Acme Shop', url: 'https://status.acme.example' });
    expect(summary.components.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      ['messenger', 'major_outage'],
      ['e-mail', 'operational'],
    ]);
  });

  it('refuses a wrong page: section at its line and column', async () => {
    writeIncident(pageIncident());
    writeFileSync(join(dir, 'data', 'config.yaml'), 'page:\n  components:\n    - { nam: Messenger }\n');
    const error = await page(context(), { output: 'status' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/config\.yaml:3:\d+: unknown key "nam" in page\.components/);
  });

  it('names a template that does not render', async () => {
    writeIncident(pageIncident());
    writeFileSync(join(dir, 'bad.html.hbs'), '<p>{{nope}}</p>');
    const error = await page(context(), { output: 'status', template: 'bad.html.hbs' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/^template bad\.html\.hbs: .*nope/);
  });

  it('shows no incident when the only one was a false alarm', async () => {
    writeIncident(pageIncident({ falseAlarm: true }));
    await page(context(), { output: 'status' });
    const summary = JSON.parse(read('summary.json'));
    expect(summary.incidents).toEqual([]);
    expect(summary.status.indicator).toBe('none');
    expect(read('index.html')).toContain('Everything is working normally.');
  });

  it('never shows a discarded incident, whether it is the latest or named', async () => {
    writeIncident(pageIncident({ resolved: true, id: '2026-10-02-messenger-down', date: '2026-10-02' }));
    const mistake = pageIncident({ id: '2026-11-21-opened-by-mistake' });
    const last = mistake[mistake.length - 1] as IncidentEvent;
    writeIncident([...mistake, { type: 'discarded', at: '2026-11-21T10:30:00.000Z', v: 1, seq: last.seq + 1 } as IncidentEvent]);
    for (const args of [{}, { incident: '2026-11-21-opened-by-mistake' }]) {
      await page(context(), { output: 'status', ...args });
      const summary = JSON.parse(read('summary.json'));
      expect(summary.incidents.map((i: { id: string }) => i.id)).toEqual(['2026-10-02-messenger-down']);
      expect(summary.status.indicator).toBe('none');
      expect(read('index.html')).not.toContain('opened-by-mistake');
      expect(read('feed.atom')).not.toContain('opened-by-mistake');
    }
  });

  it('speaks the incident language and shows its times in the zone, whatever the machine zone', async () => {
    writeIncident(pageIncident({ lang: 'fr' }), 'fr');
    await page(context({ CRISIS_TZ: 'America/Montreal', TZ: 'Asia/Tokyo' }), { output: 'status' });
    const html = read('index.html');
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Pour nous joindre');
    expect(html).toContain('Fuseau horaire\u202f: America/Montreal, UTC-05:00');
    // the 10:20 UTC update, at 05:20 in Montréal
    expect(html).toMatch(/<time datetime="2026-11-21T05:20:00-05:00">21 nov\. 2026, 05:20<\/time>/);
    expect(JSON.parse(read('summary.json')).page.time_zone).toBe('America/Montreal');
    expect(read('feed.atom')).toContain('<updated>2026-11-21T05:20:00-05:00</updated>');
  });
});

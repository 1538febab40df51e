process.env.TZ = 'UTC';

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/context.js';
import { fakeContext } from '../helpers/context.js';
import { UserError } from '../../src/errors.js';
import type { IncidentEvent } from '../../src/incident/events.js';
import { run as report } from '../../src/commands/report.js';
import { run as timeline } from '../../src/commands/timeline.js';
import { at, openIncident, resolvedIncident } from '../fixtures/report/events.js';
import { playbookEn, playbookFr } from '../fixtures/report/playbook.js';

let dir: string;
let out: string;
let err: string;

function context(): CommandContext {
  out = '';
  err = '';
  return fakeContext(dir, { now: new Date(at('10:50')), out: (s) => (out += s), err: (s) => (err += s) });
}

/** Writes an incident log whose playbook is a file in the temp folder. */
function writeIncident(events: IncidentEvent[], lang: 'en' | 'fr' = 'en', id = '2026-11-21-messenger-down'): void {
  const file = join(dir, `messenger-down.${lang}.yaml`);
  writeFileSync(file, stringify(lang === 'fr' ? playbookFr : playbookEn));
  const logged = events.map((e) => (e.type === 'opened' ? { ...e, incident: id, source: file } : e));
  mkdirSync(join(dir, 'data', 'incidents', id), { recursive: true });
  writeFileSync(join(dir, 'data', 'incidents', id, 'events.jsonl'), logged.map((e) => JSON.stringify(e)).join('\n') + '\n');
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crisis-report-'));
});

describe('crisis report', () => {
  it('prints the post-mortem of the only incident in the playbook language', async () => {
    writeIncident(resolvedIncident('fr'), 'fr');
    expect(await report(context(), {})).toBe(0);
    expect(out).toMatch(/^# Acme\u202f: post-mortem de la panne Facebook Messenger du 21 novembre 2026\n/);
    expect(out).toContain('## Plan d’action');
  });

  it('with nothing open and no incident named, reports on the most recent one and says so on stderr', async () => {
    writeIncident(resolvedIncident(), 'en', '2026-11-20-messenger-down');
    writeIncident(resolvedIncident(), 'en', '2026-11-21-messenger-down');
    expect(await report(context(), {})).toBe(0);
    expect(err).toBe('crisis: reporting on 2026-11-21-messenger-down, the most recent incident (name another to change)\n');
    expect(out).toContain('| Incident | 2026-11-21-messenger-down |');
  });

  it('prints { figures, timeline } with --json', async () => {
    writeIncident(resolvedIncident());
    await report(context(), { incident: '2026-11-21-messenger-down', json: true });
    const json = JSON.parse(out) as { figures: { to_confirmation_minutes: number }; timeline: unknown[] };
    expect(json.figures.to_confirmation_minutes).toBe(6);
    expect(json.timeline.length).toBeGreaterThan(10);
  });

  it('writes to -o FILE and uses --template FILE', async () => {
    writeIncident(openIncident());
    writeFileSync(join(dir, 'mine.hbs'), '# {{inline platform}}\n\n{{figures.to_first_post}}, {{summary.resolved}}\n');
    await report(context(), { output: 'pm.md', template: 'mine.hbs' });
    expect(out).toBe('');
    expect(readFileSync(join(dir, 'pm.md'), 'utf8')).toBe('# Facebook Messenger\n\n26 min (X, 09:31), in progress\n');
    expect(err).toContain('wrote pm.md');
  });

  it('refuses a template naming a field that does not exist, naming the template', async () => {
    writeIncident(resolvedIncident());
    writeFileSync(join(dir, 'bad.hbs'), '{{summary.nope}}\n');
    await expect(report(context(), { template: 'bad.hbs' })).rejects.toThrow(/template bad\.hbs: .*nope/);
    await expect(report(context(), { template: 'missing.hbs' })).rejects.toBeInstanceOf(UserError);
  });
});

describe('crisis timeline', () => {
  it('prints the timeline table', async () => {
    writeIncident(resolvedIncident());
    expect(await timeline(context(), { incident: '2026-11-21-messenger-down' })).toBe(0);
    expect(out).toMatch(/^# Acme: timeline of the Facebook Messenger outage of 21 November 2026\n/);
    expect(out).toContain('| 13:10 | +4 h 05 min | — | Incident resolved |');
  });
});

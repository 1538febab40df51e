/**
 * Numbers and web addresses in an answers file and on the command line are
 * read as people type them, in the playbook's language: `attente: "1 400"`
 * is the number 1400 and a bare host is https://... in the log, the summary
 * and the report.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';
import { tempDir } from './helpers.js';

const FIXTURE = resolve('test/fixtures/playbooks/panne-messagerie.fr.yaml');
const NOW = new Date('2026-11-21T12:00:00+01:00');

/** The French fixture with a url variable, and an answers file whose `attente` and `site` are `wait` and `site`. */
function setup(wait: string, site: string) {
  const dir = tempDir('crisis-nums-');
  const playbook = join(dir, 'panne-messagerie.fr.yaml');
  writeFileSync(
    playbook,
    readFileSync(FIXTURE, 'utf8').replace(/^variables:\n/m, 'variables:\n  site: { prompt: Site web, format: url, example: https://latelier-co.fr }\n'),
  );
  const answers = join(dir, 'a.yaml');
  writeFileSync(
    answers,
    [
      'detected_at: 2026-11-21T09:05:00+01:00',
      `variables: { marque: "L'Atelier", courriel: contact@latelier-co.fr, site: ${site} }`,
      'people: { pilote: Julie Martin, animation: Karim Benali }',
      'steps:',
      '  appareils: done',
      '  confirmee: yes',
      '  gravite: majeure',
      '  services: [messages]',
      `  attente: ${wait}`,
      '',
    ].join('\n'),
  );
  const env = { CRISIS_HOME: join(dir, 'home') };
  const log = () => readFileSync(join(dir, 'home', 'incidents', 'n1', 'events.jsonl'), 'utf8');
  return { playbook, answers, env, log };
}

describe('an answers file read as people type', () => {
  it('records "1 400" as the number 1400 and latelier-co.fr as https://latelier-co.fr', async () => {
    const s = setup('"1 400"', 'latelier-co.fr');
    const start = await runInProcess(['start', s.playbook, '--answers', s.answers, '--id', 'n1', '--no-input', '--tz', 'Europe/Paris'], { env: s.env, now: NOW });
    expect(start.stderr).not.toMatch(/n’est pas|attendue/);
    const events = s.log().trim().split('\n').map((l) => JSON.parse(l));
    expect(events.find((e) => e.step === 'attente')?.value).toBe(1400);
    expect(events.find((e) => e.type === 'variables_set')?.variables.site).toBe('https://latelier-co.fr');
    // the normalised address is what the summary shows back
    expect(start.stdout).toMatch(/site +https:\/\/latelier-co\.fr/);
    const report = await runInProcess(['report'], { env: s.env, now: NOW });
    // a number a person reads is written the language's way; the log keeps the number
    expect(report.stdout).toContain('Combien de conversations attendent\u202f? **1\u202f400**');
    expect(start.stdout).toContain('✔ attente\u202f: 1\u202f400\n');
  });

  it('writes a number answer the English way in an English report and run: 1,400', async () => {
    const dir = tempDir('crisis-nums-');
    const answers = join(dir, 'a.yaml');
    writeFileSync(answers, readFileSync(resolve('test/fixtures/answers/messenger-down.yaml'), 'utf8').replace('backlog: { value: 140,', 'backlog: { value: 1400,'));
    const env = { CRISIS_HOME: join(dir, 'home') };
    const later = new Date('2026-11-22T12:00:00+01:00');
    const start = await runInProcess(['start', 'messenger-down', '--lang', 'en', '--answers', answers, '--id', 'n1', '--no-input', '--tz', 'Europe/Paris'], { env, now: later });
    expect(start.code, start.stderr).toBe(0);
    expect(start.stdout).toContain('✔ backlog: 1,400\n');
    const report = await runInProcess(['report'], { env, now: later });
    expect(report.stdout).toMatch(/\*\*1,400\*\*/);
    const events = readFileSync(join(dir, 'home', 'incidents', 'n1', 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(events.find((e) => e.step === 'backlog')?.value).toBe(1400);
  });

  it('reads "1 200,5" with a no-break space the French way', async () => {
    const s = setup('"1\u00a0200,5"', 'https://latelier-co.fr/aide');
    await runInProcess(['start', s.playbook, '--answers', s.answers, '--id', 'n1', '--no-input'], { env: s.env, now: NOW });
    const events = s.log().trim().split('\n').map((l) => JSON.parse(l));
    expect(events.find((e) => e.step === 'attente')?.value).toBe(1200.5);
    // an address with its scheme is kept as typed
    expect(events.find((e) => e.type === 'variables_set')?.variables.site).toBe('https://latelier-co.fr/aide');
  });

  it('refuses an ambiguous number at its line, saying in French how to write it', async () => {
    const s = setup('"1.200"', 'latelier-co.fr');
    const start = await runInProcess(['start', s.playbook, '--answers', s.answers, '--id', 'n1', '--no-input'], { env: s.env, now: NOW });
    expect(start.code).not.toBe(0);
    expect(start.stderr).toMatch(/a\.yaml:9:\d+: .*«\u202f1\.200\u202f» n’est pas un nombre\u202f; écrivez-le par exemple "1 400" ou "1,5"/);
  });

  it('refuses a url that is not a host name, saying what to type', async () => {
    const s = setup('12', 'latelier');
    const start = await runInProcess(['start', s.playbook, '--answers', s.answers, '--id', 'n1', '--no-input'], { env: s.env, now: NOW });
    expect(start.code).not.toBe(0);
    expect(start.stderr.replace(/\u202f/g, ' ')).toMatch(/variable site="latelier" ?: adresse web attendue, par exemple acme\.fr ou https:\/\/acme\.fr\/aide/);
  });

  it('takes --var site=www.latelier-co.fr/aide as https://www.latelier-co.fr/aide', async () => {
    const s = setup('12', 'latelier-co.fr');
    const start = await runInProcess(['start', s.playbook, '--answers', s.answers, '--id', 'n1', '--no-input', '--var', 'site=www.latelier-co.fr/aide'], {
      env: s.env,
      now: NOW,
    });
    expect(start.stderr).not.toContain('attendue');
    const events = s.log().trim().split('\n').map((l) => JSON.parse(l));
    expect(events.find((e) => e.type === 'variables_set')?.variables.site).toBe('https://www.latelier-co.fr/aide');
  });
});

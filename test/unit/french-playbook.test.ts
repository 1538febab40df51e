/**
 * A team's own playbook, written in French with French ids (phases
 * verifier/evaluer/prevenir, role pilote): the software knows its phases by
 * their stage and its lead by `lead: true`, never by the built-ins' ids, so
 * the report has the lead, the impact, the confirmation and the deadlines.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../e2e/helpers.js';
import { runInProcess } from '../helpers/in-process.js';

const PLAYBOOK = resolve('test/fixtures/playbooks/panne-messagerie.fr.yaml');
const ANSWERS = resolve('test/fixtures/answers/panne-messagerie.yaml');

describe('a French playbook with French ids', () => {
  it('is valid, with no warning', async () => {
    const r = await runInProcess(['validate', PLAYBOOK, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.stringify(JSON.parse(r.stdout))).not.toContain('"warning"');
  });

  it('gets a full report: lead, impact, confirmation, deadlines', async () => {
    const env = { CRISIS_HOME: tempDir('crisis-fr-') };
    const start = await runInProcess(['start', PLAYBOOK, '--tz', 'Europe/Paris', '--answers', ANSWERS, '--no-input'], { env });
    expect(start.code, start.stderr).toBe(0);
    // the scripted run speaks French, cadences in words
    expect(start.stdout).toContain('✔ appareils\u202f: fait');
    expect(start.stdout).toContain('✔ premier-message\u202f: publié sur X, SMS');
    expect(start.stdout).toContain('✔ confirmee\u202f: oui');
    expect(start.stdout).toContain('Prochaine mise à jour publique\u202f: toutes les heures');
    expect(start.stdout).not.toMatch(/: done|posted on|: yes\b|toutes les 1h/);
    const { stdout: report, code } = await runInProcess(['report'], { env });
    expect(code).toBe(0);
    expect(report).toContain('| Responsable de crise | Julie Martin |');
    // the whole incident falls on one day: times alone, the day is in the detection line
    expect(report).toContain('| Confirmation | 09:12 (+7 min) |');
    expect(report).toContain('| De la détection à la confirmation | 7 min |');
    const impact = report.split('## Impact')[1]?.split('\n## ')[0] ?? '';
    expect(impact).toContain('Quelle est la gravité\u202f? **Majeure**');
    expect(impact).toContain('Quels services sont touchés\u202f? **messages privés, robots de discussion**');
    expect(impact).toContain('Combien de conversations attendent\u202f? **140**');
    expect(report).toMatch(/\| Vérifier la panne \| 09:20 \(\+15 min\) \| 09:12 \| Tenue, en avance de 8 min \|/);
    expect(report).toMatch(/\| Prévenir la communauté \| 09:35 \(\+30 min\) \| 09:40 \| Manquée, en retard de 5 min \|/);
    expect(report).not.toMatch(/non évalué|not assessed|\| Responsable de crise \| — \|/);
    // the template's own French words carry French typography, as the catalogue's do
    expect(report).toMatch(/^\*\*\d\d:\d\d\*\*\u202f: /m);
    expect(report).not.toMatch(/\*\* : /);
    const timeline = await runInProcess(['timeline'], { env });
    expect(timeline.stdout).toContain('Heures\u202f: Europe/Paris');

    const status = JSON.parse((await runInProcess(['status', '--json'], { env })).stdout);
    expect(status.deadlines.map((d: { phase: string; status: string }) => [d.phase, d.status])).toEqual([
      ['verifier', 'met'],
      ['evaluer', 'met'],
      ['prevenir', 'missed'],
    ]);
  });
});

describe('validate: stages and the lead', () => {
  const variant = (edit: (text: string) => string): string => {
    const file = join(tempDir('crisis-fr-'), 'panne-messagerie.fr.yaml');
    writeFileSync(file, edit(readFileSync(PLAYBOOK, 'utf8')));
    return file;
  };
  /** What validate printed, its narrow no-break spaces read as spaces. */
  const said = (r: { stdout: string; stderr: string }): string => (r.stdout + r.stderr).replace(/\u202f/g, ' ');

  it('refuses two lead roles, naming both', async () => {
    const file = variant((t) => t.replace('animation: { title: Animatrice de communauté }', 'animation: { title: Animatrice de communauté, lead: true }'));
    const r = await runInProcess(['validate', file]);
    expect(r.code).toBe(1);
    expect(said(r)).toMatch(/panne-messagerie\.fr\.yaml:\d+:\d+: .*les rôles « pilote » et « animation » portent tous deux lead à true/);
  });

  it('refuses two phases of one stage', async () => {
    const file = variant((t) => t.replace('stage: monitor', 'stage: communicate'));
    const r = await runInProcess(['validate', file]);
    expect(r.code).toBe(1);
    expect(said(r)).toContain('deux phases ont le stage « communicate »');
  });

  it('warns when no phase confirms the outage or tells the community', async () => {
    const file = variant((t) => t.replace('stage: confirm', 'stage: monitor').replace('stage: monitor\n    steps:\n      - { id: point', 'stage: resolve\n    steps:\n      - { id: point').replace('    stage: communicate\n', '').replace('    stage: resolve\n    steps:\n      - { id: bandeau', '    steps:\n      - { id: bandeau'));
    const r = await runInProcess(['validate', file]);
    const out = said(r);
    // in the playbook's language
    expect(out).toContain('aucune phase n’a le stage « confirm »');
    expect(out).toContain('aucune phase n’a le stage « communicate »');
    expect(out).toContain('ajoutez stage avec la valeur confirm à la phase qui le fait');
  });
});

describe('crisis schema', () => {
  it('carries stage and lead, and a description on every key (editors show them on hover)', async () => {
    const r = await runInProcess(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (node === null || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      for (const [key, value] of Object.entries((n.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        if (typeof value.description !== 'string' || value.description === '') missing.push(`${path}.${key}`);
        walk(value, `${path}.${key}`);
      }
      for (const key of ['items', 'additionalProperties']) walk(n[key], `${path}[]`);
      for (const key of ['anyOf', 'oneOf', 'allOf']) for (const item of (n[key] ?? []) as unknown[]) walk(item, path);
    };
    walk(schema, '');
    expect(missing).toEqual([]);
    expect(schema.properties.phases.items.properties.stage.enum).toEqual(['confirm', 'assess', 'communicate', 'redirect', 'monitor', 'resolve']);
    expect(schema.properties.roles.additionalProperties.properties.lead.type).toBe('boolean');
  });
});

describe('cadences in words', () => {
  it('reads naturally in both languages', async () => {
    const { cadenceInWords } = await import('../../src/playbook/duration.js');
    const { wordsFor } = await import('../../src/i18n/index.js');
    expect(cadenceInWords('1h', 'en')).toBe('every hour');
    expect(cadenceInWords('30m', 'en')).toBe('every 30 min');
    expect(cadenceInWords('1h', 'fr')).toBe('toutes les heures');
    expect(cadenceInWords('30m', 'fr')).toBe('toutes les 30 min');
    expect(cadenceInWords('1h30m', 'fr')).toBe('toutes les 1 h 30 min');
    expect(wordsFor('fr').timeLeft.replace('{}', '1 h')).toBe('encore 1 h');
  });
});

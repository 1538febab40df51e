/**
 * `crisis answers <playbook>`: the skeleton lists every step with its kind
 * and allowed values, loads back as an answers file as written, and, filled
 * in from its own comments alone, runs a whole walkthrough with --no-input.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseAnswers } from '../../src/incident/answers.js';
import { resolvePlaybook } from '../../src/playbook/find.js';
import { stepKind } from '../../src/playbook/kinds.js';
import { optionValues } from '../../src/incident/options.js';
import { answersSkeleton } from '../../src/ui/answers-skeleton.js';
import { englishIn } from '../helpers/english-phrases.js';
import { runInProcess } from '../helpers/in-process.js';
import { ROOT, tempDir } from './helpers.js';

const MINI = join(ROOT, 'test/fixtures/playbooks/mini-down.en.yaml');
const BUILT_IN: [string, string][] = ['messenger-down', 'whatsapp-down', 'social-media-crisis'].flatMap((id) => [[id, 'en'], [id, 'fr']] as [string, string][]);

/**
 * Fills a skeleton the way a person reading it would: each blank step gets
 * the first value its comment allows, each variable its example, each role a name.
 */
function fill(skeleton: string, detectedAt: string, resolvedAt: string): string {
  return skeleton
    .split('\n')
    .map((line) => {
      const m = /^(\s*)([\w"-]+):(\s+)# (.*)$/.exec(line);
      if (!m) return line;
      const [, indent = '', key = '', space = '', comment = ''] = m;
      const set = (value: string) => `${indent}${key}: ${value}${space}# ${comment}`;
      if (indent === '') {
        if (key === 'detected_at') return set(detectedAt);
        if (key === 'resolved_at') return set(resolvedAt);
        if (key === 'severity') return set(/: (\S+)/.exec(comment)?.[1] ?? '');
        return line;
      }
      const example = /(?:e\.g\.|p\. ex\.) ([^,)]+)/.exec(comment);
      if (example) return set(JSON.stringify(example[1]));
      const kind = /^(\w+):/.exec(comment)?.[1];
      switch (kind) {
        case 'check':
          return set(/check: (\w+)/.exec(comment)?.[1] ?? '');
        case 'confirm':
          return set(/confirm: (\w+)/.exec(comment)?.[1] ?? '');
        case 'number':
          return set('12');
        case 'text':
          return set('"something"');
        case 'datetime':
          return set(detectedAt);
        case 'severity':
          return set(/severity: (\S+)/.exec(comment)?.[1] ?? '');
        case 'multi':
        case 'announce':
          return set(`[${/\[([^\s,\]]+)/.exec(comment)?.[1] ?? ''}]`);
        case 'choice':
          return set(/ (\S+)(?: \([^)]*\))? \|/.exec(comment.replace(/^choice: [^ ]+ [^ ]+/, ''))?.[1] ?? '');
        case 'info':
          return line;
        default:
          // a role: any name
          return indent === '  ' && !kind ? set('Sam') : line;
      }
    })
    .join('\n');
}

describe('crisis answers', () => {
  it.each(BUILT_IN)('%s (%s): every step with its kind, loadable as written, answering nothing', async (id, lang) => {
    const r = await runInProcess(['answers', id, '--lang', lang]);
    expect(r.code, r.stderr).toBe(0);
    const { playbook } = await resolvePlaybook(id, { cwd: ROOT, env: {}, playbookDirs: [], lang });
    const doc = parseDocument(r.stdout);
    expect(doc.errors).toEqual([]);
    for (const phase of playbook.phases) {
      for (const step of phase.steps) {
        const line = r.stdout.split('\n').find((l) => l.startsWith(`  ${step.id}:`));
        expect(line, step.id).toBeDefined();
        expect(line).toContain(`# ${stepKind(step) === 'ask' ? (step.type ?? 'text') : stepKind(step)}:`);
        for (const value of optionValues(step)) expect(line).toContain(value);
      }
    }
    for (const variable of Object.keys(playbook.variables ?? {})) expect(r.stdout).toMatch(new RegExp(`^  ${variable}:`, 'm'));
    for (const role of Object.keys(playbook.roles)) expect(r.stdout).toMatch(new RegExp(`^  ${role}:`, 'm'));
    const parsed = parseAnswers('skeleton.yaml', r.stdout, playbook);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.answers?.steps.size).toBe(0);
    expect(parsed.answers?.variables).toEqual({});
    expect(parsed.answers?.people).toEqual({});
  });

  it('in French, the comments are French, set in French typography, the YAML they quote as YAML writes it', async () => {
    const r = await runInProcess(['answers', 'messenger-down', '--lang', 'fr']);
    expect(r.stdout).toContain('# Fichier de réponses du playbook messenger-down (fr)\u202f: ');
    expect(r.stdout).toContain('une valeur laissée vide est demandée');
    expect(r.stdout).toContain('severity:      # gravité\u202f: minor (Mineure) | major');
    // YAML to type: no space before its colons, one map on one line
    expect(r.stdout).toContain('{ value: ..., note: "...", at: ... }');
    expect(r.stdout).toMatch(/\(status: pour un point de contrôle, posted: pour\s+(# )?une annonce, au lieu de value:\)/);
    expect(r.stdout).toMatch(/^# at: quand c’est arrivé/m);
    expect(r.stdout).toMatch(/# announce: message update\u202f: les canaux où il a été publié \[[a-z, ]+\] \(ou none\)\u202f; répété à chaque point\u202f: une liste de \{ posted: \[\.\.\.\], at: \.\.\. \} — /);
    expect(r.stdout).toMatch(/^ {2}confirmed: +# confirm: yes \| no \(oui \| non\) — /m);
    expect(r.stdout).toMatch(/^ {2}devices: +# check: done \| skipped \| na — /m);
    expect(r.stdout).toMatch(/\(seulement si severity: critical\)/);
    expect(r.stdout).not.toMatch(/\b(value|status|posted|at)[\u202f\u00a0 ]:|# (check|confirm|multi|number|text|announce|severity)[\u202f\u00a0 ]:|si severity[\u202f\u00a0 ]:/);
    expect(englishIn({ answers: r.stdout })).toEqual([]);
  });

  it('speaks the language of a regional tag (fr-CA) from the same catalogue', async () => {
    const { playbook } = await resolvePlaybook('messenger-down', { cwd: ROOT, env: {}, playbookDirs: [], lang: 'fr' });
    const text = answersSkeleton({ ...playbook, lang: 'fr-CA' });
    expect(text).toContain('# Fichier de réponses du playbook messenger-down (fr-CA)\u202f: ');
    expect(text).toContain('crisis start messenger-down --lang fr-CA --answers FICHIER');
  });

  it('in French, -o ends with one French line naming the file and the command to run next', async () => {
    const cwd = tempDir();
    const r = await runInProcess(['answers', 'messenger-down', '--lang', 'fr', '-o', 'exercice.yaml'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('crisis\u202f: exercice.yaml écrit\u202f; remplissez-le, puis\u202f: crisis start messenger-down --lang fr --answers exercice.yaml\n');
  });

  it('a file name with spaces, quotes, $& or {} is named as given, and quoted in the command to paste', async () => {
    const cwd = tempDir();
    const name = "l'exercice $& {} 1.yaml";
    const r = await runInProcess(['answers', 'messenger-down', '-o', name], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(cwd, name), 'utf8')).toContain('steps:');
    expect(r.stderr).toBe(`crisis: wrote ${name}; fill it in, then: crisis start messenger-down --lang en --answers 'l'\\''exercice $& {} 1.yaml'\n`);
  });

  it('filled from its own comments, runs a whole walkthrough with --answers --no-input', async () => {
    const cwd = tempDir();
    const home = tempDir('crisis-home-');
    const written = await runInProcess(['answers', MINI, '-o', 'drill.yaml'], { cwd });
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toBe('');
    // a playbook given by its path: the command suggested names that path, its id alone would not find it
    const next = /fill it in, then: crisis (.*)\n$/.exec(written.stderr)?.[1]?.split(' ');
    expect(next).toEqual(['start', MINI, '--lang', 'en', '--answers', 'drill.yaml']);
    const file = join(cwd, 'drill.yaml');
    const filled = fill(readFileSync(file, 'utf8'), '2026-11-21T09:05:00+01:00', '2026-11-21T11:00:00+01:00');
    writeFileSync(file, filled);
    const now = new Date('2026-11-21T12:00:00+01:00');
    const r = await runInProcess([...(next ?? []), '--no-input', '--id', 'drill'], { cwd, env: { CRISIS_HOME: home }, now });
    expect(r.code, `${r.stderr}\n${filled}`).toBe(0);
    const status = await runInProcess(['status', 'drill', '--json'], { cwd, env: { CRISIS_HOME: home }, now });
    const json = JSON.parse(status.stdout) as { state: string; severity: string; steps: { done: number; total: number } };
    expect(json.state).toBe('resolved');
    expect(json.severity).toBe('minor');
    expect(json.steps.done).toBe(json.steps.total);
  });

  it('a blank step is asked: with --no-input the run stops there (exit 3), naming it', async () => {
    const cwd = tempDir();
    await runInProcess(['answers', MINI, '-o', 'partial.yaml'], { cwd });
    const file = join(cwd, 'partial.yaml');
    const text = readFileSync(file, 'utf8').replace(/^  brand:/m, '  brand: Acme').replace(/^  support_email:/m, '  support_email: help@acme.example').replace(/^  devices:/m, '  devices: done');
    writeFileSync(file, text);
    const r = await runInProcess(['start', MINI, '--answers', 'partial.yaml', '--no-input', '--id', 'part'], { cwd });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('downdetector');
  });

  it('-o - is stdout; an existing file is kept unless --force', async () => {
    const cwd = tempDir();
    const dash = await runInProcess(['answers', MINI, '-o', '-'], { cwd });
    expect(dash.stdout).toContain('steps:');
    expect(existsSync(join(cwd, '-'))).toBe(false);
    writeFileSync(join(cwd, 'mine.yaml'), 'keep me\n');
    const refused = await runInProcess(['answers', MINI, '-o', 'mine.yaml'], { cwd });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(join(cwd, 'mine.yaml'), 'utf8')).toBe('keep me\n');
    expect((await runInProcess(['answers', MINI, '-o', 'mine.yaml', '--force'], { cwd })).code).toBe(0);
    expect(readFileSync(join(cwd, 'mine.yaml'), 'utf8')).toContain('steps:');
  });
});

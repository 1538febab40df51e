/**
 * What `crisis validate` says about a playbook is said in the playbook's
 * language (its `lang:`), else the environment's when the file did not parse
 * far enough to have one, else English; every diagnostic keeps its place
 * (file:line:col) and its fix.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import { englishIn } from '../helpers/english-phrases.js';
import { runInProcess } from '../helpers/in-process.js';

const SOURCE = readFileSync(resolve('test/fixtures/playbooks/panne-messagerie.fr.yaml'), 'utf8');
/** Words that only English says; a French diagnostic holds none of them. */
const ENGLISH_WORDS = /\b(the|must|unknown|should|which|needs|this|with|not a|did you mean|is not)\b/i;
const FR = { LANG: 'fr_FR.UTF-8' };
const C = { LANG: 'C' };

/** One edit per kind of mistake the checks find once the YAML has parsed. */
function withMistakes(text: string): string {
  const edits: Array<[string, string]> = [
    ['title: La messagerie est en panne', 'titre: La messagerie est en panne'],
    ['example: contact@latelier-co.fr', 'example: contact-latelier-co.fr'],
    ['check: Tester sur deux appareils et deux réseaux, owner: pilote', 'check: Tester sur deux appareils et deux réseaux, owner: pilot'],
    ['due: 15m', 'due: 15 minutes'],
    ['{ id: attente, ask:', '{ id: attente, info: Patience, ask:'],
    ['check: Retirer le bandeau du site, owner', 'check: "Retirer le bandeau du site", owner'],
    ['      sms: "{{marque}} :', '      mastodon: "{{marque}} :'],
    ['  - id: cloturer', '  - id: cloturer\n    lead: oui'],
  ];
  let out = text;
  for (const [from, to] of edits) {
    expect(out, from).toContain(from);
    out = out.replace(from, to);
  }
  return out;
}

/** The diagnostic lines of a run, each split into its place and its words. */
function diagnostics(stderr: string): Array<{ place: string; words: string }> {
  return stderr
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const m = /^(.*?:\d+:\d+|[^:]+): (.*)$/.exec(line);
      return { place: m?.[1] ?? '', words: m?.[2] ?? line };
    });
}

async function validate(dir: string, name: string, text: string, env: Record<string, string>) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, text);
  const r = await runInProcess(["validate", file], { cwd: dir, env });
  return { ...r, found: diagnostics(r.stderr) };
}

function expectFrench(found: Array<{ words: string }>): void {
  expect(found.length).toBeGreaterThan(0);
  expect(englishIn({ validate: found.map((d) => d.words).join('\n') })).toEqual([]);
  expect(found.filter((d) => ENGLISH_WORDS.test(d.words.replace(/"[^"]*"/g, '""')))).toEqual([]);
  // French typography: a space before : ; ? ! (the playbook's own values and the YAML to type aside)
  const prose = (words: string) => words.replace(/«[^»]*»/g, '«»').replace(/\S+: "[^"]*"/g, '');
  expect(found.filter((d) => /[^\s\u202f\u00a0][:;?!](\s|$)/.test(prose(d.words)))).toEqual([]);
}

describe('validate speaks the playbook\'s language', () => {
  it('says a French playbook\'s mistakes in French, at the places it says them in English', async () => {
    const cwd = tempDir('crisis-fr-authoring-');
    const broken = withMistakes(SOURCE);
    const fr = await validate(join(cwd, 'fr'), 'panne-messagerie.fr.yaml', broken, C);
    expect(fr.code).toBe(1);
    expectFrench(fr.found);
    expect(fr.found.map((d) => d.words).join('\n')).toMatch(/clé/);

    const en = await validate(join(cwd, 'en'), 'panne-messagerie.en.yaml', broken.replace('lang: fr', 'lang: en'), FR);
    expect(en.code).toBe(1);
    expect(en.found.map((d) => d.words).join('\n')).toMatch(/unknown key "titre" \(did you mean "title"\?\)/);
    expect(en.found.map((d) => d.place.replace(/^.*\.yaml/, ''))).toEqual(fr.found.map((d) => d.place.replace(/^.*\.yaml/, '')));
  });

  it('says a French playbook\'s message mistakes in French', async () => {
    const cwd = tempDir('crisis-fr-authoring-');
    const text = SOURCE.replace('Écrivez à {{courriel}}.', 'Écrivez à {{courriell}}. {{#if}}').replace('Désolés ! Écrivez-nous', `Désolés ! ${'Vraiment désolés. '.repeat(12)}Écrivez-nous`);
    const fr = await validate(cwd, 'panne-messagerie.fr.yaml', text, C);
    expect(fr.code).toBe(1);
    expectFrench(fr.found);
  });

  it('says a YAML slip in the playbook\'s language, else the environment\'s', async () => {
    const cwd = tempDir('crisis-fr-authoring-');
    const tab = SOURCE.replace('    title: Vérifier la panne', '\ttitle: Vérifier la panne');
    expectFrench((await validate(join(cwd, 'a'), 'panne-messagerie.fr.yaml', tab, C)).found);
    const colon = SOURCE.replace('goal', 'goal').replace('    title: Surveiller', '    title: Surveiller: la suite');
    const colonSlip = (await validate(join(cwd, 'b'), 'panne-messagerie.fr.yaml', colon, C)).found;
    expectFrench(colonSlip);
    // the fix is YAML to type: French typography leaves it as written
    expect(colonSlip[0]?.words).toContain(': title: "Surveiller: la suite"');

    const noLang = tab.replace('lang: fr\n', '');
    expectFrench((await validate(join(cwd, 'c'), 'panne-messagerie.yaml', noLang, FR)).found);
    const english = await validate(join(cwd, 'd'), 'panne-messagerie.yaml', noLang, C);
    expect(english.found.map((d) => d.words).join('\n')).toMatch(/a tab is used for indentation/);
  });

  it('says why a file cannot be read in the environment\'s language', async () => {
    const cwd = tempDir('crisis-fr-authoring-');
    const r = await runInProcess(['validate', join(cwd, 'absent.fr.yaml')], { cwd, env: FR });
    expect(r.code).toBe(1);
    const empty = await validate(cwd, 'vide.fr.yaml', '\n', FR);
    expectFrench([...diagnostics(r.stderr), ...empty.found]);
  });
});

describe('an answers file and config.yaml speak their languages', () => {
  const PLAYBOOKS = resolve('test/fixtures/playbooks');
  const ANSWERS = readFileSync(resolve('test/fixtures/answers/panne-messagerie.yaml'), 'utf8');
  const NOW = new Date('2026-11-21T11:30:00+01:00');

  it('says an answers file\'s mistakes in the playbook\'s language, at their lines', async () => {
    const cwd = tempDir('crisis-fr-answers-');
    const broken = ANSWERS.replace('confirmee: { value: yes,', 'confirmee: { value: peut-être,')
      .replace('  bandeau:', '  banderole: { status: done }\n  bandeau:')
      .replace('people:', 'gens: {}\npeople:');
    const file = join(cwd, 'reponses.yaml');
    writeFileSync(file, broken);
    const env = { CRISIS_HOME: join(cwd, 'home'), CRISIS_PLAYBOOKS: PLAYBOOKS, ...C };
    const r = await runInProcess(['start', 'panne-messagerie', '--lang', 'fr', '--answers', file, '--no-input'], { cwd, env, now: NOW });
    expect(r.code).not.toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.includes('reponses.yaml:'));
    expect(lines.map((l) => /reponses\.yaml:(\d+):/.exec(l)?.[1])).toEqual(['4', '8', '14']);
    expectFrench(lines.map((l) => ({ words: l.replace(/^.*reponses\.yaml:\d+:\d+: /, '') })));
  });

  it('says an answers file\'s YAML slip in the playbook\'s language', async () => {
    const cwd = tempDir('crisis-fr-answers-');
    const file = join(cwd, 'reponses.yaml');
    writeFileSync(file, ANSWERS.replace('people: {', 'people: {{'));
    const env = { CRISIS_HOME: join(cwd, 'home'), CRISIS_PLAYBOOKS: PLAYBOOKS, ...C };
    const r = await runInProcess(['start', 'panne-messagerie', '--lang', 'fr', '--answers', file, '--no-input'], { cwd, env, now: NOW });
    expect(r.code).not.toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.includes('reponses.yaml:'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/reponses\.yaml:\d+:\d+: syntaxe YAML \(/);
  });

  it('warns at start of a role config.yaml notifies that the French playbook lacks, in French', async () => {
    const cwd = tempDir('crisis-fr-config-');
    const home = join(cwd, 'home');
    mkdirSync(home);
    writeFileSync(join(home, 'config.yaml'), 'notify:\n  redaction: { email: redaction@latelier-co.fr }\n');
    const answers = join(cwd, 'reponses.yaml');
    writeFileSync(answers, ANSWERS);
    const env = { CRISIS_HOME: home, CRISIS_PLAYBOOKS: PLAYBOOKS, ...FR };
    const r = await runInProcess(['start', 'panne-messagerie', '--lang', 'fr', '--answers', answers, '--no-input'], { cwd, env, now: NOW });
    const line = r.stderr.split('\n').find((l) => l.includes('redaction'));
    expect(line).toBeDefined();
    expect(line).not.toMatch(/warning/);
    expectFrench([{ words: (line ?? '').replace(/^.*config\.yaml:\d+:\d+: /, '') }]);
  });

  it('says config.yaml\'s mistakes in the environment\'s language', async () => {
    const cwd = tempDir('crisis-fr-config-');
    const home = join(cwd, 'home');
    mkdirSync(home);
    writeFileSync(join(home, 'config.yaml'), 'notify:\n  pilote: { slack: "http://hooks.example.com/x", email: pas-une-adresse }\n');
    const playbook = join(cwd, 'panne-messagerie.fr.yaml');
    writeFileSync(playbook, SOURCE);
    const fr = await runInProcess(['validate', playbook], { cwd, env: { CRISIS_HOME: home, ...FR } });
    expect(fr.code).toBe(1);
    expectFrench(diagnostics(fr.stderr));
    const en = await runInProcess(['validate', playbook], { cwd, env: { CRISIS_HOME: home, ...C } });
    expect(en.stderr).toMatch(/config\.yaml:2:\d+: notify\.pilote\.slack must start with https:\/\//);
    // a secret others can read: a warning, in words too
    writeFileSync(join(home, 'config.yaml'), 'notify:\n  pilote: { slack: "https://hooks.example.com/x" }\n');
    chmodSync(join(home, 'config.yaml'), 0o644);
    const open = await runInProcess(['validate', playbook], { cwd, env: { CRISIS_HOME: home, ...FR } });
    expect(open.stderr).toContain('chmod 600');
    expectFrench(diagnostics(open.stderr));
    writeFileSync(join(home, 'config.yaml'), 'notify:\n  pilote: { slack: "http://hooks.example.com/x", email: pas-une-adresse }\n');
    // start reads it before the French playbook: still the environment's language
    const start = await runInProcess(['start', playbook, '--no-input'], { cwd, env: { CRISIS_HOME: home, ...C }, now: NOW });
    expect(start.code).not.toBe(0);
    expect(start.stderr).toMatch(/config\.yaml:2:\d+: notify\.pilote\.slack must start with https:\/\//);
  });
});

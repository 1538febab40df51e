/**
 * A French incident, run through every command that concerns an incident or a
 * playbook, says none of the English catalogue's phrases: every word the
 * program prints comes from the French catalogue.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import { englishIn, englishPhrases } from '../helpers/english-phrases.js';
import { runInProcess } from '../helpers/in-process.js';

const PLAYBOOKS = resolve('test/fixtures/playbooks');
const ANSWERS = resolve('test/fixtures/answers/panne-messagerie.yaml');
const ID = '2026-11-21-panne-messagerie';

describe('a French run', () => {
  it('finds phrases to look for', () => {
    const phrases = englishPhrases();
    expect(phrases.length).toBeGreaterThan(100);
    expect(phrases).toContain('Noted in');
  });

  it('says none of the English catalogue\'s phrases, in any command', async () => {
    const cwd = tempDir('crisis-fr-');
    const home = join(cwd, 'home');
    const env = { CRISIS_HOME: home, CRISIS_PLAYBOOKS: PLAYBOOKS, LANG: 'fr_FR.UTF-8' };
    const now = new Date('2026-11-21T11:30:00+01:00');
    const outputs: Record<string, string> = {};
    const run = async (name: string, args: string[], input?: string): Promise<void> => {
      const r = await runInProcess(args, { cwd, env, now, ...(input === undefined ? {} : { input }) });
      expect(r.code, `${name}: ${r.stderr}`).toBeLessThan(2);
      outputs[name] = r.stdout + r.stderr;
    };

    await run('start', ['start', 'panne-messagerie', '--lang', 'fr', '--answers', ANSWERS, '--no-input']);
    await run('status', ['status', ID]);
    await run('report', ['report', ID]);
    await run('timeline', ['timeline', ID]);
    await run('incidents', ['incidents', '--all']);
    // the playbook has no brand variable: the page asks for a name rather than take the platform's
    await run('page without a name', ['page', ID, '-o', join(cwd, 'page')]);
    expect(outputs['page without a name']).toContain('la page d’état a besoin du nom de votre marque');
    expect(existsSync(join(cwd, 'page'))).toBe(false);
    writeFileSync(join(home, 'config.yaml'), "page: { name: L'Atelier }\n");
    await run('page', ['page', ID, '-o', join(cwd, 'page')]);
    expect(outputs['page/index.html'] ?? readFileSync(join(cwd, 'page', 'index.html'), 'utf8')).toContain('<title>État des services L&#x27;Atelier</title>');
    for (const file of readdirSync(join(cwd, 'page'))) outputs[`page/${file}`] = readFileSync(join(cwd, 'page', file), 'utf8');
    await run('notify', ['notify', ID]);
    await run('reopen', ['reopen', ID]);
    await run('log', ['log', ID, 'Le', 'correctif', 'est', 'déployé']);
    await run('announce', ['announce', ID, 'point', '--force']);
    await run('announce --posted', ['announce', ID, 'point', '--posted', '--channel', 'x', '--force']);
    await run('undo', ['undo', ID]);
    await run('status open', ['status', ID]);
    await run('incidents open', ['incidents']);
    await run('resolve', ['resolve', ID, '--yes', '--answers', ANSWERS, '--no-input']);
    await run('show', ['show', 'panne-messagerie', '--lang', 'fr']);
    await run('list', ['list']);
    await run('answers', ['answers', 'panne-messagerie', '--lang', 'fr', '-o', '-']);

    // a French playbook whose message earns a warning
    const warned = join(cwd, 'warned');
    mkdirSync(warned);
    const text = readFileSync(join(PLAYBOOKS, 'panne-messagerie.fr.yaml'), 'utf8').replace('Merci de votre patience ; ', '');
    writeFileSync(join(warned, 'panne.fr.yaml'), text);
    await run('validate', ['validate', join(warned, 'panne.fr.yaml')]);
    expect(outputs.validate).toMatch(/merci|désolé|excus/i);
    expect(existsSync(join(cwd, 'page', 'index.html'))).toBe(true);

    if (process.env.DUMP) writeFileSync(process.env.DUMP, JSON.stringify(outputs, null, 1));
    expect(englishIn(outputs)).toEqual([]);
  }, 120_000);
});

describe('a French run that goes wrong', () => {
  /** English words the program's sentences are made of; none belongs in a French error. */
  const ENGLISH = /\b(the|is|has|and|with|there|needs|cannot|wrote|already|unknown|no incident|open one)\b/i;

  it('says its errors and its closing lines in French, times in the incident\'s zone', async () => {
    const savedTz = process.env.TZ;
    // the machine is in New York, the incident in Paris
    process.env.TZ = 'America/New_York';
    try {
      const cwd = tempDir('crisis-fr-err-');
      const home = join(cwd, 'home');
      const env = { CRISIS_HOME: home, CRISIS_PLAYBOOKS: PLAYBOOKS, LANG: 'fr_FR.UTF-8' };
      const now = new Date('2026-11-21T11:30:00+01:00');
      const partial = join(cwd, 'partial.yaml');
      // the variables, people and the first step only: the walkthrough stops at the second
      writeFileSync(partial, readFileSync(ANSWERS, 'utf8').split('\n').filter((l) => !/^\s+(confirmee|gravite|services|attente|premier-message|point|bandeau):|^resolved_at/.test(l)).join('\n'));
      const outputs: Record<string, string> = {};
      const run = async (name: string, args: string[], code: number, runEnv: Record<string, string> = env): Promise<string> => {
        const r = await runInProcess(args, { cwd, env: runEnv, now });
        expect(r.code, `${name}: ${r.stdout}${r.stderr}`).toBe(code);
        outputs[name] = (r.stdout + r.stderr).split(cwd).join('<dir>');
        return outputs[name] ?? '';
      };

      writeFileSync(join(cwd, 'faux.fr.yaml'), readFileSync(join(PLAYBOOKS, 'panne-messagerie.fr.yaml'), 'utf8').replace('stage: confirm', 'stage: confirmer'));
      await run('start, an answer missing', ['start', 'panne-messagerie', '--lang', 'fr', '--tz', 'Europe/Paris', '--answers', partial, '--no-input'], 3);
      await run('resume, an answer missing', ['resume', ID, '--no-input'], 3);
      await run('resolve without --yes', ['resolve', ID, '--no-input'], 3);
      // once the incident is known, its language, whatever the environment's
      await run('resolve without --yes, LANG=C', ['resolve', ID, '--no-input'], 3, { ...env, LANG: 'C' });
      expect(outputs['resolve without --yes, LANG=C']).toContain('demande une confirmation');
      await run('announce an unknown message', ['announce', ID, 'inconnu'], 1);
      await run('status of an unknown incident', ['status', '2026-11-21-inconnu'], 1);
      await run('start a second time', ['start', 'panne-messagerie', '--lang', 'fr', '--no-input'], 1);
      await run('a bad --var', ['announce', ID, 'point', '--var', 'marque'], 1);
      const resolved = await run('resolve', ['resolve', ID, '--yes', '--answers', ANSWERS, '--no-input'], 0);
      // 11:30 in Paris, 05:30 in New York: the incident's zone, in words
      expect(resolved).toContain('résolu à 11:30');
      expect(resolved).not.toMatch(/\d{4}-\d\d-\d\dT\d\d/);
      await run('resolve again', ['resolve', ID, '--yes', '--no-input'], 1);
      await run('log on a closed incident, unnamed', ['log', 'La', 'cause', 'est', 'connue'], 1);
      await run('log on a closed incident', ['log', ID, 'La', 'cause', 'est', 'connue'], 0);
      await run('report -o', ['report', ID, '-o', join(cwd, 'rapport.md')], 0);
      expect(outputs['report -o']).toContain('rapport.md');
      await run('report -o a folder', ['report', ID, '-o', cwd], 1);
      await run('reopen an open incident', ['reopen', ID], 0);
      await run('reopen it again', ['reopen', ID], 1);
      await run('an answers file that is not there', ['resume', ID, '--answers', join(cwd, 'absent.yaml'), '--no-input'], 1);
      await run('an answers file that exists', ['answers', 'panne-messagerie', '--lang', 'fr', '-o', partial], 1);
      await run('--posted with --playbook', ['announce', '--playbook', 'panne-messagerie', '--lang', 'fr', 'point', '--posted'], 1);
      await run('an unknown channel', ['announce', ID, 'point', '--channel', 'pigeon', '--force'], 1);
      await run('a bad --tz', ['start', 'panne-messagerie', '--lang', 'fr', '--tz', 'Paris', '--new', '--no-input'], 1);
      await run('a playbook with a mistake', ['validate', join(cwd, 'faux.fr.yaml')], 1);
      // a built-in helper's refusal: {{next_update}} with no cadence
      writeFileSync(join(cwd, 'cadence.fr.yaml'), readFileSync(join(PLAYBOOKS, 'panne-messagerie.fr.yaml'), 'utf8').replace('update_every: 2h }', '}').replace(/^id: panne-messagerie$/m, 'id: cadence'));
      expect(await run('a helper that cannot render', ['validate', join(cwd, 'cadence.fr.yaml')], 1)).toContain('demande un rythme de mise à jour');
      // a log damaged by a crash: its last line cut in half
      const log = join(home, 'incidents', ID, 'events.jsonl');
      const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
      const last = lines.pop() ?? '';
      writeFileSync(log, [...lines, last.slice(0, Math.floor(last.length / 2))].join('\n'));
      expect(await run('log on a damaged log', ['log', ID, 'Toujours', 'là'], 0)).toMatch(/^attention\s: <dir>\/home\/incidents\/.*events\.jsonl:\d+\s: /m);
      expect(outputs['log on a damaged log']).toContain('la dernière ligne est coupée');
      expect(await run('status of a damaged log', ['status', ID], 0)).toContain('une ligne coupée');
      // a last line that is not an event is passed over with a warning; one that is JSON is an error
      const kept = readFileSync(log, 'utf8');
      writeFileSync(log, `${kept}pas du json\n`);
      expect(await run('status, a last line that is not JSON', ['status', ID], 0)).toContain('pas du JSON valide');
      writeFileSync(log, `${kept}{"v":1}\n`);
      expect(await run('status, a line that is not an event', ['status', ID], 1)).toMatch(/pas un évènement\s: «\sseq\s»/);
      writeFileSync(log, kept);
      // a config.yaml to fix: a variable not set, a role the playbook lacks, secrets others can read
      const notifyHome = join(cwd, 'notify-home');
      mkdirSync(notifyHome, { recursive: true });
      const config = join(notifyHome, 'config.yaml');
      writeFileSync(config, 'notify:\n  pilote: { webhook: $CRISIS_HOOK_PILOTE }\n  conseil: { slack: "https://hooks.slack.com/services/T0/B0/x" }\n');
      chmodSync(config, 0o644);
      const notifyEnv = { ...env, CRISIS_HOME: notifyHome, CRISIS_NOTIFY_BACKGROUND: '0' };
      const started = await run('start with a config.yaml to fix', ['start', 'panne-messagerie', '--lang', 'fr', '--tz', 'Europe/Paris', '--answers', ANSWERS, '--no-input'], 0, notifyEnv);
      expect(started.match(/attention\s: /g)).toHaveLength(3);
      expect(started).not.toContain('warning');
      // an incident whose start was cut short: no log
      mkdirSync(join(home, 'incidents', '2026-11-20-coupe'), { recursive: true });
      await run('incidents, one unreadable', ['incidents', '--all'], 0);
      await run('status of an incident without a log', ['status', '2026-11-20-coupe'], 1);
      // before any incident or playbook is known: the environment's language
      await run('init, LANG=fr', ['init'], 0);
      await run('an unknown playbook, LANG=fr', ['start', 'panne-messagerir', '--no-input'], 1);
      await run('a bad incident id, LANG=fr', ['status', 'Pas_Un_Id'], 1);
      await run('a bad playbook id, LANG=fr', ['new', 'Panne_Site'], 1);
      await run('a new French playbook', ['new', 'panne-site', '--from', 'panne-messagerie', '--lang', 'fr'], 0);
      await run('a playbook folder that is not there, LANG=fr', ['list'], 1, { ...env, CRISIS_PLAYBOOKS: join(cwd, 'absent') });
      await run('an unknown incident id, LANG=fr', ['status', 'pas-un-incident'], 1, { ...env, CRISIS_HOME: join(cwd, 'empty') });

      const phrases = englishPhrases();
      const found: string[] = [];
      for (const [name, out] of Object.entries(outputs)) {
        expect(out.trim(), name).not.toBe('');
        for (const phrase of phrases) if (out.includes(phrase)) found.push(`${name}: "${phrase}"`);
        // the playbook's own texts are French; what is left is the program's
        const words = out.replace(/crisis \S+( \S*--?\S+)*|--?[a-z-]+|[\w./<>-]+\.(ya?ml|md|jsonl)\b/g, ' ');
        const english = ENGLISH.exec(words);
        if (english) found.push(`${name}: "${english[0]}" in ${JSON.stringify(out)}`);
      }
      expect(found).toEqual([]);
    } finally {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    }
  }, 120_000);
});

/**
 * A French run read end to end in a real terminal 60 columns wide: `crisis
 * start` of a French playbook answered with keys until the incident is
 * resolved, then `status` and `report`, in one tmux window on a machine in
 * New York for an incident in Paris. What the screen holds: no phrase of the
 * English catalogue, none of inquirer's own English, no line wider than the
 * terminal or word cut across two lines, and Paris times.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import stringWidth from 'string-width';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux, openTmux, type TmuxPane } from '../helpers/tmux.js';
import { englishIn } from '../helpers/english-phrases.js';
import { BIN, tempDir } from './helpers.js';

const PLAYBOOKS = resolve('test/fixtures/playbooks');
const PLAYBOOK_TEXT = readFileSync(join(PLAYBOOKS, 'panne-messagerie.fr.yaml'), 'utf8');
const COLUMNS = 60;
/** Between the commands of the run, so that each one's screen can be told apart. */
const MARK = '@@crisis-';
/** What the test types at the prompts. */
const TYPED = ['L’Atelier', 'contact@latelier-co.fr', '1 400', 'Cause trouvée, correctif en cours.'];

/** inquirer's own English: its key help, its yes/no hint, its refusals. */
const INQUIRER_ENGLISH = /\b(Press|to select|navigate|space|enter|Yes|No|select|submit|invert|toggle|arrow keys|You must|Y\/n|y\/N)\b/i;

/** A word as written, without the punctuation around it. */
const bare = (token: string): string => token.replace(/^[«(\[“"'`]+|[»)\]”"'`,.;:!?]+$/gu, '');
/** Every word a French screen may rightly show whole: the catalogue's, the playbook's, what was typed. */
const WORDS = new Set(
  [readFileSync(resolve('src/i18n/fr.ts'), 'utf8'), PLAYBOOK_TEXT, TYPED.join(' '), 'crisis resume report status panne'].flatMap((t) => t.split(/\s+/).map(bare)),
);

/**
 * Where a line as wide as the terminal runs on into the next with no space
 * between them and the two halves are not both whole words (or numbers): a
 * word the terminal, or a prompt, cut in two.
 */
function cutWords(screen: string): string[] {
  const lines = screen.split('\n');
  // numbers, rules and marks are not words; a line of one token is a word standing alone (a path)
  const whole = (word: string) => WORDS.has(word) || /\d/.test(word) || !/\p{L}/u.test(word);
  const cuts: string[] = [];
  lines.forEach((line, i) => {
    const next = lines[i + 1];
    if (next === undefined || stringWidth(line) < COLUMNS || /\s$/.test(line) || /^\s/.test(next) || next === '') return;
    if (!/\s/.test(line.trim())) return;
    const before = bare(line.split(/\s+/).pop() ?? '');
    const after = bare(next.split(/\s+/)[0] ?? '');
    if (!whole(before) || !whole(after)) cuts.push(`${before}|${after}`);
  });
  return cuts;
}

let pane: TmuxPane | undefined;
afterEach(() => pane?.close());

describe.skipIf(!hasTmux)('a French run in a 60-column terminal', () => {
  it('holds no English word of the program’s own, no cut word, and Paris times', async () => {
    const dir = tempDir('crisis-fr-term-');
    const clock = join(dir, 'now');
    // written whole at once (a rename): the binary reads the clock at any moment
    const at = (time: string) => {
      writeFileSync(`${clock}.new`, `2026-11-21T${time}:00+01:00`);
      renameSync(`${clock}.new`, clock);
    };
    at('09:05');
    const crisis = (args: string) => `"${process.execPath}" "${BIN}" ${args}`;
    const script = [
      crisis('start panne-messagerie --tz Europe/Paris --id panne'),
      `echo ${MARK}status`,
      crisis('status'),
      `echo ${MARK}report`,
      crisis('report'),
    ].join(' && ');
    pane = openTmux(
      ['sh', '-c', script],
      {
        TERM: 'xterm-256color',
        NO_COLOR: '1',
        LANG: 'fr_FR.UTF-8',
        TZ: 'America/New_York',
        CRISIS_HOME: join(dir, 'home'),
        CRISIS_PLAYBOOKS: PLAYBOOKS,
        CRISIS_TEST_NOW_FILE: clock,
      },
      { columns: COLUMNS, rows: 40 },
    );
    const p = pane;
    /**
     * Waits for a question still waiting for its answer, sets the clock to
     * `time` if given (the answer is timed when its keys arrive: the clock
     * moves only while the program waits for them), then answers with `keys`.
     */
    const waiting: string[] = [];
    const answer = async (question: RegExp, keys: (string | { type: string })[], time?: string) => {
      // each prompt as it waits: its hints and key help are gone once it is answered
      waiting.push(await p.waitFor(new RegExp(`\\? ${question.source}`), 30_000));
      if (time) at(time);
      for (const k of keys) {
        if (typeof k === 'string') p.keys(k);
        else p.type(k.type);
      }
    };
    const typed = (i: number) => ({ type: TYPED[i] as string });

    await answer(/Nom de la marque/, [typed(0), 'Enter']);
    await answer(/Adresse du service client/, [typed(1), 'Enter']);
    // nobody named to lead yet: asked once, and the report names that person
    await answer(/Pilote de crise\u202f: qui est-ce/, [{ type: 'Camille Dupont' }, 'Enter']);
    await answer(/Tester sur deux appareils/, ['Enter']);
    // Enter alone at a yes/no question says how to answer and records nothing
    await answer(/La panne vient-elle/, ['Enter'], '09:12');
    waiting.push(await p.waitFor(/Tapez o pour oui ou n pour non/));
    p.type('o');
    p.keys('Enter');
    await answer(/Quelle est la gravité/, ['Down', 'Enter']);
    await answer(/Quels services sont touchés/, ['Space', 'Enter']);
    await answer(/Combien de conversations/, [typed(2), 'Enter']);
    await answer(/Copier un texte/, ['Enter']);
    await answer(/Publié sur quels canaux/, ['Space', 'Down', 'Space', 'Enter'], '09:40');
    // the waiting menu, the update not due yet (10:40): resolve, note, update, quit
    await answer(/Toutes les étapes avant la résolution/, ['Down', 'Down', 'Enter']);
    await answer(/Quoi de neuf/, [typed(3), 'Enter']);
    await answer(/Copier un texte/, ['Enter']);
    await answer(/Publié sur quels canaux/, ['Space', 'Enter'], '09:50');
    await answer(/Toutes les étapes avant la résolution/, ['Enter'], '10:30');
    await answer(/La plateforme fonctionne-t-elle/, [{ type: 'o' }, 'Enter']);
    await answer(/Retirer le bandeau/, ['Enter'], '10:35');
    expect(await p.exited(30_000)).toBe(0);

    const text = p.screen({ history: true });
    if (process.env.DUMP) writeFileSync(process.env.DUMP, text);
    const [start = '', status = '', report = ''] = text.split(new RegExp(`^${MARK}\\w+$`, 'm'));
    expect(status).toContain('RÉSOLU');
    expect(report).toContain('# Post-mortem');
    expect(report).toMatch(/Responsable de crise[^\n]*Camille Dupont/);
    // the news line typed for the update is in the text posted
    expect(report).toContain('Cause trouvée, correctif en cours.');
    const outputs = { start, status, report, prompts: waiting.join('\n') };
    // the prompts were read as they waited: with their yes/no hint and key help
    expect(outputs.prompts).toMatch(/\(o\/n\)[^]*⏎ valider/);

    expect(englishIn(outputs)).toEqual([]);
    expect(Object.entries(outputs).filter(([, out]) => INQUIRER_ENGLISH.test(out)).map(([name, out]) => `${name}: ${INQUIRER_ENGLISH.exec(out)?.[0]}`)).toEqual([]);

    // the walkthrough, status and the report's note fit the terminal (the report is a Markdown document: its table rows stay whole)
    const screens = `${start}\n${status}\n${report.slice(0, report.indexOf('# Post-mortem'))}`;
    // only a word wider than the terminal (a path) may run over, alone on its line
    for (const screen of [screens, ...waiting]) {
      expect(screen.split('\n').filter((l) => stringWidth(l) > COLUMNS && /\s/.test(l.trim()))).toEqual([]);
      expect(cutWords(screen)).toEqual([]);
      // French marks stay with the word before them (the playbook's texts are set in French typography);
      // a "? " at the very start is the prompt's own mark
      expect(screen.split('\n').filter((l) => /^(\s+[:;!?»]|[:;!»])/.test(l))).toEqual([]);
    }

    // Paris times on a New York machine: detected 09:05, confirmed 09:12, first post 09:40, resolved 10:30
    for (const time of ['09:05', '09:12', '09:40', '10:30']) expect(report).toContain(time);
    expect(start).toContain('09:20');
    expect(status).toContain('09:05');
    expect(text).not.toMatch(/\b0[2-5]:\d\d\b/);
  }, 120_000);
});

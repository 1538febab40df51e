/**
 * The terminal prompter in a fake terminal: keystrokes in, screen out. A
 * French playbook gets French chrome from inquirer too (hints, key help,
 * refusals); an English one gets exactly what inquirer draws by default.
 */
import { checkbox, select } from '@inquirer/prompts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Phase, Step, Variable } from '../../src/playbook/schema.js';
import type { StepQuestion } from '../../src/incident/prompter.js';
import { wordsFor } from '../../src/i18n/index.js';
import { terminalPrompter, type PromptContext } from '../../src/ui/prompts.js';
import { keysHelpTip, promptTheme } from '../../src/ui/prompt-layout.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
const ENTER = '\r';
const CLEAR_LINE = '\x15';


const phase = { id: 'p', title: 'P', steps: [] } as unknown as Phase;
const question = (step: Partial<Step>, extra: Partial<StepQuestion> = {}): StepQuestion => ({
  step: { id: 's', ...step } as Step,
  phase,
  repeat: false,
  ...extra,
});

/** The first frame a prompt draws, then abandoned. */
async function firstFrame(ask: (context: PromptContext) => Promise<unknown>): Promise<string> {
  const t = fakeTerminal();
  const answer = ask(t.context).catch(() => undefined);
  await t.when('?', '');
  t.abort();
  await answer;
  return t.raw();
}

describe('inquirer in French', () => {
  it('a confirm question hints (o/n) with no default, refuses an unknown answer in French and takes o for Oui', async () => {
    const t = fakeTerminal();
    const answer = terminalPrompter('fr', t.context).answer(question({ ask: 'Est-ce bien une panne ?', type: 'confirm' }));
    await t.when('Est-ce bien une panne ? (o/n)', `x${ENTER}`);
    await t.when('Répondez par «\u202fOui\u202f» ou «\u202fNon\u202f»', `${CLEAR_LINE}o${ENTER}`);
    expect(await answer).toEqual({ answer: { kind: 'ask', value: true } });
    expect(t.screen()).toContain('✔ Est-ce bien une panne ? Oui');
  });

  it('records nothing on Enter alone at a confirm question: it says how to answer, then takes n for Non', async () => {
    const t = fakeTerminal();
    let settled = false;
    const answer = terminalPrompter('fr', t.context)
      .answer(question({ ask: 'Est-ce une panne totale ?', type: 'confirm' }))
      .finally(() => (settled = true));
    await t.when('Est-ce une panne totale ? (o/n)', ENTER);
    await t.when('Tapez o pour oui ou n pour non, puis Entrée', ENTER);
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(false);
    expect(t.screen()).not.toContain('✔');
    t.type(`n${ENTER}`);
    expect(await answer).toEqual({ answer: { kind: 'ask', value: false } });
    expect(t.screen()).toContain('✔ Est-ce une panne totale ? Non');
  });

  it('takes Enter alone as no at a confirmation before what ends the incident', async () => {
    const t = fakeTerminal();
    const answer = terminalPrompter('fr', t.context).confirmEnd?.('false-alarm');
    await t.when('(o/N)', ENTER);
    expect(await answer).toBe(false);
  });

  it('a select prompt shows its key help in French', async () => {
    const t = fakeTerminal();
    const answer = terminalPrompter('fr', t.context).answer(question({ check: 'Vérifiez' }));
    await t.when('↑↓ naviguer • ⏎ choisir', ENTER);
    expect(await answer).toEqual({ answer: { kind: 'check', status: 'done' } });
    expect(t.screen()).not.toMatch(/navigate|select/);
  });

  it('a checkbox prompt shows its key help in French, and asks for one choice at least in French', async () => {
    const t = fakeTerminal();
    const answer = terminalPrompter('fr', t.context).answer(
      question({ ask: 'Quels services ?', type: 'multi', save_as: 'services' }, { options: [{ value: 'dm', label: 'messages' }] }),
    );
    await t.when('↑↓ naviguer • espace cocher • a tout • i inverser • ⏎ valider', ENTER);
    await t.when('Cochez au moins une réponse', ` ${ENTER}`);
    expect(await answer).toEqual({ answer: { kind: 'ask', value: ['dm'] } });
    expect(t.screen()).not.toContain('At least one');
  });

  it('a number prompt reads "1 200,5" the French way, says what to type in French, and shows the number it kept', async () => {
    const t = fakeTerminal();
    const answer = terminalPrompter('fr', t.context).answer(question({ ask: 'Combien ?', type: 'number' }));
    await t.when('Combien ?', ENTER);
    await t.when('Saisissez un nombre', `${CLEAR_LINE}abc${ENTER}`);
    await t.when('abc\n> Saisissez un nombre, par exemple 1\u202f400 ou 1,5', `${CLEAR_LINE}1.200${ENTER}`);
    await t.when('1.200\n> Saisissez un nombre, par exemple', `${CLEAR_LINE}1 200,5${ENTER}`);
    expect(await answer).toEqual({ answer: { kind: 'ask', value: 1200.5 } });
    expect(t.screen()).toContain('✔ Combien ? 1\u202f200,5');
    expect(t.screen()).not.toContain('You must');
  });

  it('a url variable takes a bare host and shows the address it kept', async () => {
    const t = fakeTerminal();
    const variable = { prompt: 'Site web', format: 'url' } as Variable;
    const answer = terminalPrompter('fr', t.context).variable('site', variable);
    await t.when('Site web', `latelier${ENTER}`);
    await t.when('adresse web attendue, par exemple acme.fr', `${CLEAR_LINE}latelier-co.fr${ENTER}`);
    expect(await answer).toBe('https://latelier-co.fr');
    expect(t.screen()).toContain('✔ Site web https://latelier-co.fr');
  });

  it('a text prompt asks for an answer in French', async () => {
    const t = fakeTerminal();
    const answer = terminalPrompter('fr', t.context).answer(question({ ask: 'Quoi ?', type: 'text' }));
    await t.when('Quoi ?', ENTER);
    await t.when('Une réponse est obligatoire', `rien${ENTER}`);
    expect(await answer).toEqual({ answer: { kind: 'ask', value: 'rien' } });
  });

  it('a text question of the stand-down may be left for the post-mortem: Enter records it blank', async () => {
    const t = fakeTerminal();
    const standDown = { id: 'fin', title: 'Fin', stage: 'resolve', steps: [] } as unknown as Phase;
    const answer = terminalPrompter('fr', t.context).answer(question({ ask: 'Qu’est-ce qui a bien marché ?', type: 'text', save_as: 'bien_passe' }, { phase: standDown }));
    await t.when('(Entrée pour le laisser au post-mortem)', ENTER);
    expect(await answer).toEqual({ answer: { kind: 'ask', value: '' } });
    expect(t.raw()).not.toContain('Une réponse est obligatoire');
  });

  it('a datetime prompt explains the format in French', async () => {
    const t = fakeTerminal();
    const answer = terminalPrompter('fr', t.context).answer(question({ ask: 'Depuis quand ?', type: 'datetime' }, { timeZone: 'Europe/Paris' }));
    await t.when('Depuis quand ?', `${CLEAR_LINE}hier${ENTER}`);
    await t.when('par exemple 2026-11-21 09:05, ou 09:05 pour aujourd’hui', `${CLEAR_LINE}2026-11-21T09:05+01:00${ENTER}`);
    expect(await answer).toEqual({ answer: { kind: 'ask', value: '2026-11-21T08:05:00.000Z' } });
  });

  it('a datetime prompt offers now in the incident’s zone, without ISO text, and reads a typed time there', async () => {
    // 03:05 on the machine's clock in New York is 09:05 in Paris
    const now = () => new Date('2026-11-21T08:05:00Z');
    const prompter = (t: ReturnType<typeof fakeTerminal>) => terminalPrompter('fr', t.context, { now });
    const q = question({ ask: 'Depuis quand ?', type: 'datetime' }, { timeZone: 'Europe/Paris' });
    const t = fakeTerminal();
    const answer = prompter(t).answer(q);
    await t.when('(2026-11-21 09:05)', ENTER);
    expect(await answer).toEqual({ answer: { kind: 'ask', value: '2026-11-21T08:05:00.000Z' } });
    expect(t.screen()).not.toMatch(/\d{4}-\d\d-\d\dT|Z\b/);
    for (const [typed, value] of [
      ['2026-11-21 10:30', '2026-11-21T09:30:00.000Z'],
      ['07:45', '2026-11-21T06:45:00.000Z'],
    ]) {
      const t2 = fakeTerminal();
      const typedAnswer = prompter(t2).answer(q);
      await t2.when('Depuis quand ?', `${CLEAR_LINE}${typed}${ENTER}`);
      expect(await typedAnswer, typed).toEqual({ answer: { kind: 'ask', value } });
    }
  });

  it('a variable prompt says what is required and which format is expected in French', async () => {
    const t = fakeTerminal();
    const variable = { prompt: 'Adresse e-mail', required: true, format: 'email' } as Variable;
    const answer = terminalPrompter('fr', t.context).variable('support_email', variable);
    await t.when('Adresse e-mail (obligatoire)', ENTER);
    await t.when('Une réponse est obligatoire', `nope${ENTER}`);
    await t.when('adresse e-mail attendue', `${CLEAR_LINE}aide@acme.example${ENTER}`);
    expect(await answer).toBe('aide@acme.example');
  });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('inquirer in English', () => {
  it('draws exactly what inquirer draws by default, styles included', async () => {
    vi.stubEnv('FORCE_COLOR', '1');
    const theme = () => promptTheme(wordsFor('en'));
    expect(await firstFrame((c) => select({ message: 'Pick', choices: ['a'], theme: theme() }, c))).toContain('\x1b[1m↑↓\x1b[22m \x1b[2mnavigate\x1b[22m');
    const choices = [{ value: 'a' }, { value: 'b' }];
    expect(await firstFrame((c) => select({ message: 'Pick', choices, theme: theme() }, c))).toBe(
      await firstFrame((c) => select({ message: 'Pick', choices }, c)),
    );
    expect(await firstFrame((c) => checkbox({ message: 'Tick', choices, theme: theme() }, c))).toBe(
      await firstFrame((c) => checkbox({ message: 'Tick', choices }, c)),
    );
  });

  it('refuses with inquirer’s own words', async () => {
    const ask = (q: StepQuestion) => {
      const t = fakeTerminal();
      return { t, answer: terminalPrompter('en', t.context).answer(q) };
    };
    const yes = ask(question({ ask: 'Sure?', type: 'confirm' }));
    await yes.t.when('Sure? (y/n)', `x${ENTER}`);
    await yes.t.when('You must answer with "Yes" or "No"', `${CLEAR_LINE}y${ENTER}`);
    expect(await yes.answer).toEqual({ answer: { kind: 'ask', value: true } });

    const n = ask(question({ ask: 'How many?', type: 'number' }));
    await n.t.when('How many?', ENTER);
    await n.t.when('You must provide a valid numeric value', `abc${ENTER}`);
    await n.t.when('Type a number such as 1400, 1,400 or 1.5', `${CLEAR_LINE}1,5${ENTER}`);
    await n.t.when('1,5\n> Type a number', `${CLEAR_LINE}1\u00a0400${ENTER}`);
    expect(await n.answer).toEqual({ answer: { kind: 'ask', value: 1400 } });
    expect(n.t.screen()).toContain('✔ How many? 1,400');

    const text = ask(question({ ask: 'What?', type: 'text' }));
    await text.t.when('What?', ENTER);
    await text.t.when('You must provide a value', `ok${ENTER}`);
    expect(await text.answer).toEqual({ answer: { kind: 'ask', value: 'ok' } });

    const multi = ask(question({ ask: 'Which?', type: 'multi', save_as: 'w' }, { options: [{ value: 'a', label: 'A' }] }));
    await multi.t.when('Which?', ENTER);
    await multi.t.when('At least one choice must be selected', ` ${ENTER}`);
    expect(await multi.answer).toEqual({ answer: { kind: 'ask', value: ['a'] } });
  });

  it('accepts no choice at all for a multi question whose answer is not kept', async () => {
    const t = fakeTerminal();
    const answer = terminalPrompter('en', t.context).answer(question({ ask: 'Which?', type: 'multi' }, { options: [{ value: 'a', label: 'A' }] }));
    await t.when('Which?', ENTER);
    expect(await answer).toEqual({ answer: { kind: 'ask', value: [] } });
  });
});

describe('keysHelpTip', () => {
  const checkboxKeys: [string, string][] = [
    ['↑↓', 'navigate'],
    ['space', 'select'],
    ['a', 'all'],
    ['i', 'invert'],
    ['⏎', 'submit'],
  ];
  const plain = (s: string) => s.replace(ANSI, '');

  it('draws as inquirer does: bold key, dim action, dim separator', () => {
    vi.stubEnv('FORCE_COLOR', '1');
    expect(keysHelpTip(wordsFor('fr'))([['↑↓', 'navigate'], ['⏎', 'select']])).toBe(
      '\x1b[1m↑↓\x1b[22m \x1b[2mnaviguer\x1b[22m\x1b[2m • \x1b[22m\x1b[1m⏎\x1b[22m \x1b[2mchoisir\x1b[22m',
    );
  });

  it('says the actions in the playbook’s language, telling ticking from choosing', () => {
    const fr = keysHelpTip(wordsFor('fr'));
    expect(plain(fr(checkboxKeys))).toBe('↑↓ naviguer • espace cocher • a tout • i inverser • ⏎ valider');
    expect(plain(fr([['↑↓', 'navigate'], ['⏎', 'select']]))).toBe('↑↓ naviguer • ⏎ choisir');
    expect(plain(keysHelpTip(wordsFor('en'))(checkboxKeys))).toBe('↑↓ navigate • space select • a all • i invert • ⏎ submit');
  });

  it('leaves an action it does not know as inquirer wrote it', () => {
    expect(plain(keysHelpTip(wordsFor('fr'))([['tab', 'complete']]))).toBe('tab complete');
  });
});

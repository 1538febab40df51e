/**
 * Prompts laid out for a narrow terminal: inquirer cuts its lines at the
 * width wherever that falls, so questions, answers, hints and the key help
 * reach it already wrapped between words.
 */
import { describe, expect, it } from 'vitest';
import type { Phase, Step } from '../../src/playbook/schema.js';
import type { StepQuestion } from '../../src/incident/prompter.js';
import { wordsFor } from '../../src/i18n/index.js';
import { fittedChoice, fittedStyle, hanging, keysHelpTip, packItems } from '../../src/ui/prompt-layout.js';
import { fitToWidth, wrap } from '../../src/ui/format.js';
import { terminalPrompter } from '../../src/ui/prompts.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
const ENTER = '\r';
/** Without colours, no-break spaces as plain ones (French typography puts them before ? and :). */
const plain = (s: string) => s.replace(ANSI, '').replace(/[\u00a0\u202f]/g, ' ');

/** A terminal `columns` wide; its screen read without colours, no-break spaces as plain ones. */
const narrowTerminal = (columns: number) => fakeTerminal({ columns, read: plain });

const phase = { id: 'p', title: 'P', steps: [] } as unknown as Phase;
const question = (step: Partial<Step>, extra: Partial<StepQuestion> = {}): StepQuestion => ({ step: { id: 's', ...step } as Step, phase, repeat: false, ...extra });

describe('the layout of one prompt', () => {
  it('wraps the question between words, its continuation under the question', () => {
    const style = fittedStyle(30);
    expect(plain(style.message('Toutes les étapes avant la résolution sont faites. Et maintenant ?'))).toBe(
      'Toutes les étapes avant la\n  résolution sont faites. Et\n  maintenant ?',
    );
  });

  it('puts the answer after the question when it fits, else under it', () => {
    const style = fittedStyle(30);
    style.message('Quelle gravité ?');
    expect(plain(style.answer('Majeure'))).toBe('Majeure');
    style.message('Combien de conversations attendent ?');
    expect(plain(style.answer('1 400'))).toBe('1 400');
    expect(plain(style.answer('contact@latelier-co.fr'))).toBe('\n  contact@latelier-co.fr');
    expect(plain(style.defaultAnswer('o/n'))).toBe('(o/n)');
  });

  it('wraps a refusal under its "> "', () => {
    expect(plain(fittedStyle(30).error('Tapez o pour oui ou n pour non, puis Entrée'))).toBe('> Tapez o pour oui ou n pour\n  non, puis Entrée');
  });

  it('breaks the key help between keys, never inside one', () => {
    expect(packItems(['↑↓ naviguer', 'espace cocher', 'a tout', 'i inverser', '⏎ valider'], ' • ', 60)).toBe('↑↓ naviguer • espace cocher • a tout • i inverser\n⏎ valider');
    expect(plain(keysHelpTip(wordsFor('fr'), 80)([['↑↓', 'navigate'], ['⏎', 'select']]))).toBe('↑↓ naviguer • ⏎ choisir');
  });

  it('puts a long choice on lines under its start', () => {
    expect(fittedChoice('La plateforme fonctionne : résoudre l’incident', 30, 2)).toBe('La plateforme fonctionne :\n  résoudre l’incident');
  });
});

describe('prompts in a 60-column terminal', () => {
  it('a long question and its answer: no line cut inside a word', async () => {
    const t = narrowTerminal(60);
    const answer = terminalPrompter('fr', t.context).whatsNew?.(question({ announce: 'point' }));
    await t.when('Quoi de neuf', `Cause trouvée, correctif en cours.${ENTER}`);
    expect(await answer).toBe('Cause trouvée, correctif en cours.');
    expect(t.screen()).toContain('✔ Quoi de neuf depuis le dernier point ? (une ligne,\n  facultatif : Entrée pour passer)\n  Cause trouvée, correctif en cours.');
    expect(t.screen()).not.toMatch(/faculta\n|con\ntinuer/);
  });

  it('the French key help of a checkbox on two lines, broken between keys', async () => {
    const t = narrowTerminal(60);
    const answer = terminalPrompter('fr', t.context).answer(question({ ask: 'Quels services ?', type: 'multi' }, { options: [{ value: 'dm', label: 'messages' }] }));
    await t.when('⏎ valider', ` ${ENTER}`);
    expect(await answer).toEqual({ answer: { kind: 'ask', value: ['dm'] } });
    expect(t.screen()).toContain('↑↓ naviguer • espace cocher • a tout • i inverser\n⏎ valider');
  });

  it('what a copy key did, on lines broken between words', async () => {
    const t = narrowTerminal(60);
    const texts = [{ label: 'X (Twitter)', text: 'La messagerie est en panne.' }];
    const answer = terminalPrompter('fr', t.context).answer(question({ announce: 'premier' }, { channels: ['x'], texts }));
    await t.when('Copier un texte', '1');
    await t.when('presse-papiers', ENTER);
    await t.when('Publié sur', `${ENTER}`);
    await answer;
    const screen = t.screen();
    const said = screen.slice(screen.lastIndexOf('\n', screen.indexOf('presse-papiers')) + 1);
    // longer than the line: on two lines at least, the second under the first
    expect(said).toMatch(/^\S[^\n]{20,60}\n  \S/);
  });

  it('a yes/no question: its hint on the next line when it does not fit', async () => {
    const t = narrowTerminal(60);
    const answer = terminalPrompter('fr', t.context).confirmEnd?.('resolve');
    await t.when('(o/N)', `o${ENTER}`);
    expect(await answer).toBe(true);
    expect(t.screen()).toContain('✔ La plateforme fonctionne-t-elle ? Marquer l’incident comme\n  résolu ? Oui');
  });
});

describe('figures with their units', () => {
  it('never end a line on a number whose unit or next digits went to the next line', () => {
    const header = 'Tenir tout le monde informé échéance 12:07 (encore 1 h 31 min) · appelez le 01 23 45 67 89';
    for (let width = 20; width <= 80; width++) {
      for (const text of [wrap(header, width), fitToWidth(header, width), hanging(header, width)]) {
        const lines = text.split('\n');
        expect(lines.filter((l, i) => /\d$/.test(l) && /^\s*(\d|min\b|h\b)/.test(lines[i + 1] ?? '')), `${width}: ${text}`).toEqual([]);
        // the spaces are the text's own once wrapped
        expect(text.replace(/\s+/g, ' ').trim()).toBe(header);
      }
    }
  });
});

/**
 * A French playbook's shown texts are set in French typography when loaded:
 * the terminal then never wraps `:` or `?` alone onto a line, and the report
 * reads like the program's own words. Ids, option values, links and message
 * templates are kept as written; an English playbook is left alone.
 */
import { describe, expect, it } from 'vitest';
import { checkPlaybookText } from '../../src/playbook/parse.js';

const NNBSP = '\u202f';

function load(lang: string) {
  const text = `format: 1
id: panne
lang: ${lang}
title: "Panne : la messagerie"
variables:
  marque: { prompt: "Nom de la marque ?", required: true }
roles:
  pilote: { title: Pilote, duties: ["Décide : fin ou pas"], lead: true }
severities:
  - { id: mineure, title: Mineure, when: "Quelques clients ; pas plus" }
phases:
  - id: confirm
    title: "Vérifier : la panne"
    goal: Être sûr !
    steps:
      - { id: vue, check: "Écrivez comme à un client : phrases courtes", links: ["https://exemple.fr/a:b"] }
      - { id: autres, ask: "D'autres clients ?", type: choice, save_as: autres, options: ["oui ?", { value: non, label: "non : seulement nous" }] }
      - { id: annonce, announce: premier }
messages:
  premier: { title: "Premier message : court", channels: { x: "Panne : {{date 'HH:mm'}} ! {{marque}}" } }
`;
  const { playbook, diagnostics } = checkPlaybookText('panne.yaml', text, lang);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return playbook!;
}

describe('a playbook set in its language', () => {
  it('French: no-break spaces before the marks of every shown text; values, links and templates as written', () => {
    const p = load('fr');
    expect(p.title).toBe(`Panne${NNBSP}: la messagerie`);
    expect(p.variables?.marque?.prompt).toBe(`Nom de la marque${NNBSP}?`);
    expect(p.roles.pilote?.duties).toEqual([`Décide${NNBSP}: fin ou pas`]);
    expect(p.severities[0]?.when).toBe(`Quelques clients${NNBSP}; pas plus`);
    const phase = p.phases[0]!;
    expect([phase.title, phase.goal]).toEqual([`Vérifier${NNBSP}: la panne`, `Être sûr${NNBSP}!`]);
    expect(phase.steps[0]?.check).toBe(`Écrivez comme à un client${NNBSP}: phrases courtes`);
    expect(phase.steps[0]?.links).toEqual(['https://exemple.fr/a:b']);
    expect(phase.steps[1]?.ask).toBe(`D'autres clients${NNBSP}?`);
    expect(phase.steps[1]?.options).toEqual(['oui ?', { value: 'non', label: `non${NNBSP}: seulement nous` }]);
    expect(p.messages?.premier?.title).toBe(`Premier message${NNBSP}: court`);
    expect(p.messages?.premier?.channels.x).toBe("Panne : {{date 'HH:mm'}} ! {{marque}}");
  });

  it('English: left as written', () => {
    const p = load('en');
    expect(p.title).toBe('Panne : la messagerie');
    expect(p.phases[0]?.steps[0]?.check).toBe('Écrivez comme à un client : phrases courtes');
  });
});

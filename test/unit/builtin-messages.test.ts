/**
 * Every public message of every built-in playbook tells the truth for every
 * combination of the answers that change the facts (how far the outage goes,
 * which other ways to reach the brand were chosen, whether the help page is
 * online), and fits every channel's limit with long, realistic values.
 */
process.env.TZ = 'UTC';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PlaybookSchema, type Playbook } from '../../src/playbook/schema.js';
import { collectTargets } from '../../src/messages/examples.js';
import { renderChannel, renderContext, TemplateError } from '../../src/messages/render.js';
import { buildView, type AnswerValue } from '../../src/messages/view.js';
import { validatePlaybookFile } from '../../src/playbook/validate.js';
import { foldEvents } from '../../src/incident/state.js';
import { walkthroughView } from '../../src/ui/walkthrough-view.js';
import { stepKind } from '../../src/playbook/kinds.js';
import { Chalk } from 'chalk';

const PLAYBOOKS = ['messenger-down', 'whatsapp-down', 'social-media-crisis'] as const;
const LANGS = ['en', 'fr'] as const;
const dir = fileURLToPath(new URL('../../playbooks/', import.meta.url));
const NOW = new Date('2026-11-21T14:05:00Z');
const DETECTED = '2026-11-21T11:20:00Z';

/** Long values a real brand may have: a 40-character name, a 45-character address. */
const LONG = {
  brand: 'Pâtisserie Dupont-Lefèvre & Fils à Nîmes',
  support_email: 'service.clients.commandes@dupont-lefebvre.com',
  support_phone: '+33 1 84 60 12 34',
  website: 'https://www.maison-dupont-lefebvre-fils.com',
  faq_url: 'https://www.maison-dupont-lefebvre-fils.com/aide/panne',
  backup_account: '+33 6 12 34 56 78',
  signature: 'Marie-Charlotte',
  topic: 'the late deliveries of the Christmas orders',
};

function load(id: string, lang: string): Playbook {
  return PlaybookSchema.parse(parse(readFileSync(`${dir}${id}.${lang}.yaml`, 'utf8')));
}

/** The options of the `save_as: alternatives` question. */
function alternativeOptions(pb: Playbook): string[] {
  for (const phase of pb.phases) {
    for (const step of phase.steps) {
      if (step.save_as === 'alternatives') return (step.options ?? []).map((o) => (typeof o === 'string' ? o : String(o.value)));
    }
  }
  return [];
}

function hasSaveAs(pb: Playbook, name: string): boolean {
  return pb.phases.some((phase) => phase.steps.some((step) => step.save_as === name));
}

type Scope = 'total' | 'partial' | 'account' | 'unknown';

interface Combination {
  scope: Scope;
  answers: Record<string, AnswerValue>;
  chosen: string[] | undefined;
}

/** Every combination of the answers that change what a public message may claim. */
function combinations(pb: Playbook): Combination[] {
  const scopes: Array<[Scope, Record<string, AnswerValue>]> = hasSaveAs(pb, 'platform_wide')
    ? [
        ['total', { platform_wide: true, full_outage: true }],
        ['partial', { platform_wide: true, full_outage: false }],
        ['account', { platform_wide: false }],
        ['unknown', {}],
      ]
    : [['unknown', {}]];
  const options = alternativeOptions(pb);
  const choices: Array<string[] | undefined> = [undefined, [], options, ...options.map((o) => [o])];
  const helpPage: Array<Record<string, AnswerValue>> = hasSaveAs(pb, 'help_page') ? [{}, { help_page: false }, { help_page: true }] : [{}];
  const out: Combination[] = [];
  for (const [scope, scopeAnswers] of scopes) {
    for (const chosen of choices) {
      for (const help of helpPage) {
        const answers: Record<string, AnswerValue> = { ...scopeAnswers, ...help, measures: 'a second phone line', backlog: 12 };
        if (chosen) answers.alternatives = chosen;
        out.push({ scope, answers, chosen });
      }
    }
  }
  return out;
}

/** Claims a message must not make when the outage is limited to our own account, or to some people. */
const FALSE_WHEN: Record<'en' | 'fr', Record<'account' | 'partial', RegExp[]>> = {
  en: {
    account: [/#\w*down/i, /(WhatsApp|Messenger) is (down|still down|having problems|still unreliable|disrupted)/i, /for many people/i, /for everyone/i, /(WhatsApp|Messenger) outage/i],
    partial: [/down for many/i, /for everyone/i, /nothing goes through/i, /is still down/i],
  },
  fr: {
    account: [/#\w*down/i, /(?<!(ligne|messagerie) )(WhatsApp|Messenger) (est|reste) (en panne|perturbé|instable)/i, /(nombreux|beaucoup)/i, /tout le monde/i, /panne (de|d'|d’)(WhatsApp|Messenger)/i],
    partial: [/en panne pour de nombreux/i, /tout le monde/i, /plus rien ne passe/i, /toujours en panne/i],
  },
};

/** What names each alternative in a rendered text, so a text cannot mention one that was not chosen. */
function alternativeMarks(lang: 'en' | 'fr'): Record<string, RegExp> {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return {
    email: new RegExp(escape(LONG.support_email)),
    phone: new RegExp(escape(LONG.support_phone)),
    backup: new RegExp(escape(LONG.backup_account)),
    contact_form: lang === 'en' ? /contact form/i : /formulaire/i,
    web_chat: lang === 'en' ? /website chat|chat on our website/i : /chat de notre site|chat du site/i,
    dm: lang === 'en' ? /private message/i : /message privé/i,
  };
}

describe.each(PLAYBOOKS)('built-in %s', (id) => {
  describe.each(LANGS)('in %s', (lang) => {
    const pb = load(id, lang);
    const { targets, problems } = collectTargets(pb);
    const publicTargets = targets.filter((t) => (pb.messages?.[t.messageId]?.audience ?? 'public') === 'public');
    const marks = alternativeMarks(lang);

    // Each combination is rendered once, at the first severity, and every test below reads the same texts.
    const renders = new Map<Combination, ReturnType<typeof renderNow>>();
    function render(combo: Combination) {
      let texts = renders.get(combo);
      if (!texts) renders.set(combo, (texts = renderNow(combo, pb.severities[0]!.id)));
      return texts;
    }
    const allCombinations = combinations(pb);

    function renderNow(combo: Combination, severity: string) {
      const view = buildView(pb, {
        variables: Object.fromEntries(Object.keys(pb.variables ?? {}).map((v) => [v, LONG[v as keyof typeof LONG] ?? `value of ${v}`])),
        people: Object.fromEntries(Object.entries(pb.roles).map(([r, role]) => [r, role.title])),
        answers: combo.answers,
        incident: { id: `2026-11-21-${id}`, detected_at: DETECTED, severity },
        now: NOW,
      });
      // the machine's zone (TZ=UTC above), named so that no helper asks the system for it on every time it prints
      const ctx = renderContext(pb, { view, now: NOW, timeZone: 'UTC' });
      // A message that needs an answer not given yet refuses to render (strict templates): that is no false claim.
      return targets.flatMap((target) => {
        try {
          return [{ target, rendered: renderChannel(pb, target.messageId, target.spec, view, ctx) }];
        } catch (error) {
          if (error instanceof TemplateError && /is not defined/.test(error.message) && !combo.chosen) return [];
          throw error;
        }
      });
    }

    it('has no unknown channel or missing template', () => {
      expect(problems).toEqual([]);
    });

    it('passes crisis validate with no error and no warning', async () => {
      const result = await validatePlaybookFile(`${dir}${id}.${lang}.yaml`);
      expect(result.diagnostics.map((d) => d.message)).toEqual([]);
      expect(result.valid).toBe(true);
    });

    it('fits every channel with a 40-character brand and a 45-character e-mail address', () => {
      expect(LONG.brand).toHaveLength(40);
      expect(LONG.support_email).toHaveLength(45);
      const over = new Map<string, string>();
      // The longest texts: every alternative chosen (or the question not reached yet), in every scope.
      const longest = allCombinations.filter((c) => !c.chosen || c.chosen.length === alternativeOptions(pb).length);
      for (const combo of longest) {
        for (const { target, rendered } of render(combo)) {
          const m = rendered.measure;
          if (!m.within_limit) {
            over.set(`${target.messageId}/${target.spec.id}`, `${m.length} of ${m.limit}, subject ${m.subject_length} of ${m.subject_limit}, with ${JSON.stringify(combo.answers)}`);
          }
        }
      }
      expect(Object.fromEntries(over)).toEqual({});
    });

    it('claims nothing that the answers say is false, in public messages and private replies alike', () => {
      const wrong: string[] = [];
      for (const combo of allCombinations) {
        for (const { target, rendered } of render(combo)) {
          const text = `${rendered.subject ?? ''}\n${rendered.text}`;
          const where = `${target.messageId}/${target.spec.id} with ${JSON.stringify(combo.answers)}`;
          if (combo.scope === 'account' || combo.scope === 'partial') {
            for (const claim of FALSE_WHEN[lang][combo.scope]) {
              if (claim.test(text)) wrong.push(`${where} says ${claim}: ${text}`);
            }
          }
          for (const [alternative, mark] of Object.entries(marks)) {
            if (combo.chosen?.includes(alternative)) continue;
            if (alternative === 'email' && target.spec.id === 'email') continue;
            if (mark.test(text)) wrong.push(`${where} mentions ${alternative}, which was not chosen: ${text}`);
          }
          if (combo.answers.help_page !== true && text.includes(LONG.faq_url)) {
            wrong.push(`${where} links to the help page before it is online`);
          }
        }
      }
      expect(wrong.slice(0, 5)).toEqual([]);
    });

    it('words things as a native speaker would: no Facebook "page" on X or Instagram, nothing "reached" on a page', () => {
      const wrong: string[] = [];
      const combo = allCombinations.find((c) => c.chosen && c.chosen.length > 1 && c.answers.help_page === true) ?? allCombinations[0]!;
      for (const { target, rendered } of render(combo)) {
        const text = `${rendered.subject ?? ''}\n${rendered.text}`;
        const words = text.replace(/https?:\/\/\S+/g, '');
        if ((target.spec.id === 'x' || target.spec.id === 'instagram') && /\bpage\b/i.test(words)) wrong.push(`${target.messageId}/${target.spec.id}: ${text}`);
        if (/joign\w*[^.!?]*page d'aide|reach us[^.!?]*help page/i.test(words)) wrong.push(`${target.messageId}/${target.spec.id} "reaches" a page: ${text}`);
        if (/remarche|reprendrons votre demande d'ici/i.test(words)) wrong.push(`${target.messageId}/${target.spec.id}: ${text}`);
      }
      expect(wrong).toEqual([]);
    });

    it('lists every reply macro, with the command that prints it, at a step that sends the team to them', () => {
      const privateIds = Object.entries(pb.messages ?? {}).filter(([, m]) => m.audience === 'private').map(([m]) => m);
      const pointing = pb.phases.flatMap((phase) => phase.steps.filter((s) => s.replies?.length).map((step) => ({ phase, step })));
      expect(new Set(pointing.flatMap(({ step }) => step.replies ?? []))).toEqual(new Set(privateIds));
      const state = foldEvents([
        { v: 1, seq: 1, at: DETECTED, type: 'opened', incident: `2026-11-21-${id}`, playbook: id, lang, title: pb.title, format: 1, source: 'built-in', detected_at: DETECTED, drill: false },
      ]);
      for (const { phase, step } of pointing) {
        let out = '';
        const view = walkthroughView({ playbook: pb, out: { write: (t: string) => ((out += t), true) } as never, paint: new Chalk({ level: 0 }), live: true });
        view({ type: 'step', action: { kind: 'step', total: 40, repeat: false, step, phase, stepKind: stepKind(step), index: 1, afterResolution: false }, state, now: NOW });
        expect(out).toContain(lang === 'en' ? 'Ready-made replies, each printed ready to paste by its command:' : 'Réponses toutes prêtes, chacune affichée prête à coller par sa commande');
        for (const reply of step.replies ?? []) {
          expect(out).toMatch(new RegExp(`crisis announce 2026-11-21-${id} ${reply} +# ${pb.messages?.[reply]?.title?.replace(/[?()]/g, '\\$&')}`));
        }
      }
    });

    it('says in every public message that announces a next update where it will come', () => {
      const missing: string[] = [];
      const combo = allCombinations[0]!;
      const where = lang === 'en' ? /next update[^.!?]*\b(here|on|in)\b/i : /prochain point[^.!?]*\b(ici|sur|dans|par)\b/i;
      for (const { target, rendered } of render(combo)) {
        if (!publicTargets.includes(target)) continue;
        const source = JSON.stringify(target.template);
        if (!source.includes('next_update')) continue;
        if (!where.test(rendered.text)) missing.push(`${target.messageId}/${target.spec.id}: ${rendered.text}`);
      }
      expect(missing).toEqual([]);
    });
  });
});

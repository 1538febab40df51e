process.env.TZ = 'UTC';
import { describe, expect, it } from 'vitest';
import { PlaybookSchema, type Playbook } from '../../src/playbook/schema.js';
import { hasContact, isSigned, lintMessages, lintPlaybookMessages, mentionedTimes, promiseIn, promiseInEachPattern } from '../../src/messages/lint.js';
import { renderMessage } from '../../src/messages/render.js';
import { exampleView } from '../../src/messages/view.js';

const NOW = new Date('2026-11-21T14:05:00Z');

function playbook(lang: string, messages: Record<string, unknown>, opts: { signature?: boolean; redirectPhase?: string } = {}): Playbook {
  return PlaybookSchema.parse({
    format: 1,
    id: 'messenger-down',
    lang,
    title: 'Messenger is down',
    variables: {
      brand: { prompt: 'Brand', example: 'Acme' },
      ...(opts.signature ? { signature: { prompt: 'Signature', example: 'Julie' } } : {}),
    },
    roles: { lead: { title: 'Incident lead' } },
    severities: [{ id: 'minor', title: 'Minor', update_every: '1h' }],
    phases: [
      { id: 'communicate', title: 'Tell', steps: [{ id: 'post', check: 'Post' }] },
      ...(opts.redirectPhase ? [{ id: 'redirect', title: 'Redirect', steps: [{ id: 'send', announce: opts.redirectPhase }] }] : []),
    ],
    messages,
  });
}

const warnings = (pb: Playbook) => lintPlaybookMessages(pb, NOW);
const about = (pb: Playbook, re: RegExp) => warnings(pb).filter((p) => re.test(p.message));

describe('(a) no promise of a resolution time', () => {
  it('warns on an English promise, naming message, channel and phrase', () => {
    const found = about(playbook('en', { initial: { channels: { x: 'Sorry, it will be back up in a few minutes.' } } }), /promises/);
    expect(found).toEqual([
      {
        path: ['messages', 'initial', 'channels', 'x'],
        message: expect.stringMatching(/^message "initial", channel "x": promises a resolution time \("in a few minutes"\)/),
        severity: 'warning',
      },
    ]);
    expect(about(playbook('en', { initial: { channels: { x: 'Sorry, it should be fixed SHORTLY.' } } }), /promises/)).toHaveLength(1);
  });
  it('warns on a French promise in a French playbook', () => {
    // in the playbook's language
    expect(about(playbook('fr', { initial: { channels: { x: 'Désolés, le service sera très bientôt rétabli.' } } }), /promet une heure/)).toHaveLength(1);
    expect(about(playbook('fr', { initial: { channels: { x: "Merci de votre patience, retour d’ici quelques minutes." } } }), /promet une heure/)).toHaveLength(1);
  });
  it('does not warn on honest wording or "as soon as"', () => {
    expect(about(playbook('en', { initial: { channels: { x: 'Sorry: we will post an update as soon as we know more, next at {{next_update}}.' } } }), /promises/)).toEqual([]);
    expect(about(playbook('fr', { initial: { channels: { x: 'Désolés, prochain point à {{next_update}}.' } } }), /promet une heure/)).toEqual([]);
  });
});

describe('(b) a redirection gives a way to reach you', () => {
  it('warns on a redirect message with no address, number or link', () => {
    expect(about(playbook('en', { redirect: { channels: { x: 'Thanks for your patience, please use another channel.' } } }), /sends people elsewhere/)).toHaveLength(1);
    expect(about(playbook('en', { alternatives: { channels: { x: 'Thanks, use another channel.' } } }, { redirectPhase: 'alternatives' }), /sends people elsewhere/)).toHaveLength(1);
  });
  it('is satisfied by an e-mail address, a phone number or a URL', () => {
    for (const text of ['Thanks, write to help@acme.example', 'Thanks, call +33 1 23 45 67 89', 'Thanks, see https://acme.example/help', 'Thanks, see acme.com/help']) {
      expect(about(playbook('en', { redirect: { channels: { x: text } } }), /sends people elsewhere/), text).toEqual([]);
    }
    expect(hasContact('Incident 2026-11-21 at 14:05')).toBe(false);
  });
  it('does not apply to other messages', () => {
    expect(about(playbook('en', { initial: { channels: { x: 'Thanks, please use another channel.' } } }), /sends people elsewhere/)).toEqual([]);
  });
});

describe('(c) a private reply is signed', () => {
  const reply = (text: string, signature = true) =>
    about(playbook('en', { reply: { audience: 'private', channels: { facebook: text } } }, { signature }), /signature/);
  it('warns when the last line does not hold the signature', () => {
    expect(reply('Hello,\nsorry for the wait.\n')).toHaveLength(1);
    expect(reply('Julie here.\nSorry for the wait.\nWe are on it.\nWrite to us.')).toHaveLength(1);
  });
  it('accepts the signature variable, or "- Name" without one', () => {
    expect(reply('Hello,\nsorry for the wait.\n{{signature}}, {{brand}}')).toEqual([]);
    expect(reply('Hello,\n\nsorry for the wait.\n\nBest wishes,\n{{signature}}\n{{brand}} customer service\n')).toEqual([]);
    expect(reply('Hello, sorry. - Karim', false)).toEqual([]);
    expect(reply('Hello, sorry.', false)).toHaveLength(1);
    expect(isSigned('Sorry\n— Karim', [])).toBe(true);
  });
  it('does not ask public posts to be signed', () => {
    expect(about(playbook('en', { initial: { channels: { x: 'Sorry, we are on it.' } } }, { signature: true }), /signature/)).toEqual([]);
  });
});

describe('(d) a public message shows empathy', () => {
  it('warns when it says neither sorry nor thanks', () => {
    const found = about(playbook('en', { initial: { channels: { x: 'Messenger is down.', facebook: 'We apologise: Messenger is down.' } } }), /neither sorry/);
    expect(found.map((p) => p.path)).toEqual([['messages', 'initial', 'channels', 'x']]);
    expect(about(playbook('fr', { initial: { channels: { x: 'Messenger est en panne.' } } }), /ne dit ni désolé ni merci/)).toHaveLength(1);
  });
  it('accepts thanks or apologies in the playbook language', () => {
    expect(about(playbook('en', { initial: { channels: { x: 'Thank you for your patience.' } } }), /neither sorry/)).toEqual([]);
    expect(about(playbook('fr', { initial: { channels: { x: 'Nous sommes désolés.', sms: 'Merci !' } } }), /ne dit ni désolé ni merci/)).toEqual([]);
    expect(about(playbook('en', { reply: { audience: 'private', channels: { x: 'Hi - Julie' } } }), /neither sorry/)).toEqual([]);
  });
});

describe('(e) one next-update time across channels', () => {
  it('reads times in several notations', () => {
    expect(mentionedTimes('at 14:05, 2:05 PM, 14h05, 9 h 30 or 12:00 am')).toEqual(['00:00', '09:30', '14:05']);
  });
  it('warns when channels announce different times', () => {
    const pb = playbook('en', { update: { channels: { x: 'Sorry, next update at 15:00.', facebook: 'Sorry, next update at 3:30 PM.', website: 'Sorry, we are on it.' } } });
    const found = about(pb, /different times/);
    expect(found).toEqual([
      expect.objectContaining({ path: ['messages', 'update'], message: expect.stringMatching(/x says 15:00; facebook says 15:30/) }),
    ]);
  });
  it('accepts the same time written differently, or from the helper', () => {
    expect(about(playbook('fr', { update: { channels: { x: 'Désolés, point à 15h00.', facebook: 'Désolés, point à 15:00.' } } }), /heures différentes/)).toEqual([]);
    expect(about(playbook('en', { update: { channels: { x: 'Sorry, next {{next_update}}', facebook: 'Sorry, next at {{next_update}}' } } }), /different times/)).toEqual([]);
  });
});

describe('lintMessages on an incident render', () => {
  it('points at the default template for channels that use it', () => {
    const pb = playbook('en', { initial: { channels: { x: 'Sorry.', default: 'Down, back shortly.' } } });
    const view = exampleView(pb, NOW);
    const rendered = renderMessage(pb, 'initial', { view, now: NOW, channels: ['x', 'website'] });
    const found = lintMessages(pb, [rendered], view);
    expect(found.map((p) => p.path)).toContainEqual(['messages', 'initial', 'channels', 'default']);
    expect(found.every((p) => p.severity === 'warning')).toBe(true);
    expect(found.find((p) => /promises/.test(p.message))?.message).toMatch(/channel "website"/);
  });
});

describe('promises looked for through one pattern per language', () => {
  const phrases = {
    en: ['in a few minutes', 'in a few moments', 'in a few hours', 'shortly', 'within the hour', 'within an hour', 'any minute now', 'in no time', 'soon', 'back up in', 'will be fixed by'],
    fr: ["d'ici quelques minutes", 'd’ici une heure', 'dans quelques instants', "dans l'heure", 'bientôt', 'sous peu', 'rapidement rétablie', 'sans tarder', 'sera rétablie dans'],
  } as const;
  const around = (p: string) => [p, p.toUpperCase(), `x${p}`, `${p}x`, `1${p}`, `(${p})`, `We are ${p}.`, p.replace(/ /g, '   '), p.replace(/ /g, '\n'), `ſ${p}`, `as ${p} as`, `${p}é`, `é${p}`];
  it('finds the same promise as each pattern in turn', () => {
    for (const lang of ['en', 'fr'] as const) {
      for (const p of [...phrases.en, ...phrases.fr]) {
        for (const text of around(p)) expect(promiseIn(text, lang), `${lang}: ${text}`).toBe(promiseInEachPattern(text, lang));
      }
      for (const text of ['', 'Nothing promised here.', 'Back soon as possible', 'shortly and in no time', 'dans quelques minutes, bientôt']) {
        expect(promiseIn(text, lang)).toBe(promiseInEachPattern(text, lang));
      }
    }
  });
});

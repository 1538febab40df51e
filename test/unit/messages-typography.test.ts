import { describe, expect, it } from 'vitest';
import { oneMessagePlaybook, renderAt } from '../helpers/playbooks.js';
import { frenchTypography } from '../../src/messages/typography.js';

const NNBSP = '\u202f';
const NOW = new Date('2026-11-21T14:05:00Z');
const TEXT = 'Désolés ! Pour nous joindre : https://x.fr/a?b=1 ou aide@acme.fr, « vite » ; dès 10:30?';

function render(lang: string) {
  const pb = oneMessagePlaybook(lang, { x: TEXT, facebook: TEXT, sms: TEXT, email: { subject: 'Panne : désolés !', body: TEXT } });
  const rendered = renderAt(pb, { now: NOW, timeZone: 'UTC', channels: ['x', 'facebook', 'sms', 'email'] });
  return Object.fromEntries(rendered.channels.map((c) => [c.channel, c]));
}

describe('French typography applied by rendering', () => {
  it('puts a narrow no-break space before ! : ; ? and inside « », never inside an address or a time', () => {
    const { facebook, x, email } = render('fr');
    const expected = `Désolés${NNBSP}! Pour nous joindre${NNBSP}: https://x.fr/a?b=1 ou aide@acme.fr, «${NNBSP}vite${NNBSP}»${NNBSP}; dès 10:30${NNBSP}?`;
    expect(facebook?.text).toBe(expected);
    expect(x?.text).toBe(expected);
    expect(email?.text).toBe(expected);
    expect(email?.subject).toBe(`Panne${NNBSP}: désolés${NNBSP}!`);
  });

  it('measures the text as posted: each narrow space is one character', () => {
    const { facebook } = render('fr');
    expect(facebook?.measure.length).toBe([...(facebook?.text ?? '')].length);
    expect(facebook?.measure.length).toBe(TEXT.length + 1); // "10:30?" gained a space; the others replaced one
  });

  it('keeps plain spaces in an SMS (GSM-7)', () => {
    const { sms } = render('fr');
    expect(sms?.text).toBe(TEXT.replace(/[«»]/g, '"')); // GSM-7 has no « »
    expect(sms?.text).not.toContain(NNBSP);
    expect(sms?.measure.encoding).toBe('GSM-7');
  });

  it('leaves English as written', () => {
    const { facebook, x } = render('en');
    expect(facebook?.text).toBe(TEXT);
    expect(x?.text).toBe(TEXT);
  });

  it('leaves links, mailto, smileys and marks already spaced alone', () => {
    expect(frenchTypography('Voir www.acme.fr?x=1 ou mailto:a@b.fr :)')).toBe('Voir www.acme.fr?x=1 ou mailto:a@b.fr :)');
    expect(frenchTypography(`Merci${NNBSP}! Vraiment?!`)).toBe(`Merci${NNBSP}! Vraiment${NNBSP}?!`);
    expect(frenchTypography('Lien : https://acme.fr !')).toBe(`Lien${NNBSP}: https://acme.fr${NNBSP}!`);
  });
});

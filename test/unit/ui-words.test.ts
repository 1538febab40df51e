/**
 * The walkthrough's own words: French where the playbook is French, with
 * French typography; English exactly as before everywhere else, including
 * the lengths in announcement blocks, which share `describeLength` with the
 * (English) diagnostics.
 */
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { describeLength } from '../../src/messages/measure.js';
import type { RenderedMessage } from '../../src/messages/render.js';
import { formatAnnouncement } from '../../src/ui/announcement.js';
import { wordsFor } from '../../src/i18n/index.js';
import { checkFormat, checkNumber } from '../../src/ui/prompts.js';
import { clock } from '../../src/ui/time.js';
import { durationInWords } from '../../src/playbook/duration.js';
import { fr as frLocale } from 'date-fns/locale/fr';
import type { Variable } from '../../src/playbook/schema.js';

const plain = new Chalk({ level: 0 });
const en = wordsFor('en');
const fr = wordsFor('fr');

describe('words', () => {
  it('French for fr and fr-CA, English otherwise', () => {
    expect(wordsFor('fr-CA')).toBe(fr);
    expect(wordsFor('FR')).toBe(fr);
    expect(wordsFor('de')).toBe(en);
  });

  it('every French word is there and set in French typography', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const [key, word] of Object.entries(fr)) {
      // a word with values is read with sample ones
      const text = typeof word === 'function' ? String((word as (...a: unknown[]) => unknown)('X0', 'X1', 'X2')) : word;
      expect(text, key).not.toBe('');
      expect(text, `${key}: typographic apostrophe`).not.toContain("'");
      expect(text, `${key}: a space before : ? !`).not.toMatch(/\S[:?!](\s|$)/);
    }
  });
});

describe('describeLength', () => {
  it('stays English by default, for diagnostics', () => {
    expect(describeLength(301, 280, 'weighted')).toBe('301 of 280 weighted characters (21 over)');
    expect(describeLength(1, 2, 'segments')).toBe('1 of 2 segments');
    expect(describeLength(12, 500, 'characters')).toBe('12 of 500 characters');
  });

  it('says the same with the English words of the walkthrough', () => {
    for (const unit of ['characters', 'weighted', 'segments'] as const) {
      expect(describeLength(301, 280, unit, en)).toBe(describeLength(301, 280, unit));
    }
  });

  it('speaks French with the French words', () => {
    expect(describeLength(301, 280, 'weighted', fr)).toBe('301 sur 280 caractères pondérés (21 de trop)');
    expect(describeLength(3, 2, 'segments', fr)).toBe('3 sur 2 segments (1 de trop)');
    expect(describeLength(12, 500, 'characters', fr)).toBe('12 sur 500 caractères');
  });

  it('writes the numbers as the language does (a Facebook post allows 63,206 characters)', () => {
    expect(describeLength(437, 63206, 'characters', en)).toBe('437 of 63,206 characters');
    expect(describeLength(64000, 63206, 'characters', fr)).toBe('64\u202f000 sur 63\u202f206 caractères (794 de trop)');
  });
});

const email: RenderedMessage = {
  message: 'initial',
  title: 'First',
  audience: 'public',
  channels: [
    {
      channel: 'email',
      label: 'E-mail',
      subject: 'Acme: down',
      text: 'Body',
      measure: { length: 4, limit: 100000, unit: 'characters', within_limit: true, subject_length: 10, subject_limit: 78 },
    },
    {
      channel: 'sms',
      label: 'SMS',
      text: 'Crêpes '.repeat(40),
      measure: { length: 5, limit: 2, unit: 'segments', within_limit: false, encoding: 'UCS-2', ucs2_characters: ['ê'], sms_characters: 280 },
    },
  ],
};

describe('announcement blocks', () => {
  it('English, unchanged', () => {
    const rule = '─'.repeat(72);
    expect(formatAnnouncement(email, plain, 'en')).toBe(
      [
        'E-mail [email]  4 of 100,000 characters, subject 10/78',
        rule,
        'Subject: Acme: down',
        '',
        'Body',
        rule,
        '',
        'SMS [sms]  5 of 2 segments (3 over), UCS-2 (because of ê) — TOO LONG',
        rule,
        'Crêpes '.repeat(40),
        rule,
        '',
      ].join('\n'),
    );
  });

  it('French: lengths, subject, encoding and the over-limit warning', () => {
    const block = formatAnnouncement(email, plain, 'fr');
    expect(block).toContain('E-mail [email]  4 sur 100\u202f000 caractères, objet 10/78\n');
    expect(block).toContain('\nObjet\u202f: Acme: down\n');
    expect(block).toContain('SMS [sms]  5 sur 2 segments (3 de trop), UCS-2 (à cause de ê) — TROP LONG\n');
    expect(block).not.toMatch(/ of |Subject|subject|because|TOO LONG/);
  });
});

describe('refusals', () => {
  const variable = (format: Variable['format']) => ({ prompt: 'x', format }) as Variable;

  it('checkFormat says what is wrong in the words it is given', () => {
    expect(checkFormat(variable('email'), 'nope', en)).toBe('expected an e-mail address');
    expect(checkFormat(variable('url'), 'nope', en)).toBe('expected a web address such as acme.example or https://acme.example/help');
    expect(checkFormat(variable('phone'), 'nope', en)).toBe('expected a phone number');
    expect(checkFormat(variable('email'), 'nope', fr)).toBe('adresse e-mail attendue');
    expect(checkFormat(variable('url'), 'nope', fr)).toBe('adresse web attendue, par exemple acme.fr ou https://acme.fr/aide');
    expect(checkFormat(variable('phone'), 'nope', fr)).toBe('numéro de téléphone attendu');
    expect(checkFormat(variable('email'), 'a@b.fr', fr)).toBeUndefined();
  });

  it('checkFormat takes a bare host for a url, and refuses a word', () => {
    expect(checkFormat(variable('url'), 'latelier-co.fr', fr)).toBeUndefined();
    expect(checkFormat(variable('url'), 'latelier', fr)).toBe('adresse web attendue, par exemple acme.fr ou https://acme.fr/aide');
  });

  it('checkNumber reads the language’s own way of writing numbers and says what to type', () => {
    expect(checkNumber('', 'fr', fr)).toBe('Saisissez un nombre');
    expect(checkNumber('douze', 'fr', fr)).toBe('Saisissez un nombre, par exemple 1\u202f400 ou 1,5');
    expect(checkNumber('1 200,5', 'fr', fr)).toBe(true);
    expect(checkNumber('1,5', 'en', en)).toBe('Type a number such as 1400, 1,400 or 1.5');
    expect(checkNumber('Infinity', 'en', en)).toBe('Type a number such as 1400, 1,400 or 1.5');
    expect(checkNumber(' 12 ', 'en', en)).toBe(true);
    expect(checkNumber('-3', 'en', en)).toBe(true);
  });
});

describe('durations and clock times', () => {
  it('days in the playbook’s language, minutes kept', () => {
    const minutes = 26 * 60 + 5;
    expect(durationInWords(minutes, en.lang)).toBe('1 d 2 h 05 min');
    expect(durationInWords(minutes, fr.lang)).toBe('1 j 2 h 05 min');
  });

  it('month names in the locale given, English by default', () => {
    const date = new Date(2026, 10, 22, 9, 5);
    const reference = new Date(2026, 10, 21, 12, 0);
    expect(clock(date, reference)).toBe('22 Nov 09:05');
    expect(clock(date, reference, frLocale)).toBe('22 nov. 09:05');
  });
});

import { describe, expect, it } from 'vitest';
import { toGsm7 } from '../../src/messages/gsm7.js';
import { measureSms } from '../../src/messages/measure.js';

describe('SMS texts in GSM-7', () => {
  it('spells each character outside GSM-7 in GSM-7 where it can, and keeps GSM-7 as it is', () => {
    expect(toGsm7('Pâtisserie Dupont-Lefèvre à Nîmes : ça, l’œuvre « Noël » — 12\u202f€ …')).toBe('Patisserie Dupont-Lefèvre à Nimes : ca, l\'oeuvre " Noel " - 12 € ...');
    expect(toGsm7('Écrivez-nous à help@acme.example, ÉTÉ, où, Ça')).toBe('Écrivez-nous à help@acme.example, ÉTÉ, où, Ça');
    const plain = 'Acme: [support] {ok} ~ ^ | \\ €';
    expect(toGsm7(plain)).toBe(plain);
  });

  it('leaves what has no GSM-7 spelling, so the measure still names it', () => {
    const text = toGsm7('Crêpes ☕ 中');
    expect(text).toBe('Crepes ☕ 中');
    expect(measureSms(text)).toMatchObject({ encoding: 'UCS-2', ucs2Characters: ['☕', '中'] });
    expect(measureSms(toGsm7('Crêpes à Nîmes')).encoding).toBe('GSM-7');
  });
});

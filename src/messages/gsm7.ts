/**
 * SMS texts in GSM-7 where they can be: a character outside the GSM-7
 * alphabet forces the whole SMS into UCS-2, which holds 70 characters a part
 * instead of 160, so one "â" in a brand name can double the parts. As SMS
 * gateways do ("smart encoding"), each such character becomes its closest
 * GSM-7 spelling: typographic quotes, dashes and spaces their plain forms
 * (the library's map), a letter with a mark the same letter without it, a
 * ligature its letters. GSM-7's own accented letters (é è à ù ì ò Ç ä ö ü ñ
 * ...) stay. A character with no GSM-7 spelling (an emoji, a CJK ideograph)
 * stays too: the SMS is then UCS-2, and the measure names it.
 */
import * as unicodeToGsm from 'sms-segments-calculator/dist/libs/UnicodeToGSM.js';
import * as smartEncoding from 'sms-segments-calculator/dist/libs/SmartEncodingMap.js';

/** A CommonJS module's `exports.default`, however the loader hands it over (Node wraps it once more than bundlers do). */
function table<T>(module: { default: unknown }): T {
  const outer = module.default as { default?: unknown } | undefined;
  return (outer && typeof outer === 'object' && 'default' in outer ? outer.default : outer) as T;
}

const GSM = table<Record<number, number[]>>(unicodeToGsm);
const SMART = table<Record<string, string>>(smartEncoding);

/** Spellings the library's map lacks or gives otherwise (it turns a no-break space into two spaces). */
const OWN: Record<string, string> = {
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
  '\u2007': ' ',
  'œ': 'oe',
  'Œ': 'OE',
  'ﬁ': 'fi',
  'ﬂ': 'fl',
  '\u2013': '-',
  '\u2014': '-',
};

function isGsm(text: string): boolean {
  for (const c of text) if (GSM[c.codePointAt(0) as number] === undefined) return false;
  return true;
}

/** One character in GSM-7: itself when it is, else its closest spelling, else itself. */
function toGsm(c: string): string {
  if (isGsm(c)) return c;
  const own = OWN[c] ?? SMART[c];
  if (own !== undefined && isGsm(own)) return own;
  const bare = c.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (bare !== c && bare !== '' && isGsm(bare)) return bare;
  return c;
}

/** `text` with every character that has a GSM-7 spelling written in GSM-7. */
export function toGsm7(text: string): string {
  if (isGsm(text)) return text;
  let out = '';
  for (const c of text) out += toGsm(c);
  return out;
}

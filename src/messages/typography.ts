/**
 * French typography, applied to a rendered text rather than written by hand
 * in playbooks: a narrow no-break space (U+202F) before `;` `:` `!` `?` and
 * inside « », so a phone never wraps the mark alone onto the next line.
 * Web addresses, e-mail addresses and times (`10:30`) are left as written.
 */

/** The narrow no-break space. */
export const NNBSP = '\u202f';

/** Web and e-mail addresses, and `mailto:`/`tel:` links: left exactly as written. */
const UNTOUCHED = /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>«»"]*[^\s<>«»".,;:!?)]|\b(?:mailto|tel):[^\s<>«»"]*[^\s<>«»".,;:!?)]|\bwww\.[^\s<>«»"]*[^\s<>«»".,;:!?)]|[^\s<>«»"@()]+@[^\s<>«»"@]*[^\s<>«»"@.,;:!?)]/gi;

/** Spaces that may stand before a mark (never a line break). */
const SPACE = '[ \\t\\u00a0\\u202f\\u2009]';

/** A stretch of text with no address in it, with French spacing. */
function spaceOut(text: string): string {
  return (
    text
      // a space before ; ! ? becomes narrow; a mark stuck to a word gets one (a run such as "?!" gets one before its first)
      .replace(new RegExp(`${SPACE}+([;!?])`, 'g'), `${NNBSP}$1`)
      .replace(/([\p{L}\p{N}»)\]'’"*_])([;!?]+)(?=\s|$|[)»"'’.,*_])/gu, `$1${NNBSP}$2`)
      // a colon: the same, but never inside a time (10:30) or anything written without spaces around it
      .replace(new RegExp(`${SPACE}+:(?=\\s|$)`, 'g'), `${NNBSP}:`)
      .replace(/([\p{L}\p{N}»)\]'’"*_]):(?=\s|$)/gu, `$1${NNBSP}:`)
      // inside « »
      .replace(new RegExp(`«${SPACE}*`, 'g'), `«${NNBSP}`)
      .replace(new RegExp(`${SPACE}*»`, 'g'), `${NNBSP}»`)
  );
}

/** `text` with French spacing around its punctuation, its addresses untouched. */
export function frenchTypography(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(UNTOUCHED)) {
    const at = match.index ?? 0;
    out += spaceOut(text.slice(last, at)) + match[0];
    last = at + match[0].length;
  }
  return out + spaceOut(text.slice(last));
}

/** Whether a language tag is French (`fr`, `fr-CA`, ...). */
export function isFrench(lang: string): boolean {
  return /^fr(?:[-_]|$)/i.test(lang);
}

/** The text as a reader of `lang` expects it: French typography for French, unchanged otherwise. */
export function typeset(text: string, lang: string): string {
  return isFrench(lang) ? frenchTypography(text) : text;
}

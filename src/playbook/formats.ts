/**
 * The value formats a variable may declare (`format: email | url | phone`),
 * checked the same way wherever a value comes from: the prompt, an answers
 * file, config.yaml, a variable's example in `validate`.
 */

/** One address: something@domain.tld, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** An e-mail address inside a longer text (message lint: does a post give a contact?). */
export const EMAIL_IN_TEXT = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/i;

/** True for one e-mail address. */
export function isEmail(text: string): boolean {
  return EMAIL.test(text);
}

/** True for an absolute http(s) address. */
export function isUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !/\s/.test(text);
  } catch {
    return false;
  }
}

/** True for a phone number as people write them: digits, spaces, + ( ) . - and at least 6 digits. */
export function isPhone(text: string): boolean {
  return /^\+?[\d\s().-]+$/.test(text) && text.replace(/\D/g, '').length >= 6;
}

/** The check for each declared format (`text` has none). */
export const FORMAT_CHECKS: Readonly<Record<'email' | 'url' | 'phone', (text: string) => boolean>> = {
  email: isEmail,
  url: isUrl,
  phone: isPhone,
};

/** Spaces people put between groups of digits: space, no-break, narrow no-break, thin. */
const GROUP_SPACES = /[ \u00a0\u202f\u2009]/g;

/** The decimal and group marks of `lang` (fr: "," and a narrow no-break space; en: "." and ","). */
function marks(lang: string): { decimal: string; group: string } {
  let decimal = '.';
  let group = ',';
  try {
    const parts = new Intl.NumberFormat(lang).formatToParts(12345.5);
    decimal = parts.find((p) => p.type === 'decimal')?.value ?? decimal;
    group = parts.find((p) => p.type === 'group')?.value ?? group;
  } catch {
    // an unknown language reads numbers the English way
  }
  return { decimal, group };
}

/**
 * A number as people type it in `lang`: "1 400" (any kind of space between
 * groups), "1,200" in English, "1 200,5" and "1,5" in French, "1.5" in
 * English. A mark that could be either a decimal or a thousands separator
 * ("1,5" in English, "1.200" in French) is refused rather than guessed.
 * Returns undefined for anything that is not one number.
 */
export function parseNumber(text: string, lang = 'en'): number | undefined {
  const { decimal, group } = marks(lang);
  let s = text.trim().replace(/^[\u2212\u2013]/, '-');
  const sign = s.startsWith('-') ? -1 : 1;
  if (s.startsWith('-') || s.startsWith('+')) s = s.slice(1);
  // groups of three digits after spaces, or after the language's own group mark
  const spaced = s.replace(GROUP_SPACES, ' ');
  const groupMark = /\s/.test(group) ? ' ' : group;
  const other = decimal === '.' ? ',' : '.';
  let whole: string;
  let fraction = '';
  const decimals = spaced.split(decimal);
  if (decimals.length > 2) return undefined;
  [whole = '', fraction = ''] = decimals;
  if (decimals.length === 1 && other !== groupMark && whole.split(other).length === 2) {
    // the other mark once, as in "1.5" typed in French: a decimal point unless it reads as thousands
    const [w = '', f = ''] = whole.split(other);
    if (/^\d{3}$/.test(f)) return undefined;
    whole = w;
    fraction = f;
    if (fraction === '') return undefined;
  }
  if (decimals.length === 2 && fraction === '') return undefined;
  if (!/^\d*$/.test(fraction)) return undefined;
  const groups = whole.includes(' ') ? whole.split(' ') : groupMark !== ' ' && whole.includes(groupMark) ? whole.split(groupMark) : [whole];
  if (groups.length > 1 && (!/^\d{1,3}$/.test(groups[0] ?? '') || groups.slice(1).some((g) => !/^\d{3}$/.test(g)))) return undefined;
  const digits = groups.join('');
  if (!/^\d+$/.test(digits) && !(digits === '' && fraction !== '')) return undefined;
  const n = sign * Number(`${digits || '0'}.${fraction || '0'}`);
  return Number.isFinite(n) ? n : undefined;
}

/** `n` written the way `lang` writes numbers (1 400,5 in French), to show back what was understood. */
export function showNumber(n: number, lang = 'en'): string {
  // a whole number under 1,000 is written alike in every language this formats for: no grouping, no decimals
  if (Number.isInteger(n) && n >= 0 && n < 1000) return String(n);
  let format = NUMBER_FORMATS.get(lang);
  if (format === undefined) {
    try {
      const intl = new Intl.NumberFormat(lang, { maximumFractionDigits: 20 });
      format = (v) => intl.format(v);
    } catch {
      format = String;
    }
    NUMBER_FORMATS.set(lang, format);
  }
  return format(n);
}

/** One formatter per language: building an Intl.NumberFormat costs far more than using one. */
const NUMBER_FORMATS = new Map<string, (n: number) => string>();

/**
 * A web address as people type it: "acme.example" or "www.acme.example/aide"
 * becomes "https://acme.example"...; an http(s) address is kept as typed.
 * Undefined for what is not a host name with a dot (spaces, one word, mailto:).
 */
export function normaliseUrl(text: string): string | undefined {
  const s = text.trim();
  if (s === '' || /\s/.test(s)) return undefined;
  if (/^[a-z][a-z\d+.-]*:/i.test(s) && !/^[^:/]+:\d+(\/|$)/.test(s)) return isUrl(s) ? s : undefined;
  const url = `https://${s.replace(/^\/\//, '')}`;
  return isUrl(url) && hasDottedHost(url) ? url : undefined;
}

function hasDottedHost(url: string): boolean {
  const host = new URL(url).hostname;
  return /^[^.]+(\.[^.]+)+$/.test(host);
}

/**
 * A variable's value as it is kept: a `url` gets https:// when it has no
 * scheme, the others are trimmed. Undefined when the value does not have
 * the variable's format.
 */
export function normaliseValue(format: string | undefined, text: string): string | undefined {
  const s = text.trim();
  if (format === 'url') return normaliseUrl(s);
  const check = format && Object.hasOwn(FORMAT_CHECKS, format) ? FORMAT_CHECKS[format as keyof typeof FORMAT_CHECKS] : undefined;
  return !check || check(s) ? s : undefined;
}

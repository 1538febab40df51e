/**
 * The catalogue of words, one file per language (`en.ts`, `fr.ts`, ...), each
 * with the English file's keys. A playbook's or environment's language tag
 * picks its catalogue: the exact tag, else its base language (`fr-CA` ->
 * `fr`), else English.
 */
import { typeset } from '../messages/typography.js';
import { en } from './en.js';
import { fr } from './fr.js';
import type { Catalogue, ReportWords, Words } from './types.js';

export type { Catalogue, ReportWords, Words };

/**
 * A catalogue's words as its readers expect them set: every text, and every
 * text a function of the catalogue returns, through the typography the
 * messages use (in French, a narrow no-break space before `; : ! ?` and
 * inside « »). The files write plain spaces; the rule lives in one place.
 */
function typesetCatalogue(catalogue: Catalogue): Catalogue {
  const lang = catalogue.lang;
  if (typeset('a : b', lang) === 'a : b') return catalogue;
  const set = (value: unknown, key: string): unknown => {
    if (key === 'lang' || key === 'dateLocale') return value;
    if (typeof value === 'string') return typeset(value, lang);
    if (typeof value === 'function') {
      const fn = value as (...args: unknown[]) => unknown;
      const wrapped = (...args: unknown[]): unknown => {
        const out = fn(...args);
        return typeof out === 'string' ? typesetAround(out, args, lang) : out;
      };
      return Object.defineProperty(wrapped, 'length', { value: fn.length });
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, set(v, k)]));
    }
    return value;
  };
  return set(catalogue, '') as Catalogue;
}

/** Text a typography could change: its marks and quotes. */
const MARKED = /[:;!?«»"']/;

/**
 * `out` set in `lang`'s typography, the texts given as arguments left as
 * they are: they are values of a file or YAML to type (`title: "a: b"`),
 * which a space before a colon would break, or words already set.
 */
function typesetAround(out: string, args: readonly unknown[], lang: string): string {
  const kept = [...new Set(args.filter((a): a is string => typeof a === 'string' && MARKED.test(a)))].sort((a, b) => b.length - a.length);
  if (kept.length === 0) return typeset(out, lang);
  const mark = (i: number) => `\u0000${i}\u0000`;
  let masked = out;
  kept.forEach((text, i) => (masked = masked.split(text).join(mark(i))));
  let set = typeset(masked, lang);
  kept.forEach((text, i) => (set = set.split(mark(i)).join(text)));
  return set;
}

/** Every language the program speaks, English first, as the files write them (`catalogueFor` gives them set). */
export const CATALOGUES: readonly Catalogue[] = [en, fr];

const byTag = new Map<string, Catalogue>(CATALOGUES.map((c) => [c.lang.toLowerCase(), c]));
const setCatalogues = new Map<Catalogue, Catalogue>();

/** A catalogue set in its typography once, when first asked for: an English run never sets the French words. */
function typesetOnce(catalogue: Catalogue): Catalogue {
  let set = setCatalogues.get(catalogue);
  if (!set) {
    set = typesetCatalogue(catalogue);
    setCatalogues.set(catalogue, set);
  }
  return set;
}

/** The catalogue of a language tag, set in its typography; English when the language has none. */
export function catalogueFor(lang: string | undefined): Catalogue {
  const tag = (lang ?? '').toLowerCase().replace(/_/g, '-');
  return typesetOnce(byTag.get(tag) ?? byTag.get(tag.split('-')[0] ?? '') ?? en);
}

/** The language tags that have a catalogue. */
export function catalogueLangs(): string[] {
  return CATALOGUES.map((c) => c.lang);
}

/** The terminal's words for a language tag; English when the language is not translated. */
export function wordsFor(lang: string): Words {
  return catalogueFor(lang).ui;
}

/** The report's value words for a language tag. */
export function reportWordsFor(lang: string): ReportWords {
  return catalogueFor(lang).report;
}

/**
 * `template` with each `{}` replaced by the next value, in one pass: a value
 * is put in as written, whatever it holds (`$&`, `{}`), never read as a
 * pattern or filled in again.
 */
export function fill(template: string, ...values: Array<string | number>): string {
  let next = 0;
  return template.replace(/\{\}/g, (slot) => (next < values.length ? String(values[next++]) : slot));
}

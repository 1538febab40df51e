/**
 * The catalogue of words, one file per language (`en.ts`, `fr.ts`, ...), each
 * with the English file's keys. A playbook's or environment's language tag
 * picks its catalogue: the exact tag, else its base language (`fr-CA` ->
 * `fr`), else English.
 */
import { en } from './en.js';
import { fr } from './fr.js';
import type { Catalogue, ReportWords, Words } from './types.js';

export type { Catalogue, ReportWords, Words };

/** Every language the program speaks, English first. */
export const CATALOGUES: readonly Catalogue[] = [en, fr];

const byTag = new Map<string, Catalogue>(CATALOGUES.map((c) => [c.lang.toLowerCase(), c]));

/** The catalogue of a language tag; English when the language has none. */
export function catalogueFor(lang: string | undefined): Catalogue {
  const tag = (lang ?? '').toLowerCase().replace(/_/g, '-');
  return byTag.get(tag) ?? byTag.get(tag.split('-')[0] ?? '') ?? en;
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

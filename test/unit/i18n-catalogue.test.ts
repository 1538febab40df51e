/**
 * The catalogue of words: one file per language in src/i18n/, each with
 * exactly the English file's keys, each registered, each value of the same
 * kind (a text, or a function of the same arguments) as in English.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, catalogueFor, catalogueLangs, fill, wordsFor } from '../../src/i18n/index.js';
import { en } from '../../src/i18n/en.js';
import { fr } from '../../src/i18n/fr.js';
import { frenchTypography } from '../../src/messages/typography.js';

const DIR = new URL('../../src/i18n/', import.meta.url);
const NOT_LANGUAGES = new Set(['index.ts', 'types.ts']);

/** Every key path of the words, with the kind of value found there. */
function shape(words: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(words)) {
    const path = prefix + key;
    if (key === 'dateLocale') out.set(path, 'locale');
    else if (typeof value === 'function') out.set(path, `function/${value.length}`);
    else if (value !== null && typeof value === 'object') for (const [k, v] of shape(value as object, `${path}.`)) out.set(k, v);
    else out.set(path, typeof value);
  }
  return out;
}

/** Every text of the words, functions called with sample arguments. */
function texts(words: object, prefix = ''): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(words)) {
    const path = prefix + key;
    if (key === 'dateLocale' || key === 'lang') continue;
    if (typeof value === 'string') out.push([path, value]);
    else if (typeof value === 'function') {
      const args = Array.from({ length: value.length }, (_, i) =>
        key === 'checklist' ? { done: 2, skipped: 1, na: 1, not_done: 0, total: 4 } : key === 'updates' ? 2 : `X${i}`,
      );
      out.push([path, String((value as (...a: unknown[]) => unknown)(...args))]);
    } else if (value !== null && typeof value === 'object') out.push(...texts(value as object, `${path}.`));
  }
  return out;
}

describe('the catalogue', () => {
  it('has a file for every language it lists, and lists every file', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !NOT_LANGUAGES.has(f));
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual([...catalogueLangs()].sort());
    expect(CATALOGUES[0]).toBe(en);
  });

  it('has every key of the English catalogue in every language, and no other', () => {
    const english = shape(en);
    expect(english.size).toBeGreaterThan(150);
    for (const catalogue of CATALOGUES) {
      expect(Object.fromEntries(shape(catalogue)), catalogue.lang).toEqual(Object.fromEntries(english));
    }
  });

  it('has no empty text', () => {
    for (const catalogue of CATALOGUES) {
      for (const [path, text] of texts(catalogue)) expect(text.trim(), `${catalogue.lang}: ${path}`).not.toBe('');
    }
  });

  it('says each thing in its own words: no text is left in English in another language', () => {
    const english = new Map(texts(en));
    for (const catalogue of CATALOGUES.filter((c) => c !== en)) {
      const same = texts(catalogue).filter(([path, text]) => english.get(path) === text && /[a-z]{4,}/i.test(text));
      // words that are the same in both languages
      expect(same.map(([p]) => p).filter((p) => !/^(ui\.(phase|note|segments)|show\.(variables|phases|messages|colSource)|notify\.incident|channels\.(x|threads|instagram|linkedin|facebook|whatsapp|email)|authoring\.nouns\.messages)$/.test(p)), catalogue.lang).toEqual([]);
    }
  });

  it('picks the exact tag, else the base language, else English', () => {
    expect(catalogueFor('fr-CA').lang).toBe('fr');
    expect(catalogueFor('FR').lang).toBe('fr');
    expect(catalogueFor('fr_BE').lang).toBe('fr');
    expect(catalogueFor('de').lang).toBe('en');
    expect(catalogueFor(undefined).lang).toBe('en');
    expect(wordsFor('fr')).toBe(catalogueFor('fr').ui);
  });
});

describe('French', () => {
  it('uses one apostrophe, the typographic one, and a space before : ; ? !', () => {
    for (const [path, text] of texts(catalogueFor('fr'))) {
      expect(text, `${path}: typographic apostrophe`).not.toContain("'");
      expect(text, `${path}: a space before : ; ? !`).not.toMatch(/[^\s\u202f\u00a0][:;?!](\s|$)/);
    }
  });

  it('is read with the narrow no-break space of French typography before : ; ? ! and inside « », as messages are', () => {
    for (const [path, text] of texts(catalogueFor('fr'))) {
      expect(text, `${path}: a breakable or wide space before a mark`).not.toMatch(/[ \u00a0][:;?!»]|«[ \u00a0]/);
      expect(frenchTypography(text), path).toBe(text);
    }
    expect(catalogueFor('fr').ui.colon).toBe('\u202f: ');
    expect(catalogueFor('fr').notify.headline.severity('P1')).toBe('Gravité P1\u202f: vous êtes alerté');
    // a function keeps its arguments
    expect(catalogueFor('fr').report.late.length).toBe(1);
  });

  it('writes plain spaces before marks and leaves the spacing to the typography: one rule, in one place', () => {
    for (const [path, text] of texts(fr)) {
      expect(text, `${path}: write a plain space; French typography is applied when the catalogue is read`).not.toMatch(/[\u00a0\u202f][:;?!»]|«[\u00a0\u202f]/);
    }
  });

  it('leaves English as written', () => {
    expect(catalogueFor('en')).toBe(en);
  });
});

describe('fill', () => {
  it('puts each value in as written, in one pass: $& and {} in a value are text', () => {
    expect(fill('wrote {}', 'a$&b.md')).toBe('wrote a$&b.md');
    expect(fill("{} then {}", "x{}y", "$'")).toBe("x{}y then $'");
    expect(fill('{} of {}', 3, 5)).toBe('3 of 5');
    // a missing value leaves its slot visible rather than inventing one
    expect(fill('{} and {}', 'one')).toBe('one and {}');
  });
});

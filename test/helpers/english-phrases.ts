/**
 * The English catalogue's own phrases, to look for in what a French run
 * prints: every phrase of two words or more that the English catalogue has
 * and the French one does not say the same way.
 */
import { en } from '../../src/i18n/en.js';
import { fr } from '../../src/i18n/fr.js';

/** Names that read the same in both languages (channels' brand names). */
const PROPER = /\b(X \(Twitter\)|Facebook|Instagram|WhatsApp|LinkedIn|SMS|OSC 52|SSH|tmux|xclip|xsel|wl-clipboard|Atom)\b/;
const MARK = '\u0000';

/** The fixed text around a value's placeholders: `{}` in strings, the arguments of a function. */
function fragments(value: unknown): string[] {
  if (typeof value === 'string') return value.split('{}');
  if (typeof value === 'function') {
    const sample = { done: 1, skipped: 1, na: 1, not_done: 1, total: 5 };
    const args = Array.from({ length: value.length }, () => MARK);
    try {
      const out = String(value(...(value.length === 1 && /c\.done/.test(String(value)) ? [sample] : args)));
      return out.split(MARK).flatMap((s) => s.split(/\d+/));
    } catch {
      return [];
    }
  }
  return [];
}

/** Every phrase of two words or more that the English catalogue has and the French one does not. */
export function englishPhrases(): string[] {
  const phrases = new Set<string>();
  const walk = (e: unknown, f: unknown): void => {
    if (e && typeof e === 'object' && !Array.isArray(e)) {
      for (const [k, v] of Object.entries(e)) if (k !== 'dateLocale') walk(v, (f as Record<string, unknown> | undefined)?.[k]);
      return;
    }
    const bare = (s: string): string => s.replace(/^[\s,.;:()"“”'-]+|[\s,.;:()"“”'-]+$/g, '');
    const same = new Set(fragments(f).map(bare));
    for (const raw of fragments(e)) {
      const phrase = bare(raw);
      if (phrase.split(/\s+/).filter((w) => /[A-Za-z]/.test(w)).length < 2) continue;
      if (same.has(phrase) || PROPER.test(phrase)) continue;
      phrases.add(phrase);
    }
  };
  walk(en, fr);
  return [...phrases];
}

/** The English catalogue's phrases found in each named output, as `name: "phrase"`. */
export function englishIn(outputs: Record<string, string>): string[] {
  const phrases = englishPhrases();
  const found: string[] = [];
  for (const [name, out] of Object.entries(outputs)) {
    for (const phrase of phrases) if (out.includes(phrase)) found.push(`${name}: "${phrase}"`);
  }
  return found;
}

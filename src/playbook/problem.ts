/**
 * A problem found in a playbook before it has a position: a path into the
 * data, which the loader turns into `file:line:col` with the YAML source map.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { AuthoringWords } from './words.js';

/** A path into the parsed data: keys and list indexes. */
export type DataPath = (string | number)[];

export interface Problem {
  path: DataPath;
  message: string;
  severity: 'error' | 'warning';
  /** Point at the key of the last path segment rather than its value (unknown keys, duplicate keys). */
  at?: 'key' | 'value';
  /** Another place involved (the first of two duplicates); its line is appended to the message. */
  related?: DataPath;
  /** An unknown key's likely meaning: a missing-key problem for this key says nothing more. */
  suggestedKey?: string;
  /** The key a missing-key problem is about. */
  missingKey?: string;
}

/** The candidate closest to `word`, when it is close enough to be a likely typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || word === '') return undefined;
  const best = closest(word, [...candidates]);
  const limit = best.length <= 3 ? 1 : best.length <= 6 ? 2 : 3;
  return distance(word.toLowerCase(), best.toLowerCase()) <= limit ? best : undefined;
}

/**
 * ` (did you mean "x"?)`, or a list of the allowed values (after `noun`,
 * when given) when few enough, or nothing; said with `w`.
 */
export function suggest(w: AuthoringWords, word: string, candidates: readonly string[], noun: string | undefined = w.nouns.expected, max = 12): string {
  const best = didYouMean(word, candidates);
  if (best !== undefined) return w.didYouMean(best);
  if (candidates.length === 0 || noun === undefined) return '';
  if (candidates.length <= max) return w.listed(noun, candidates.join(', '));
  return '';
}

/** A short, quoted rendering of a value for error messages. */
export function showValue(value: unknown, w: AuthoringWords): string {
  if (value === null || value === undefined) return w.values.nothing;
  if (typeof value === 'string') {
    const oneLine = value.replace(/\s+/g, ' ');
    return w.quote(oneLine.length > 40 ? `${oneLine.slice(0, 37)}...` : oneLine);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return w.values.list;
  // what YAML's explicit tags make: say which, and how to write text instead
  if (value instanceof Date) return w.values.timestamp;
  if (value instanceof Uint8Array) return w.values.binary;
  if (value instanceof Set) return w.values.set;
  if (value instanceof Map) return w.values.orderedMap;
  return w.values.mapping;
}

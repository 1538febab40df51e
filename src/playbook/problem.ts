/**
 * A problem found in a playbook before it has a position: a path into the
 * data, which the loader turns into `file:line:col` with the YAML source map.
 */
import { closest, distance } from 'fastest-levenshtein';

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
}

/** The candidate closest to `word`, when it is close enough to be a likely typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || word === '') return undefined;
  const best = closest(word, [...candidates]);
  const limit = best.length <= 3 ? 1 : best.length <= 6 ? 2 : 3;
  return distance(word.toLowerCase(), best.toLowerCase()) <= limit ? best : undefined;
}

/** ` (did you mean "x"?)`, or a list of the allowed values when few enough, or nothing. */
export function hint(word: string, candidates: readonly string[], noun = 'expected', max = 12): string {
  const best = didYouMean(word, candidates);
  if (best !== undefined) return ` (did you mean "${best}"?)`;
  if (candidates.length === 0) return '';
  if (candidates.length <= max) return `; ${noun}: ${candidates.join(', ')}`;
  return '';
}

/** A short, quoted rendering of a value for error messages. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') {
    const oneLine = value.replace(/\s+/g, ' ');
    return JSON.stringify(oneLine.length > 40 ? `${oneLine.slice(0, 37)}...` : oneLine);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  // what YAML's explicit tags make: say which, and how to write text instead
  if (value instanceof Date) return 'a date made by the !!timestamp tag (remove the tag, or put the value in quotes)';
  if (value instanceof Uint8Array) return 'binary data made by the !!binary tag (remove the tag and write the text itself)';
  if (value instanceof Set) return 'a set made by the !!set tag (remove the tag)';
  if (value instanceof Map) return 'an ordered map made by the !!omap or !!pairs tag (remove the tag)';
  return 'a mapping';
}

/**
 * The one way of choosing the language of what is said about a playbook
 * (validate's diagnostics, the answers file's errors): the playbook's own
 * `lang:` when the file got far enough to have one, else the language the
 * caller passes (the environment's), else English.
 */
import { catalogueFor, type Catalogue } from '../i18n/index.js';
import { LANG_PATTERN } from './names.js';

/** The words of diagnostics about playbooks, config.yaml and answers files. */
export type AuthoringWords = Catalogue['authoring'];

/** A top-level `lang: xx` line, quoted or not, with or without a comment after it. */
const LANG_LINE = /^lang:[ \t]*(["']?)([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)\1[ \t]*(?:#.*)?$/m;

/**
 * The `lang:` a playbook's text declares, read from its top-level line, so
 * that a file the YAML parser stops on still speaks its own language.
 */
export function declaredLang(text: string): string | undefined {
  return LANG_LINE.exec(text)?.[2];
}

/**
 * The words for a playbook whose data (when parsed) or text declares a
 * language; `fallback` (the environment's language) when neither does.
 */
export function authoringWords(declared: { data?: unknown; text?: string }, fallback?: string): AuthoringWords {
  const data = declared.data;
  const fromData = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).lang : undefined;
  const lang = typeof fromData === 'string' && LANG_PATTERN.test(fromData) ? fromData : declared.text !== undefined ? declaredLang(declared.text) : undefined;
  return catalogueFor(lang ?? fallback).authoring;
}

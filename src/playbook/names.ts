/**
 * The shapes of ids and file names, without zod or YAML, so that finding and
 * listing playbooks loads nothing heavy (`crisis list` stays near Node's start-up).
 */
import { basename } from 'node:path';

/** The line a playbook starts with, the same in every language (messages quote it as the fix). */
export const FIRST_LINE = 'format: 1';

/** Ids of variables, roles, severities, phases, steps and messages. */
export const ID_PATTERN = /^[a-z][a-z0-9_-]*$/;
/** A playbook id: kebab-case, safe in file names and incident ids. */
export const PLAYBOOK_ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** A BCP-47-like language tag: `en`, `fr`, `pt-BR`. */
export const LANG_PATTERN = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/**
 * What the file name says: `<id>.<lang>.yaml` or `<id>.yaml`.
 * The name is the contract `crisis list` relies on without parsing.
 */
export function idFromFileName(file: string): { id: string; lang?: string } {
  const name = basename(file).replace(/\.ya?ml$/i, '');
  const dot = name.lastIndexOf('.');
  if (dot > 0) return { id: name.slice(0, dot), lang: name.slice(dot + 1) };
  return { id: name };
}

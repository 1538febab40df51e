/**
 * Templates compiled when crisis is built. Compiling the built-in report
 * template is most of a hundred milliseconds on a cold start (Handlebars'
 * parser and code generator run once, unoptimised), so the build
 * (scripts/build.mjs) compiles the report and timeline templates of each
 * language with the very engine that renders them, and ships the code
 * next to the chunks (`dist/chunks/templates.json`, named by
 * __CRISIS_TEMPLATES__). The code is found by the template's exact text: a
 * template edited since, or a team's own, is compiled at run time as
 * before. Run from sources (tests), there is no such file.
 */
import { readFileSync } from 'node:fs';
import type { CompiledAhead } from './engine.js';

declare const __CRISIS_TEMPLATES__: string | undefined;

/** The build's output: pairs of a template's text and Handlebars' code for it (plain text, not escaped). */
export type CompiledTemplates = Array<[text: string, code: string]>;

let shipped: Map<string, string> | undefined;

/** The code the build compiled for `source` (plain text only), if any. */
export const compiledAhead: CompiledAhead = (source, escape) => {
  if (escape || typeof __CRISIS_TEMPLATES__ !== 'string') return undefined;
  shipped ??= readShipped(new URL(__CRISIS_TEMPLATES__, import.meta.url));
  return shipped.get(source);
};

function readShipped(file: URL): Map<string, string> {
  try {
    return new Map(JSON.parse(readFileSync(file, 'utf8')) as CompiledTemplates);
  } catch {
    // a package without it still works, compiling at run time
    return new Map();
  }
}

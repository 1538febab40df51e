/**
 * Templates compiled when crisis is built. Compiling the built-in report
 * template is most of a hundred milliseconds on a cold start (Handlebars'
 * parser and code generator run once, unoptimised), so the build
 * (scripts/build.mjs) compiles the report and timeline templates of each
 * language with the very engine that renders them, and ships the code
 * next to the chunks (`dist/chunks/templates.json`, named by
 * __CRISIS_TEMPLATES__). The code is found by the template's exact text: a
 * template edited since, or a team's own, is compiled at run time as
 * before. The option labels of the built-in playbooks that are templates
 * (`at {{support_email}}`) are compiled too, by the message engine: a report
 * printing such an answer ran Handlebars' compiler, cold, for them alone.
 * Each engine has its own list, its helpers being others. Run from sources
 * (tests), there is no such file.
 */
import { readFileSync } from 'node:fs';
import type { CompiledAhead } from './engine.js';

declare const __CRISIS_TEMPLATES__: string | undefined;

/** Pairs of a template's text and Handlebars' code for it (plain text, not escaped). */
export type CompiledTemplates = Array<[text: string, code: string]>;

/** The build's output: the report's templates, compiled by the report engine, and the built-in option labels, by the message engine. */
export interface ShippedTemplates {
  report: CompiledTemplates;
  messages: CompiledTemplates;
}

let shipped: Record<keyof ShippedTemplates, Map<string, string>> | undefined;

/** The code the build compiled with the `engine` named for `source` (plain text only), if any. */
export function compiledAheadFor(engine: keyof ShippedTemplates): CompiledAhead {
  return (source, escape) => {
    if (escape || typeof __CRISIS_TEMPLATES__ !== 'string') return undefined;
    shipped ??= readShipped(new URL(__CRISIS_TEMPLATES__, import.meta.url));
    return shipped[engine].get(source);
  };
}

function readShipped(file: URL): Record<keyof ShippedTemplates, Map<string, string>> {
  try {
    const read = JSON.parse(readFileSync(file, 'utf8')) as ShippedTemplates;
    return { report: new Map(read.report), messages: new Map(read.messages) };
  } catch {
    // a package without it still works, compiling at run time
    return { report: new Map(), messages: new Map() };
  }
}

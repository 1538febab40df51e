/**
 * Handlebars, loaded on first use. Messages rarely need it (interpret.ts
 * renders the usual templates without it; every built-in one), so the
 * commands that render messages do not pay for loading it at start-up.
 * The build bundles it into one CommonJS file next to the chunks
 * (`dist/chunks/handlebars.cjs`, named by __CRISIS_HANDLEBARS__), which
 * `require` loads synchronously; run from sources, it is the package itself.
 */
import { createRequire } from 'node:module';
import type HandlebarsType from 'handlebars';

declare const __CRISIS_HANDLEBARS__: string | undefined;

const SPECIFIER = typeof __CRISIS_HANDLEBARS__ === 'string' ? __CRISIS_HANDLEBARS__ : 'handlebars';

/** Handlebars' helpers in a fresh environment, before any is registered. */
export const BUILT_IN_HELPERS: readonly string[] = ['blockHelperMissing', 'each', 'helperMissing', 'if', 'unless', 'log', 'lookup', 'with'];

let loaded: typeof HandlebarsType | undefined;

/** The Handlebars module (its default export), loaded the first time it is asked for. */
export function handlebars(): typeof HandlebarsType {
  if (!loaded) {
    const module = createRequire(import.meta.url)(SPECIFIER) as typeof HandlebarsType & { default?: typeof HandlebarsType };
    loaded = module.default ?? module;
  }
  return loaded;
}

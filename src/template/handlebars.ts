/**
 * Handlebars, loaded on first use, so that commands that render nothing do
 * not pay for loading it at start-up.
 * The build bundles it into one CommonJS file next to the chunks
 * (`dist/chunks/handlebars.cjs`, named by __CRISIS_HANDLEBARS__), which
 * `require` loads synchronously; run from sources, it is the package itself.
 */
import { createRequire } from 'node:module';
import type HandlebarsType from 'handlebars';

declare const __CRISIS_HANDLEBARS__: string | undefined;

const SPECIFIER = typeof __CRISIS_HANDLEBARS__ === 'string' ? __CRISIS_HANDLEBARS__ : 'handlebars';

let loaded: typeof HandlebarsType | undefined;

/** The Handlebars module (its default export), loaded the first time it is asked for. */
export function handlebars(): typeof HandlebarsType {
  if (!loaded) {
    const module = createRequire(import.meta.url)(SPECIFIER) as typeof HandlebarsType & { default?: typeof HandlebarsType };
    loaded = module.default ?? module;
  }
  return loaded;
}

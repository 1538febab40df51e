/**
 * Messages and option labels through the template engine: plain text, the
 * message helpers reading the render context. Failures are TemplateErrors
 * naming the message and channel (or the step option) they come from.
 */
import { HELPERS, type RenderContext } from './helpers.js';
import { showNumber } from '../playbook/formats.js';
import { TemplateError, templateEngine, type TemplateProblem, type TemplateSite } from '../template/engine.js';
import { compiledAheadFor } from '../template/ahead.js';

export { TemplateError, describeSite, templateProblem, type TemplateField, type TemplateSite, type TemplateWords } from '../template/engine.js';

const engine = templateEngine(HELPERS, compiledAheadFor('messages'));

/** Renders `source` with `view`, the helpers reading `ctx`; throws a TemplateError without a site. */
export function runTemplate(source: string, view: object, ctx: RenderContext): string {
  return engine.render(source, view, { data: { crisis: ctx }, number: (n) => showNumber(n, ctx.lang) });
}

/** The problem `source` has before rendering (syntax, unknown helper, wrong arguments), if any. */
export function templateSyntaxProblem(source: string): TemplateProblem | undefined {
  return engine.check(source);
}

/** Handlebars' code for `source` as this engine compiles it, for the build to ship (undefined when it has a problem). */
export function precompileTemplate(source: string): string | undefined {
  return engine.precompile(source);
}

/** `runTemplate` that reports failures as a TemplateError at `site`. */
export function renderAt(site: TemplateSite, source: string, view: object, ctx: RenderContext): string {
  try {
    return runTemplate(source, view, ctx);
  } catch (error) {
    if (error instanceof TemplateError) throw error.at(site);
    throw error;
  }
}

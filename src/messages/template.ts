/**
 * The Handlebars engine behind every message: one isolated environment
 * (`Handlebars.create()`, so nothing registered elsewhere leaks in), strict
 * mode (an undefined variable is an error, never an empty string in a public
 * post), no HTML escaping (messages are plain text), each template parsed
 * and compiled once.
 */
import type Handlebars from 'handlebars';
import { BUILT_IN_HELPERS, handlebars } from './handlebars.js';
import { HELPERS, HelperError, MissingArgumentError, type RenderContext, type SourceLoc } from './helpers.js';
import { GIVE_UP, interpret, planOf, quickAst, type Plan } from './interpret.js';

/** Why a template could not be rendered. */
export interface TemplateProblem {
  kind: 'syntax' | 'undefined' | 'helper';
  /** One line a person can act on. */
  detail: string;
  /** For `undefined`: the variable's path as written, e.g. `incident.resolved_at`. */
  variable?: string;
}

/** Thrown by `runTemplate`; callers add which message and channel it was. */
export class TemplateRunError extends Error {
  constructor(readonly problem: TemplateProblem) {
    super(problem.detail);
    this.name = 'TemplateRunError';
  }
}

let environment: typeof Handlebars | undefined;

/** The isolated Handlebars environment with crisis's helpers, created on first use. */
function hb(): typeof Handlebars {
  if (!environment) {
    environment = handlebars().create();
    for (const [name, fn] of Object.entries(HELPERS)) environment.registerHelper(name, fn);
  }
  return environment;
}

/**
 * The helpers the environment will have, known without creating it: what a
 * template name means for the interpreter (a test checks them against the
 * environment's own). Handlebars' built-ins are never called from here.
 */
export const ENVIRONMENT_HELPERS: Readonly<Record<string, unknown>> = {
  ...Object.fromEntries(BUILT_IN_HELPERS.map((name) => [name, undefined])),
  ...HELPERS,
};

/**
 * A template ready to run: `plan` when the interpreter can render it (see
 * interpret.ts), and Handlebars' own template, compiled on its first call only.
 */
type Compiled = { ok: true; run: Handlebars.TemplateDelegate; plan?: Plan } | { ok: false; problem: TemplateProblem };

const OWN_HELPERS: ReadonlySet<string> = new Set(Object.keys(HELPERS));

const cache = new Map<string, Compiled>();

function syntaxProblem(error: unknown): TemplateProblem {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split('\n');
  // Handlebars: "Parse error on line 2:", the source excerpt, a caret, "Expecting ..., got ...".
  const head = lines[0] ?? message;
  if (head.startsWith('Parse error') && lines.length >= 4) {
    const near = (lines[1] ?? '').trim();
    return { kind: 'syntax', detail: `template syntax error: ${head.replace(/:$/, '')}, near "${near}": ${lines.slice(3).join(' ')}` };
  }
  return { kind: 'syntax', detail: `template syntax error: ${message.replace(/\s+/g, ' ')}` };
}

function compile(source: string): Compiled {
  let compiled = cache.get(source);
  if (!compiled) {
    // The simplest templates are planned without Handlebars' parser; Handlebars
    // parses and compiles them only if the interpreter gives up.
    const quick = quickAst(source);
    const plan = quick ? planOf(quick, ENVIRONMENT_HELPERS, OWN_HELPERS) : undefined;
    if (plan) {
      let run: Handlebars.TemplateDelegate | undefined;
      compiled = { ok: true, plan, run: (view, options) => (run ??= hb().compile(hb().parse(source), { strict: true, noEscape: true }))(view, options) };
      cache.set(source, compiled);
      return compiled;
    }
    try {
      const env = hb();
      const ast = env.parse(source);
      const plan = planOf(ast, ENVIRONMENT_HELPERS, OWN_HELPERS);
      compiled = { ok: true, run: env.compile(ast, { strict: true, noEscape: true }), ...(plan ? { plan } : {}) };
    } catch (error) {
      compiled = { ok: false, problem: syntaxProblem(error) };
    }
    cache.set(source, compiled);
  }
  return compiled;
}

/** The source text at `loc` (lines 1-based, columns 0-based). */
function sliceAt(source: string, loc: SourceLoc): string {
  const lines = source.split('\n');
  if (loc.start.line === loc.end.line) {
    return (lines[loc.start.line - 1] ?? '').slice(loc.start.column, loc.end.column);
  }
  const first = (lines[loc.start.line - 1] ?? '').slice(loc.start.column);
  const middle = lines.slice(loc.start.line, loc.end.line - 1);
  const last = (lines[loc.end.line - 1] ?? '').slice(0, loc.end.column);
  return [first, ...middle, last].join('\n');
}

/** The text of argument `index` of the mustache or sub-expression at `loc`, e.g. `incident.resolved_at`. */
function argumentText(source: string, loc: SourceLoc | undefined, index: number): string | undefined {
  if (!loc) return undefined;
  const text = sliceAt(source, loc);
  const mustache = text.startsWith('(') ? `{{${text.slice(1, -1)}}}` : text;
  try {
    const statement = hb().parse(mustache).body[0];
    const param = statement?.type === 'MustacheStatement' ? (statement as hbs.AST.MustacheStatement).params[index] : undefined;
    return param?.type === 'PathExpression' ? (param as hbs.AST.PathExpression).original : undefined;
  } catch {
    return undefined;
  }
}

function undefinedProblem(variable: string): TemplateProblem {
  return { kind: 'undefined', variable, detail: `variable "${variable}" is not defined` };
}

/** The first `{{name args}}` whose name is not a helper, as written, e.g. `brand support_email`. */
function variableCalledWithArguments(source: string): string | undefined {
  let found: string | undefined;
  const visit = (node: unknown): void => {
    if (found !== undefined || typeof node !== 'object' || node === null) return;
    const n = node as { type?: string; path?: { type?: string; original?: unknown }; params?: unknown[]; loc?: SourceLoc };
    if ((n.type === 'MustacheStatement' || n.type === 'SubExpression') && n.params?.length && n.path?.type === 'PathExpression') {
      const name = String(n.path.original);
      if (!Object.hasOwn(HELPERS, name) && n.loc) found = sliceAt(source, n.loc).replace(/^\{\{|\}\}$|^\(|\)$/g, '').trim();
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (typeof value === 'object' && value !== null && value !== n.loc) visit(value);
    }
  };
  try {
    visit(hb().parse(source));
  } catch {
    return undefined;
  }
  return found;
}

/** Turns whatever Handlebars or a helper threw into a problem naming the culprit. */
function runtimeProblem(error: unknown, source: string): TemplateProblem {
  if (error instanceof MissingArgumentError) {
    const name = argumentText(source, error.loc, error.index);
    return name !== undefined
      ? { ...undefinedProblem(name), detail: `variable "${name}" is not defined (used in {{${error.helper}}})` }
      : { kind: 'undefined', detail: error.message };
  }
  if (error instanceof HelperError) return { kind: 'helper', detail: error.message };
  const message = error instanceof Error ? error.message : String(error);
  // Strict mode: '"foo" not defined in [object Object] - 1:4', with the location of the whole path.
  const strict = /^"(.*)" not defined in /.exec(message);
  if (strict) {
    const e = error as { lineNumber?: number; column?: number; endLineNumber?: number; endColumn?: number };
    const loc =
      e.lineNumber !== undefined && e.column !== undefined
        ? { start: { line: e.lineNumber, column: e.column }, end: { line: e.endLineNumber ?? e.lineNumber, column: e.endColumn ?? e.column } }
        : undefined;
    const path = loc ? sliceAt(source, loc).trim() : '';
    return undefinedProblem(/^[\w.@/[\]-]+$/.test(path) ? path : (strict[1] ?? '?'));
  }
  // Strict lookup of a property on a string or number: "Cannot use 'in' operator to search for 'x' in Acme".
  const onScalar = /Cannot use 'in' operator to search for '(.*)' in (.*)$/.exec(message);
  if (onScalar) {
    return { kind: 'undefined', variable: onScalar[1], detail: `"${onScalar[1]}" is not defined: ${JSON.stringify(onScalar[2])} is a plain value, not an object` };
  }
  // Strict mode calls a non-helper given arguments (`{{brand x}}`, `{{brand.}}`) and fails inside Handlebars.
  if (error instanceof TypeError && /\.call is not a function/.test(message)) {
    const culprit = variableCalledWithArguments(source);
    return {
      kind: 'syntax',
      detail: `${culprit ? `"{{${culprit}}}": "${culprit.split(/[\s.]/)[0]}"` : 'a variable'} is not a helper, so it cannot take arguments; write one variable per {{ }}; the helpers are ${Object.keys(HELPERS).join(", ")}`,
    };
  }
  if (/partial .* could not be found/.test(message)) {
    return { kind: 'syntax', detail: `partials ({{> name}}) are not available in messages: ${message}` };
  }
  return { kind: 'helper', detail: message.replace(/\s+/g, ' ') };
}

/**
 * Renders `source` with `view`, the helpers reading `ctx`. Throws a
 * TemplateRunError for a syntax error, an undefined variable or a helper
 * that cannot do its job.
 */
export function runTemplate(source: string, view: object, ctx: RenderContext): string {
  const compiled = compile(source);
  if (!compiled.ok) throw new TemplateRunError(compiled.problem);
  if (compiled.plan) {
    const text = interpret(compiled.plan, view, ctx);
    if (text !== GIVE_UP) return text;
  }
  try {
    return compiled.run(view, { data: { crisis: ctx } });
  } catch (error) {
    if (error instanceof TemplateRunError) throw error;
    throw new TemplateRunError(runtimeProblem(error, source));
  }
}

/**
 * For tests: `source` rendered both ways, by the interpreter (`interpreted`,
 * undefined when it has no plan for the template or gives up) and by
 * Handlebars (`compiled`, or the error it throws).
 */
export function renderBothWays(source: string, view: object, ctx: RenderContext): { planned: boolean; interpreted?: string; compiled?: string; error?: unknown } {
  const compiled = compile(source);
  if (!compiled.ok) return { planned: false, error: new TemplateRunError(compiled.problem) };
  const text = compiled.plan ? interpret(compiled.plan, view, ctx) : GIVE_UP;
  const result: { planned: boolean; interpreted?: string; compiled?: string; error?: unknown } = { planned: compiled.plan !== undefined };
  if (text !== GIVE_UP) result.interpreted = text;
  try {
    result.compiled = compiled.run(view, { data: { crisis: ctx } });
  } catch (error) {
    result.error = error;
  }
  return result;
}

/** For tests: the plans of `source` from `quickAst` and from Handlebars' parser (undefined where there is none). */
export function plansOf(source: string): { quick?: Plan; parsed?: Plan } {
  const helpers = ENVIRONMENT_HELPERS;
  const quick = quickAst(source);
  let parsed: Plan | undefined;
  try {
    parsed = planOf(hb().parse(source), helpers, OWN_HELPERS);
  } catch {
    parsed = undefined;
  }
  return { ...(quick ? { quick: planOf(quick, helpers, OWN_HELPERS) } : {}), ...(parsed ? { parsed } : {}) };
}

/** The syntax problem of `source`, if any, without rendering it. */
export function templateSyntaxProblem(source: string): TemplateProblem | undefined {
  const compiled = compile(source);
  return compiled.ok ? undefined : compiled.problem;
}

/** Which part of a playbook a template comes from. */
export type TemplateField = 'text' | 'subject' | 'body' | 'label';

/** Where a failing template lives: a message's channel, or a step option's label. */
export interface TemplateSite {
  messageId?: string;
  channel?: string;
  stepId?: string;
  /** 0-based index of the option, for labels. */
  option?: number;
  field: TemplateField;
}

/**
 * A template that cannot be rendered, with where it is: "message "initial",
 * channel "x": variable "foo" is not defined". Expected input error, so
 * callers show `message` without a stack trace.
 */
export class TemplateError extends Error {
  readonly messageId?: string;
  readonly channel?: string;
  readonly stepId?: string;
  readonly option?: number;
  readonly field: TemplateField;
  readonly kind: TemplateProblem['kind'];
  readonly detail: string;
  readonly variable?: string;

  constructor(site: TemplateSite, problem: TemplateProblem) {
    super(`${describeSite(site)}: ${problem.detail}`);
    this.name = 'TemplateError';
    Object.assign(this, site);
    this.field = site.field;
    this.kind = problem.kind;
    this.detail = problem.detail;
    if (problem.variable !== undefined) this.variable = problem.variable;
  }
}

/** `message "initial", channel "email" (subject)` or `step "services", option 2 label`. */
export function describeSite(site: TemplateSite): string {
  if (site.field === 'label') {
    return `step "${site.stepId ?? '?'}", option ${(site.option ?? 0) + 1} label`;
  }
  const where = [`message "${site.messageId ?? '?'}"`];
  if (site.channel !== undefined) where.push(`channel "${site.channel}"`);
  const text = where.join(', ');
  return site.field === 'text' ? text : `${text} (${site.field})`;
}

/** `runTemplate` that reports failures as a TemplateError at `site`. */
export function renderAt(site: TemplateSite, source: string, view: object, ctx: RenderContext): string {
  try {
    return runTemplate(source, view, ctx);
  } catch (error) {
    if (error instanceof TemplateRunError) throw new TemplateError(site, error.problem);
    throw error;
  }
}

/** For tests: the names of the helpers the Handlebars environment has once created. */
export function environmentHelperNames(): string[] {
  return Object.keys(hb().helpers);
}

/**
 * The one template engine: Handlebars, in an isolated environment per set of
 * helpers (`Handlebars.create()`, nothing registered globally), with every
 * template checked before it runs (see check.ts) and every name looked up
 * strictly, in any position: `{{brnad}}`, `{{#if brnad}}`, `{{#each brnad}}`
 * and `{{date brnad}}` are all errors at their line. The strict lookup is
 * compiled into the template (a JavaScriptCompiler whose `resolvePath`
 * calls it, the extension point Handlebars documents), so no error text of
 * Handlebars is ever read back.
 *
 * A name the context *declares* but leaves unset (an answer not given yet,
 * see `declare`) may be tested (`{{#if answer}}`) but not printed.
 * Messages, option labels and the report render as plain text; the status
 * page renders HTML with `escape: true`.
 */
import { didYouMean } from '../playbook/problem.js';
import type Handlebars from 'handlebars';
import { checkTemplate, locKey, PRINT_ITEM, type CheckedTemplate } from './check.js';
import { TemplateError, templateProblem } from './error.js';
import { handlebars } from './handlebars.js';
import { HelperError, type HelperSpec, type SourceLoc, type TemplateProblem, type TemplateWords } from './types.js';

export { TemplateError, describeSite, templateProblem, type TemplateField, type TemplateSite } from './error.js';
export { HelperError, type HelperCall, type HelperSpec, type SourceLoc, type TemplateProblem, type TemplateWords } from './types.js';

/** The helper the compiled code calls for a name it cannot read in place; no template can name it (check.ts refuses unknown helpers). */
const LOOKUP = '\u0000lookup';
/** The compiled code's variable holding the value a name is looked up on (not a name a template can write: it is not one of the JavaScript names Handlebars emits). */
const HELD = 'lookedUpOn';
const DECLARED: unique symbol = Symbol('declared names');

/**
 * Marks `names` as known to `target` even when absent from it: a template
 * may test them (`{{#if name}}`, a helper argument) but printing one that is
 * absent is an error. Returns `target`.
 */
export function declare<T extends object>(target: T, names: Iterable<string>): T {
  Object.defineProperty(target, DECLARED, { value: new Set(names), enumerable: false, configurable: true });
  return target;
}

/** How to render. */
export interface RenderOptions {
  /** Given to helpers as `call.data` (e.g. `{ crisis: RenderContext }`). */
  data?: Readonly<Record<string, unknown>>;
  /** HTML-escape what `{{ }}` prints (the status page). Default: plain text. */
  escape?: boolean;
  /** How a number printed as it is (`{{backlog}}`, an `{{#each}}` item) reads: the language's digit grouping. Default: as JavaScript writes it. */
  number?: (n: number) => string;
}

/** A set of helpers with its environment and compiled templates. */
export interface TemplateEngine {
  /** Renders `source` against `context`; throws a TemplateError (no site) when it cannot. */
  render(source: string, context: object, options?: RenderOptions): string;
  /** The problem `source` has before any rendering (syntax, unknown helper...), if any. */
  check(source: string): TemplateProblem | undefined;
  /** Handlebars' code for `source` (JavaScript text), for a build to ship it compiled; undefined when it has a problem. */
  precompile(source: string, options?: Pick<RenderOptions, 'escape'>): string | undefined;
}

/** Code `precompile` gave for a template text when crisis was built, or undefined (see src/template/ahead.ts). */
export type CompiledAhead = (source: string, escape: boolean) => string | undefined;

/**
 * Where a helper call is in its template, as the compiled code passes it in
 * the helper's options: JSON text, a constant, read only when an error needs
 * it (an object literal would be built at every call, tens of thousands in a
 * long report).
 */
type LocText = string;

/** Thrown inside a render, turned into a TemplateProblem by `render`. */
class Failure extends Error {
  readonly loc: SourceLoc | undefined;

  constructor(
    readonly reason: 'unknown' | 'scalar' | 'group' | 'missing-argument',
    loc: SourceLoc | LocText | undefined,
    readonly extra: { helper?: string; index?: number; parent?: unknown } = {},
  ) {
    super(reason);
    this.loc = typeof loc === 'string' ? ((JSON.parse(loc) as SourceLoc | null) ?? undefined) : loc;
  }
}

/** The render's RenderOptions.number while a template runs (rendering is synchronous). */
let printNumber: ((n: number) => string) | undefined;

function strictLookup(parent: unknown, name: string, printed: boolean, loc: SourceLoc): unknown {
  if (parent === null || typeof parent !== 'object') {
    throw new Failure(parent === null || parent === undefined ? 'unknown' : 'scalar', loc, { parent });
  }
  if (Object.hasOwn(parent, name)) {
    const value = (parent as Record<string, unknown>)[name];
    if (typeof value === 'function') throw new Failure('unknown', loc);
    if (printed && value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) throw new Failure('group', loc);
    if (printed && typeof value === 'number' && printNumber) return printNumber(value);
    return value;
  }
  const declared = (parent as { [DECLARED]?: Set<string> })[DECLARED];
  if (!printed && declared?.has(name)) return undefined;
  throw new Failure('unknown', loc);
}

interface HelperOptions {
  hash?: Record<string, unknown>;
  data?: Record<string, unknown>;
  loc?: LocText;
}

function wrap(name: string, spec: HelperSpec): Handlebars.HelperDelegate {
  return (...args: unknown[]) => {
    const options = args.pop() as HelperOptions;
    if (!spec.nullable) {
      const index = args.findIndex((a) => a === undefined || a === null);
      if (index >= 0) throw new Failure('missing-argument', options.loc, { helper: name, index });
    }
    return spec.fn(args, { name, hash: options.hash ?? {}, data: options.data ?? {} });
  };
}

/** Handlebars' JavaScriptCompiler class (public, though its typings omit it). */
type CompilerClass = new (...args: unknown[]) => object;
type WithCompiler = typeof Handlebars & { JavaScriptCompiler: CompilerClass };

/** Handlebars' compiler, with every name looked up through `strictLookup`. */
function strictCompiler(Base: CompilerClass): CompilerClass {
  function Strict(this: unknown, ...args: unknown[]) {
    (Base as unknown as (...a: unknown[]) => void).apply(this, args);
  }
  Strict.prototype = Object.create(Base.prototype);
  Strict.prototype.compiler = Strict;
  /**
   * Replaces Handlebars' own lookups: `parts` from `start` on the value on the stack; `printed` for a `{{name}}` printed as it is.
   * An object's own field that is not a function is read in place; anything else (and a printed value, which
   * may not be a group) goes through `strictLookup`, which answers or throws: the common case costs no call.
   */
  Strict.prototype.resolvePath = function resolvePath(this: CompilerSelf, _type: string, parts: string[], start: number, _falsy: boolean, printed?: boolean) {
    let stack: unknown = this.popStack();
    const lookup = this.nameLookup('helpers', LOOKUP, 'helper');
    const loc = JSON.stringify(this.source.currentLocation ?? null);
    for (let i = start; i < parts.length; i++) {
      const name = this.quotedString(parts[i] ?? '');
      if (printed && i === parts.length - 1) {
        stack = [lookup, '.call(null, ', stack, ', ', name, ', true, ', loc, ')'];
        continue;
      }
      this.useRegister(HELD);
      const field = [HELD, '[', name, ']'];
      stack = [
        ['((', HELD, ' = ', stack, ") !== null && typeof ", HELD, " === 'object' && Object.hasOwn(", HELD, ', ', name, ') && typeof ', ...field, " !== 'function'"],
        [' ? ', ...field, ' : ', lookup, '.call(null, ', HELD, ', ', name, ', false, ', loc, '))'],
      ];
    }
    this.push(stack);
  };
  /** Handlebars' own, with the location given to helpers as text too (see LocText). */
  Strict.prototype.setupHelperArgs = function setupHelperArgs(this: CompilerSelf, helper: string, paramSize: number, params: unknown[] | undefined, useRegister?: boolean) {
    const options = this.setupParams(helper, paramSize, params);
    options.loc = this.quotedString(JSON.stringify(this.source.currentLocation ?? null));
    const literal = this.objectLiteral(options);
    if (useRegister) {
      this.useRegister('options');
      params?.push('options');
      return ['options=', literal];
    }
    if (params) {
      params.push(literal);
      return '';
    }
    return literal;
  };
  return Strict as unknown as CompilerClass;
}

interface CompilerSelf {
  popStack(): unknown;
  push(expr: unknown): void;
  nameLookup(parent: string, name: string, type: string): unknown;
  quotedString(text: string): string;
  setupParams(helper: string, paramSize: number, params: unknown[] | undefined): Record<string, unknown>;
  objectLiteral(options: Record<string, unknown>): unknown;
  useRegister(name: string): void;
  source: { currentLocation?: SourceLoc };
}

/** The source text at `loc`, one line or several. */
function sliceAt(source: string, loc: SourceLoc): string {
  const lines = source.split('\n');
  if (loc.start.line === loc.end.line) return (lines[loc.start.line - 1] ?? '').slice(loc.start.column, loc.end.column);
  const first = (lines[loc.start.line - 1] ?? '').slice(loc.start.column);
  return [first, ...lines.slice(loc.start.line, loc.end.line - 1), (lines[loc.end.line - 1] ?? '').slice(0, loc.end.column)].join('\n');
}

/** ` (line 3)` for a template of several lines; nothing for one line. */
function lineNote(source: string, line: number | undefined, w: TemplateWords): string {
  return line !== undefined && source.includes('\n') ? w.line(line) : '';
}

function syntaxProblem(error: unknown, source: string): TemplateProblem {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split('\n');
  const head = lines[0] ?? message;
  // Handlebars' parser: "Parse error on line 2:", the source excerpt, a caret, "Expecting ..., got ...".
  const at = /line (\d+)/.exec(head);
  const numbered = (error as { lineNumber?: number }).lineNumber ?? (at ? Number(at[1]) : undefined);
  // the parser's own words (English) are kept after ours
  const parsed = head.startsWith('Parse error') && lines.length >= 4;
  const detail = (w: TemplateWords) => (parsed ? w.near((lines[1] ?? '').trim(), lines.slice(3).join(' ')) : message.replace(/\s+/g, ' '));
  return templateProblem('syntax', (w) => w.syntax(lineNote(source, numbered, w), detail(w)), numbered !== undefined ? { line: numbered } : {});
}

/** ` (did you mean "brand"?)` for a name the view lacks but has a near miss of, among the fields of the same object. */
function nearName(name: string, context: unknown): string | undefined {
  const parts = name.split('.');
  const last = parts.pop() ?? name;
  let parent: unknown = context;
  for (const p of parts) parent = parent !== null && typeof parent === 'object' ? (parent as Record<string, unknown>)[p] : undefined;
  if (parent === null || typeof parent !== 'object') return undefined;
  const near = didYouMean(last, Object.keys(parent));
  return near !== undefined ? [...parts, near].join('.') : undefined;
}

function failureProblem(failure: Failure, source: string, checked: CheckedTemplate, context: unknown): TemplateProblem {
  const line = failure.loc?.start.line;
  const note = (w: TemplateWords) => lineNote(source, line, w);
  const at = line !== undefined ? { line } : {};
  if (failure.reason === 'missing-argument') {
    const name = checked.argumentsAt.get(locKey(failure.loc))?.[failure.extra.index ?? 0];
    const helper = failure.extra.helper ?? '';
    if (name === undefined) return templateProblem('undefined', (w) => `${w.argumentNotDefined(helper, (failure.extra.index ?? 0) + 1)}${note(w)}`, at);
    const near = nearName(name, context);
    return templateProblem('undefined', (w) => `${w.notDefinedIn(name, helper)}${note(w)}${near !== undefined ? w.didYouMean(near) : ''}`, { variable: name, ...at });
  }
  const name = failure.loc ? sliceAt(source, failure.loc).trim().replace(/^\{\{~?\s*|\s*~?\}\}$/g, '') : '?';
  if (failure.reason === 'scalar') {
    const parent = JSON.stringify(String(failure.extra.parent));
    return templateProblem('undefined', (w) => `${w.plainValue(name, parent)}${note(w)}`, { variable: name, ...at });
  }
  if (failure.reason === 'group') return templateProblem('undefined', (w) => `${w.group(name)}${note(w)}`, { variable: name, ...at });
  const near = nearName(name, context);
  return templateProblem('undefined', (w) => `${w.notDefined(name)}${note(w)}${near !== undefined ? w.didYouMean(near) : ''}`, { variable: name, ...at });
}

type Compiled = { ok: true; run: Handlebars.TemplateDelegate; checked: () => CheckedTemplate } | { ok: false; problem: TemplateProblem };

/**
 * An engine for `helpers`: the environment is created on first use and
 * each template is parsed, checked and compiled once per escaping mode,
 * unless `ahead` has its code, compiled by the build from the same text.
 */
export function templateEngine(helpers: Readonly<Record<string, HelperSpec>>, ahead?: CompiledAhead): TemplateEngine {
  let env: typeof Handlebars | undefined;
  const cache = new Map<string, Compiled>();
  const environment = (): typeof Handlebars => {
    if (!env) {
      env = handlebars().create();
      env.unregisterHelper('log');
      env.unregisterHelper('lookup');
      for (const [name, spec] of Object.entries(helpers)) env.registerHelper(name, wrap(name, spec));
      env.registerHelper(LOOKUP, strictLookup as Handlebars.HelperDelegate);
      env.registerHelper(PRINT_ITEM, (item: unknown, options: HelperOptions) => {
        if (item !== null && typeof item === 'object' && !Array.isArray(item) && !(item instanceof Date)) throw new Failure('group', options.loc);
        return typeof item === 'number' && printNumber ? printNumber(item) : item;
      });
      const withCompiler = env as WithCompiler;
      withCompiler.JavaScriptCompiler = strictCompiler(withCompiler.JavaScriptCompiler);
    }
    return env;
  };
  const knownHelpers = { ...Object.fromEntries(Object.keys(helpers).map((name) => [name, true])), [PRINT_ITEM]: true, log: false, lookup: false, helperMissing: false, blockHelperMissing: false };

  const options = (escape: boolean) => ({ knownHelpers, knownHelpersOnly: true, noEscape: !escape, assumeObjects: true });
  /** The template parsed and checked (check.ts also rewrites `{{this}}` in blocks, so the code is made from this tree). */
  const parsed = (source: string): { ast: ReturnType<typeof Handlebars.parse>; checked: CheckedTemplate } | { problem: TemplateProblem } => {
    const ast = environment().parse(source);
    const checked = checkTemplate(ast, helpers);
    if (!('kind' in checked)) return { ast, checked };
    const say = checked.say ?? (() => checked.detail);
    return { problem: templateProblem(checked.kind, (w) => `${say(w)}${lineNote(source, checked.line, w)}`, checked.line !== undefined ? { line: checked.line } : {}) };
  };

  const checkedAgain = (source: string): CheckedTemplate => {
    const result = parsed(source);
    return 'checked' in result ? result.checked : { argumentsAt: new Map() };
  };

  const compile = (source: string, escape: boolean): Compiled => {
    const key = `${escape ? 'h' : 't'}${source}`;
    let compiled = cache.get(key);
    if (compiled) return compiled;
    const hb = environment();
    const code = ahead?.(source, escape);
    try {
      if (code !== undefined) {
        // checked when it was compiled; parsed again only to explain a failure
        const run = hb.template(new Function(`return ${code}`)() as TemplateSpecification);
        compiled = { ok: true, run, checked: () => checkedAgain(source) };
      } else {
        const result = parsed(source);
        if ('problem' in result) compiled = { ok: false, problem: result.problem };
        else {
          const run = hb.compile(result.ast, options(escape));
          compiled = { ok: true, run, checked: () => result.checked };
        }
      }
    } catch (error) {
      compiled = { ok: false, problem: syntaxProblem(error, source) };
    }
    cache.set(key, compiled);
    return compiled;
  };

  return {
    render(source, context, options = {}) {
      const compiled = compile(source, options.escape === true);
      if (!compiled.ok) throw new TemplateError(compiled.problem);
      const outer = printNumber;
      printNumber = options.number;
      try {
        return compiled.run(context, { data: { ...options.data } });
      } catch (error) {
        if (error instanceof Failure) throw new TemplateError(failureProblem(error, source, compiled.checked(), context));
        if (error instanceof HelperError) throw new TemplateError({ kind: 'helper', detail: error.message, ...(error.say ? { say: error.say } : {}) });
        throw error;
      } finally {
        printNumber = outer;
      }
    },
    check(source) {
      const compiled = compile(source, false);
      return compiled.ok ? undefined : compiled.problem;
    },
    precompile(source, { escape = false } = {}) {
      try {
        const result = parsed(source);
        return 'problem' in result ? undefined : String(environment().precompile(result.ast, options(escape)));
      } catch {
        // a syntax error: the code is for templates that compile
        return undefined;
      }
    },
  };
}

/**
 * A small interpreter for the templates messages are made of: text,
 * `{{name}}`, `{{a.b}}`, `{{helper}}` and `{{helper a.b}}`. Handlebars
 * compiles every template to JavaScript and evaluates it, which costs far
 * more than rendering it once, and `crisis validate` renders a few hundred
 * templates once each. This walks the parsed template instead, with the
 * semantics of Handlebars' strict, unescaped mode for these forms.
 *
 * It only answers when the answer is certain: any other construct (blocks,
 * partials, `this`, `../`, `@data`, literals, hashes, built-in helpers), any
 * lookup Handlebars would refuse or treat specially (a missing or inherited
 * property, a function, a value that is not a string), or any helper that
 * throws, and it gives up, so that the caller renders with Handlebars itself,
 * errors and all.
 */
import type { RenderContext } from './helpers.js';

type Loc = { start: { line: number; column: number }; end: { line: number; column: number } };

type Step =
  | string
  | { kind: 'value'; parts: string[] }
  | { kind: 'helper'; name: string; fn: (...args: unknown[]) => unknown; params: string[][]; loc: Loc };

/** A template as the interpreter runs it. */
export type Plan = readonly Step[];

/** Returned by `interpret` when Handlebars must render the template. */
export const GIVE_UP: unique symbol = Symbol('give up');

const SIMPLE_PATH = /^[A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*)*$/;

interface AstNode {
  type: string;
  [key: string]: unknown;
}

/** The parts of a plain `a.b.c` path, or undefined for anything else (`this`, `../x`, `@x`, `[x]`...). */
function plainPath(node: unknown): string[] | undefined {
  const n = node as { type?: string; data?: boolean; depth?: number; parts?: unknown; original?: unknown; this?: unknown };
  if (n?.type !== 'PathExpression' || n.data || n.depth !== 0 || n.this === true) return undefined;
  if (!Array.isArray(n.parts) || n.parts.length === 0 || !n.parts.every((p) => typeof p === 'string')) return undefined;
  const parts = n.parts as string[];
  if (typeof n.original !== 'string' || n.original !== parts.join('.') || !SIMPLE_PATH.test(n.original)) return undefined;
  if (parts.some((p) => p === 'this' || p === 'constructor' || p === '__proto__' || p === 'prototype')) return undefined;
  return parts;
}

/**
 * The plan of a parsed template (`env.parse(source)`, whitespace control
 * applied), or undefined when it uses anything the interpreter leaves to
 * Handlebars. `helpers` are the environment's (built-ins included); `own`
 * names the ones the interpreter may call.
 */
export function planOf(ast: unknown, helpers: Readonly<Record<string, unknown>>, own: ReadonlySet<string>): Plan | undefined {
  const program = ast as { type?: string; body?: unknown; blockParams?: unknown };
  if (program?.type !== 'Program' || !Array.isArray(program.body) || program.blockParams) return undefined;
  const steps: Step[] = [];
  for (const node of program.body as AstNode[]) {
    switch (node.type) {
      case 'ContentStatement':
        if (typeof node.value !== 'string') return undefined;
        if (node.value !== '') steps.push(node.value);
        break;
      case 'CommentStatement':
        break;
      case 'MustacheStatement': {
        const path = plainPath(node.path);
        const params = node.params as unknown[];
        if (!path || !Array.isArray(params) || node.hash) return undefined;
        const name = path[0] as string;
        const isHelperName = path.length === 1 && Object.hasOwn(helpers, name);
        if (params.length === 0 && !isHelperName) {
          // Not a helper: a strict lookup of the path in the view.
          if (name in helpers) return undefined;
          steps.push({ kind: 'value', parts: path });
          break;
        }
        if (!isHelperName || !own.has(name)) return undefined;
        const paramPaths = params.map(plainPath);
        if (paramPaths.some((p) => p === undefined)) return undefined;
        const loc = node.loc as Loc | undefined;
        if (!loc) return undefined;
        steps.push({
          kind: 'helper',
          name,
          fn: helpers[name] as (...args: unknown[]) => unknown,
          params: paramPaths as string[][],
          loc: { start: { line: loc.start.line, column: loc.start.column }, end: { line: loc.end.line, column: loc.end.column } },
        });
        break;
      }
      default:
        return undefined;
    }
  }
  return steps;
}

const WORD = '[A-Za-z_$][\\w$-]*';
const PATH = `${WORD}(?:\\.${WORD})*`;
/** `{{path}}` or `{{name path}}`, nothing else: no spaces inside, no `~`, no `{{{`, `{{#`, `{{!`... */
const MUSTACHE = new RegExp(`\\{\\{(${PATH})(?: (${PATH}))?\\}\\}`, 'y');
/** Words Handlebars reads as literals or keywords, never as names. */
const RESERVED = new Set(['true', 'false', 'null', 'undefined', 'else', 'this', 'as']);

/**
 * The AST `Handlebars.parse(source)` gives, without running Handlebars'
 * parser, for the simplest templates: text, and mustaches of the form
 * `{{a.b}}` or `{{name a.b}}`. Undefined for anything else, which the
 * parser itself must read. (Whitespace control has nothing to do for these
 * forms: it only touches blocks, partials, comments and `~`.)
 */
export function quickAst(source: string): unknown {
  if (source.includes('\0')) return undefined;
  const body: unknown[] = [];
  let line = 1;
  let column = 0;
  /** Moves the position over `text`. */
  const advance = (text: string) => {
    const lines = text.split(/\r\n?|\n/);
    if (lines.length > 1) {
      line += lines.length - 1;
      column = (lines.at(-1) ?? '').length;
    } else column += text.length;
  };
  const path = (original: string) => {
    const parts = original.split('.');
    return parts.some((p) => RESERVED.has(p)) ? undefined : { type: 'PathExpression', data: false, depth: 0, parts, original };
  };
  let from = 0;
  for (let at = source.indexOf('{{'); at !== -1; at = source.indexOf('{{', from)) {
    if (at > 0 && source[at - 1] === '\\') return undefined;
    MUSTACHE.lastIndex = at;
    const match = MUSTACHE.exec(source);
    if (!match) return undefined;
    const name = path(match[1] ?? '');
    const param = match[2] !== undefined ? path(match[2]) : undefined;
    if (!name || (match[2] !== undefined && !param)) return undefined;
    const text = source.slice(from, at);
    if (text !== '') body.push({ type: 'ContentStatement', value: text, original: text });
    advance(text);
    const start = { line, column };
    advance(match[0]);
    body.push({ type: 'MustacheStatement', path: name, params: param ? [param] : [], hash: undefined, escaped: true, loc: { start, end: { line, column } } });
    from = at + match[0].length;
  }
  const rest = source.slice(from);
  if (rest !== '') body.push({ type: 'ContentStatement', value: rest, original: rest });
  return { type: 'Program', body, blockParams: undefined };
}

/** The value at `parts` when every step is an own, non-function property of an object; GIVE_UP otherwise. */
function lookup(view: object, parts: readonly string[]): unknown {
  let value: unknown = view;
  for (const part of parts) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part)) return GIVE_UP;
    value = (value as Record<string, unknown>)[part];
    if (typeof value === 'function') return GIVE_UP;
  }
  return value;
}

/**
 * Renders `plan` with `view`, helpers reading `ctx`, as Handlebars would
 * with `{ strict: true, noEscape: true }` and `{ data: { crisis: ctx } }`;
 * GIVE_UP whenever it cannot be sure of that.
 */
export function interpret(plan: Plan, view: object, ctx: RenderContext): string | typeof GIVE_UP {
  let out = '';
  let data: Record<string, unknown> | undefined;
  for (const step of plan) {
    if (typeof step === 'string') {
      out += step;
      continue;
    }
    if (step.kind === 'value') {
      const value = lookup(view, step.parts);
      if (value === GIVE_UP) return GIVE_UP;
      if (typeof value === 'string') out += value;
      else if (value !== null && value !== undefined) return GIVE_UP;
      continue;
    }
    const args: unknown[] = [];
    for (const param of step.params) {
      const value = lookup(view, param);
      // A missing argument is an error Handlebars must report, with its own wording.
      if (value === GIVE_UP || value === undefined || value === null) return GIVE_UP;
      args.push(value);
    }
    // The data Handlebars gives helpers: a frame of `{ crisis: ctx }` with `root` set to the view.
    if (!data) {
      const given = { crisis: ctx };
      data = { ...given, _parent: given, root: view };
    }
    let result: unknown;
    try {
      result = step.fn.call(view, ...args, { name: step.name, hash: {}, data, loc: step.loc });
    } catch {
      return GIVE_UP;
    }
    if (typeof result === 'string') out += result;
    else if (result !== null && result !== undefined) return GIVE_UP;
  }
  return out;
}

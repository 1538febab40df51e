/**
 * What a template may say, checked on its parsed form before it is ever
 * run: the four block helpers (`if`, `unless`, `each`, `with`), the
 * engine's own helpers with the number of arguments each takes, names
 * looked up in the context, `@index`/`@key`/`@first`/`@last`, literals as
 * helper arguments. Anything else (partials, decorators, `log`, `lookup`,
 * `helperMissing`, `{{this}}`, `{{#each this}}`, `{{123}}`, a variable given
 * arguments) is refused at its line, so that the runtime never meets it.
 * The one rewrite: a printed `{{this}}` inside `each`/`with` goes through
 * PRINT_ITEM, which refuses an object.
 */
import { templateProblem } from './error.js';
import type { HelperSpec, SourceLoc, TemplateProblem, TemplateWords } from './types.js';

/** The hidden helper a printed `{{this}}` inside a block becomes, so that an object item is an error, not `[object Object]`. */
export const PRINT_ITEM = '\u0000print';

/** The block helpers a template may open. */
export const BLOCK_HELPERS: ReadonlySet<string> = new Set(['if', 'unless', 'each', 'with']);

const DATA_NAMES: ReadonlySet<string> = new Set(['index', 'key', 'first', 'last']);

interface Node {
  type: string;
  loc?: SourceLoc;
  [key: string]: unknown;
}

interface PathNode extends Node {
  original: string;
  parts: string[];
  data: boolean;
  depth: number;
  this?: boolean;
}

/** What the check learns that the runtime needs: each helper call's arguments as written, by position. */
export interface CheckedTemplate {
  /** `line:column` of a helper call -> its positional arguments' source text. */
  argumentsAt: Map<string, string[]>;
}

/** The key of a location in `argumentsAt`. */
export function locKey(loc: SourceLoc | undefined): string {
  return loc ? `${loc.start.line}:${loc.start.column}` : '?';
}

function problem(say: (w: TemplateWords) => string, loc: SourceLoc | undefined, kind: TemplateProblem['kind'] = 'syntax'): TemplateProblem {
  return templateProblem(kind, say, loc ? { line: loc.start.line } : {});
}

class Refused extends Error {
  constructor(readonly problem: TemplateProblem) {
    super(problem.detail);
  }
}

function text(node: Node): string {
  if (node.type === 'PathExpression') return (node as PathNode).original;
  if (node.type === 'StringLiteral') return JSON.stringify(node.value);
  if (node.type === 'SubExpression') return `(${text(node.path as Node)} ...)`;
  return String(node.original ?? node.value ?? node.type);
}

/**
 * Checks a parsed template (`Handlebars.parse`) against the helpers it may
 * use. Returns what the runtime needs, or the first problem found.
 */
export function checkTemplate(ast: unknown, helpers: Readonly<Record<string, HelperSpec>>): CheckedTemplate | TemplateProblem {
  const argumentsAt = new Map<string, string[]>();
  /** How deep in `each`/`with` blocks the walk is: `{{this}}` is an item there, the whole context outside. */
  let inItem = 0;
  const helperNames = Object.keys(helpers).join(', ');

  /** A name looked up in the context (or @data). `alone`: printed by itself, so `this` is refused. */
  const path = (node: PathNode, alone: boolean): void => {
    if (node.data) {
      if (node.parts.length !== 1 || !DATA_NAMES.has(node.parts[0] ?? '')) {
        throw new Refused(problem((w) => w.dataName(node.parts.join('.')), node.loc));
      }
      return;
    }
    if (node.parts.length === 0 && alone && inItem === 0) {
      throw new Refused(problem((w) => w.wholeContext(node.original), node.loc));
    }
    const first = node.parts[0];
    if (node.depth === 0 && first !== undefined && node.parts.length === 1 && !node.this && (BLOCK_HELPERS.has(first) || Object.hasOwn(helpers, first))) {
      if (BLOCK_HELPERS.has(first)) throw new Refused(problem((w) => w.opensBlock(first), node.loc));
    }
  };

  const value = (node: Node): void => {
    switch (node.type) {
      case 'PathExpression':
        path(node as PathNode, false);
        return;
      case 'SubExpression':
        call(node, true);
        return;
      case 'StringLiteral':
      case 'NumberLiteral':
      case 'BooleanLiteral':
        return;
      default:
        throw new Refused(problem((w) => w.notHere(text(node)), node.loc));
    }
  };

  /** A mustache or sub-expression: a helper call, or a name printed as it is. */
  const call = (node: Node, inner: boolean): void => {
    const head = node.path as Node;
    const params = (node.params as Node[] | undefined) ?? [];
    const hash = (node.hash as { pairs: Array<{ key: string; value: Node }> } | undefined)?.pairs ?? [];
    if (head.type !== 'PathExpression') {
      throw new Refused(problem((w) => w.notAName(text(head)), node.loc));
    }
    const name = (head as PathNode).original;
    const spec = (head as PathNode).parts.length === 1 && (head as PathNode).depth === 0 && !(head as PathNode).data && Object.hasOwn(helpers, name) ? helpers[name] : undefined;
    if (!spec) {
      if (params.length > 0 || hash.length > 0 || inner) {
        const known = ['log', 'lookup', 'helperMissing', 'blockHelperMissing'].includes(name) || BLOCK_HELPERS.has(name);
        throw new Refused(problem((w) => (known ? w.notAvailable(name, helperNames) : w.notAHelper(name, helperNames)), node.loc));
      }
      path(head as PathNode, true);
      if ((head as PathNode).parts.length === 0 && !(head as PathNode).data) {
        // `{{this}}` in a list: printed through a helper that refuses an object.
        node.params = [head];
        node.path = { type: 'PathExpression', data: false, depth: 0, parts: [PRINT_ITEM], original: PRINT_ITEM, loc: head.loc };
        argumentsAt.set(locKey(node.loc), [(head as PathNode).original]);
      }
      return;
    }
    const [min, max] = spec.args;
    if (params.length < min || params.length > max) {
      throw new Refused(problem((w) => w.argCount(name, min, max, params.length), node.loc, 'helper'));
    }
    for (const pair of hash) {
      const allowed = spec.hash?.[pair.key];
      if (!allowed) throw new Refused(problem((w) => w.noOption(name, pair.key), node.loc, 'helper'));
      if (pair.value.type !== 'StringLiteral' || !allowed.includes(String(pair.value.value))) {
        throw new Refused(problem((w) => w.optionValues(name, pair.key, allowed.map((a) => JSON.stringify(a)).join(w.or)), node.loc, 'helper'));
      }
    }
    params.forEach(value);
    argumentsAt.set(locKey(node.loc), params.map(text));
  };

  const block = (node: Node): void => {
    const head = node.path as PathNode;
    const name = head.type === 'PathExpression' ? head.original : text(head);
    if (head.type !== 'PathExpression' || !BLOCK_HELPERS.has(name) || head.depth !== 0) {
      throw new Refused(problem((w) => w.notABlock(name, [...BLOCK_HELPERS].map((b) => `{{#${b}}}`).join(', ')), node.loc));
    }
    const params = (node.params as Node[] | undefined) ?? [];
    if (params.length !== 1 || node.hash) throw new Refused(problem((w) => w.oneValue(name), node.loc));
    const param = params[0] as Node;
    if ((name === 'each' || name === 'with') && param.type === 'PathExpression' && (param as PathNode).parts.length === 0) {
      throw new Refused(problem((w) => w.wholeList(name, (param as PathNode).original), node.loc));
    }
    value(param);
    const item = name === 'each' || name === 'with' ? 1 : 0;
    inItem += item;
    program(node.program as Node | undefined);
    inItem -= item;
    program(node.inverse as Node | undefined);
  };

  const program = (node: Node | undefined): void => {
    if (!node) return;
    for (const statement of (node.body as Node[] | undefined) ?? []) {
      switch (statement.type) {
        case 'ContentStatement':
        case 'CommentStatement':
          break;
        case 'MustacheStatement':
          call(statement, false);
          break;
        case 'BlockStatement':
          block(statement);
          break;
        case 'PartialStatement':
        case 'PartialBlockStatement':
          throw new Refused(problem((w) => w.partials, statement.loc));
        default:
          throw new Refused(problem((w) => w.statement(statement.type.replace(/Statement$|Block$/, '').toLowerCase()), statement.loc));
      }
    }
  };

  try {
    program(ast as Node);
  } catch (error) {
    if (error instanceof Refused) return error.problem;
    throw error;
  }
  return { argumentsAt };
}

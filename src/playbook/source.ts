/**
 * From text to YAML data with a source map, defended against hostile input:
 * playbooks come from other people's repositories, so size and encoding
 * (bytes.ts), nesting, aliases, extra documents and prototype keys are all
 * checked before anything expensive or dangerous runs. Every failure is a
 * positioned problem, never a throw, a hang or an exhausted heap.
 */
import { Composer, CST, isAlias, isMap, isPair, isScalar, isSeq, Lexer, Parser, visit, type Document, type Node } from 'yaml';
import { MAX_LINES, MAX_NESTING, MAX_PROBLEMS, MAX_VALUES, type Position } from './bytes.js';
import type { DataPath } from './problem.js';
import { controlName, firstControl } from '../ui/sanitize.js';
import { commonSlip, cutTexts } from './slips.js';
import { FIRST_LINE } from './names.js';
import type { AuthoringWords } from './words.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A problem found in the text itself, at an offset when one exists. */
export interface SourceProblem {
  offset?: number;
  message: string;
  severity: 'error' | 'warning';
}

/** The outcome of parsing: the data (when the YAML is sound) and a map back to the source. */
export interface ParsedSource {
  data?: unknown;
  problems: SourceProblem[];
  /** Position of the value at `path`, or of the nearest existing parent. */
  positionOf: (path: DataPath) => Position | undefined;
  /** Position of the key of the last segment of `path` (falls back to `positionOf`). */
  keyPositionOf: (path: DataPath) => Position | undefined;
  /** 1-based line and column of an offset. */
  position: (offset: number) => Position;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function positionFinder(text: string): (offset: number) => Position {
  let starts: number[] | undefined;
  return (offset) => {
    starts ??= lineStarts(text);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - (starts[lo] ?? 0) + 1 };
  };
}

/**
 * A watch on the lexer's tokens for the first place where the text goes past
 * a structural limit; it builds nothing. Nesting is estimated from flow
 * brackets, block indentation levels and the `- `/`? `/`: ` indicators of the
 * current line; the estimate never undercounts. Each token is seen before the
 * parser gets it, so a hostile file stops at its first excess and costs
 * little. (The YAML composer recurses, and its regexes blow up on very deep
 * input; it also needs seconds for huge node counts.)
 */
function structureWatch(w: AuthoringWords, max = MAX_NESTING): (token: string) => SourceProblem | undefined {
  let values = 0;
  let offset = 0;
  let flow = 0;
  let lineStart = 0;
  let lineIndicators = 0;
  let lineIndented = false;
  const indents: number[] = [];
  return (token) => {
    const type = CST.tokenType(token);
    const start = offset;
    // control tokens mark structure and take no room in the source
    if (token !== CST.DOCUMENT && token !== CST.FLOW_END && token !== CST.SCALAR) offset += token.length;
    switch (type) {
      case 'newline':
        lineStart = offset;
        lineIndicators = 0;
        lineIndented = false;
        return undefined;
      case 'space':
      case 'comment':
      case undefined:
        return undefined;
      case 'flow-map-start':
      case 'flow-seq-start':
        flow++;
        break;
      case 'flow-map-end':
      case 'flow-seq-end':
        flow = Math.max(0, flow - 1);
        break;
      case 'scalar':
        if (++values > MAX_VALUES) {
          return { offset: start, message: w.tooManyValues(MAX_VALUES), severity: 'error' };
        }
        break;
      case 'seq-item-ind':
      case 'explicit-key-ind':
      case 'map-value-ind':
        // inside brackets these open no level of their own
        if (flow === 0) lineIndicators++;
        break;
      default:
        break;
    }
    if (!lineIndented) {
      lineIndented = true;
      const indent = start - lineStart;
      while (indents.length > 0 && (indents[indents.length - 1] ?? 0) >= indent) indents.pop();
      indents.push(indent);
    }
    if (indents.length + lineIndicators + flow > max) {
      return { offset: start, message: w.tooDeep(max), severity: 'error' };
    }
    return undefined;
  };
}

/**
 * The text's YAML documents, lexed once: every token passes the structure
 * watch before the parser sees it. `excess` is the first structural limit
 * passed, and then the documents are not to be used.
 */
function parseWatched(text: string, w: AuthoringWords): { docs: Document[]; excess?: SourceProblem } {
  const watch = structureWatch(w);
  const parser = new Parser();
  let excess: SourceProblem | undefined;
  function* tokens() {
    for (const lexeme of new Lexer().lex(text)) {
      excess = watch(lexeme);
      if (excess) return;
      yield* parser.next(lexeme);
    }
    yield* parser.end();
  }
  // the options parseAllDocuments would be given
  const composer = new Composer({ uniqueKeys: false, prettyErrors: false, strict: true, logLevel: 'error' });
  const docs = Array.from(composer.compose(tokens())) as Document[];
  return excess ? { docs: [], excess } : { docs };
}

function findNode(doc: Document, path: DataPath): { node?: Node; key?: Node; parent?: Node } {
  let node: unknown = doc.contents;
  let key: Node | undefined;
  for (const segment of path) {
    let next: unknown;
    let nextKey: Node | undefined;
    if (isMap(node)) {
      for (const pair of node.items) {
        const k = pair.key;
        if (isScalar(k) && String(k.value) === String(segment)) {
          next = pair.value;
          nextKey = k;
          break;
        }
      }
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    if (nextKey === undefined && next === undefined) return { node: node as Node, key, parent: node as Node };
    if (next === null || next === undefined) return { key: nextKey, parent: node as Node };
    node = next;
    key = nextKey;
  }
  return { node: node as Node, key };
}

/** YAML's one-character escapes in double quotes that stand for a control character. */
const CONTROL_ESCAPES: Record<string, number> = { '0': 0, a: 7, b: 8, v: 11, f: 12, r: 13, e: 27, N: 0x85 };

/**
 * Where the first control character of a scalar's value is written: the
 * character itself, or the escape (`\e`, `\x1b`, `\u009b`) that makes it.
 */
function controlOffset(text: string, node: Node): number | undefined {
  const [start, end] = node.range ?? [];
  if (start === undefined || end === undefined) return undefined;
  const written = text.slice(start, end);
  const raw = firstControl(written);
  if (raw && written.charCodeAt(raw.index) !== 13) return start + raw.index;
  if (isScalar(node) && node.type === 'QUOTE_DOUBLE') {
    const escape = /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[^])/g;
    for (let m = escape.exec(written); m; m = escape.exec(written)) {
      const what = m[1] ?? '';
      const code = what.length > 1 ? Number.parseInt(what.slice(1), 16) : CONTROL_ESCAPES[what];
      if (code !== undefined && firstControl(String.fromCodePoint(code))) return start + m.index;
    }
  }
  return start;
}

/** Walks every node without recursion, collecting what a playbook may never contain. */
function guardNodes(doc: Document, text: string, problems: SourceProblem[], position: (offset: number) => Position, w: AuthoringWords): void {
  const stack: unknown[] = [doc.contents];
  const aliases: { offset?: number; source: string }[] = [];
  const controls = (node: Node) => {
    const value = isScalar(node) && typeof node.value === 'string' ? firstControl(node.value) : undefined;
    if (!value || problems.length >= MAX_PROBLEMS) return;
    problems.push({
      offset: controlOffset(text, node),
      message: w.controlCharacter(controlName(value.code)),
      severity: 'error',
    });
  };
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const node = stack.pop();
    if (isScalar(node)) controls(node);
    else if (isAlias(node)) {
      aliases.push({ offset: node.range?.[0], source: node.source });
    } else if (isMap(node)) {
      // our own duplicate check: the library's compares every pair with every other (quadratic)
      const seen = new Map<string, number | undefined>();
      for (const pair of node.items) {
        const k = pair.key;
        if (isScalar(k)) {
          controls(k);
          const name = String(k.value);
          if (seen.has(name)) {
            const first = seen.get(name);
            const firstAt = first === undefined ? '' : position(first).line === position(k.range?.[0] ?? 0).line ? w.firstAtColumn(position(first).col) : w.firstAtLine(position(first).line);
            problems.push({ offset: k.range?.[0], message: `${w.duplicateKey(name)}${firstAt}`, severity: 'error' });
          } else seen.set(name, k.range?.[0]);
          if (FORBIDDEN_KEYS.has(name)) {
            problems.push({ offset: k.range?.[0], message: w.forbiddenKey(String(k.value)), severity: 'error' });
          }
        } else if (k !== null && k !== undefined) {
          const offset = isAlias(k) || isMap(k) || isSeq(k) ? k.range?.[0] : undefined;
          problems.push({ offset, message: w.plainKeys, severity: 'error' });
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        // `- [a]: b` makes a pair inside a list: its key needs the same check as a mapping's
        if (isPair(item) && item.key !== null && item.key !== undefined && !isScalar(item.key)) {
          problems.push({ offset: (item.key as Node).range?.[0], message: w.plainKeys, severity: 'error' });
        }
        stack.push(isPair(item) ? item.value : item);
      }
    }
  }
  // one report for all aliases: a billion-laughs file has hundreds of them
  const first = aliases.sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0))[0];
  if (first) {
    problems.push({
      offset: first.offset,
      message: w.alias(first.source, aliases.length - 1),
      severity: 'error',
    });
  }
}

/** An unclosed quote is reported at the end of the file; point at where the quote opens instead. */
function unclosedQuoteStart(doc: Document, fallback: number): number {
  let start = -1;
  visit(doc, {
    Scalar(_key, node) {
      if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && node.range && node.range[0] < fallback && node.range[0] > start) {
        start = node.range[0];
      }
    },
  });
  return start >= 0 ? start : fallback;
}

/**
 * Clearer words for the YAML errors people hit most; the library's own text
 * (English, from the YAML library) follows in parentheses.
 */
function yamlMessage(code: string, raw: string, w: AuthoringWords): string {
  const base = raw.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? raw;
  const lead = Object.hasOwn(w.yamlHints, code) ? w.yamlHints[code as keyof AuthoringWords['yamlHints']] : undefined;
  const detail = base.charAt(0).toLowerCase() + base.slice(1);
  return lead ? w.yamlSyntaxHint(lead, detail) : w.yamlSyntax(detail);
}

/** Parses YAML text into data with a source map, or into positioned problems, said with `w`. */
export function parseYamlSource(text: string, w: AuthoringWords): ParsedSource {
  const position = positionFinder(text);
  const problems: SourceProblem[] = [];
  let doc: Document | undefined;
  const find = (path: DataPath) => (doc ? findNode(doc, path) : {});
  const at = (node: Node | undefined): Position | undefined => (node?.range ? position(node.range[0]) : undefined);
  const result: ParsedSource = {
    problems,
    position,
    positionOf: (path) => {
      const found = find(path);
      return at(found.node) ?? at(found.key) ?? at(found.parent);
    },
    keyPositionOf: (path) => {
      const found = find(path);
      return at(found.key) ?? at(found.node) ?? at(found.parent);
    },
  };

  if (text.trim() === '') {
    problems.push({ message: w.emptyFile(FIRST_LINE), severity: 'error' });
    return result;
  }
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1 && lines <= MAX_LINES; i = text.indexOf('\n', i + 1)) lines++;
  if (lines > MAX_LINES) {
    problems.push({ message: w.tooManyLines(MAX_LINES), severity: 'error' });
    return result;
  }
  const { docs: all, excess } = parseWatched(text, w);
  if (excess) {
    problems.push(excess);
    return result;
  }
  doc = all[0];
  if (all.length > 1) {
    const second = all[1];
    problems.push({
      offset: second?.range?.[0],
      message: w.secondDocument,
      severity: 'error',
    });
  }
  if (!doc || doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    if (problems.length === 0) problems.push({ offset: doc?.contents?.range?.[0], message: w.noContent(FIRST_LINE), severity: 'error' });
    return result;
  }
  // after the first syntax error the parser's guesses are knock-on errors: report that one only
  const error = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])[0];
  if (error) {
    const slip = commonSlip(text, error.pos[0], position, w);
    const offset = error.code === 'MISSING_CHAR' && /quote/.test(error.message) ? unclosedQuoteStart(doc, error.pos[0]) : error.pos[0];
    problems.push(slip ?? { offset, message: yamlMessage(error.code, error.message, w), severity: 'error' });
    return result;
  }
  for (const warning of doc.warnings.slice(0, MAX_PROBLEMS)) {
    problems.push({ offset: warning.pos[0], message: yamlMessage(warning.code, warning.message, w), severity: 'warning' });
  }
  guardNodes(doc, text, problems, position, w);
  if (!isMap(doc.contents)) {
    problems.push({
      offset: doc.contents.range?.[0],
      message: isSeq(doc.contents) ? w.topLevelList : w.topLevelValue,
      severity: 'error',
    });
  }
  if (problems.some((p) => p.severity === 'error')) return result;
  problems.push(...cutTexts(doc, text, w));
  try {
    result.data = doc.toJS({ maxAliasCount: 0 });
  } catch (error) {
    problems.push({ offset: 0, message: w.yamlUnreadable(error instanceof Error ? error.message : String(error)), severity: 'error' });
  }
  return result;
}

/**
 * The YAML slips people make most when writing a playbook by hand, told in
 * plain words with the fix: a tab in the indentation, a line indented to no
 * level above, ": " inside an unquoted value, a value starting with "{{"
 * unquoted, and an unquoted " #" that silently cuts a text into a comment.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Position } from './bytes.js';
import type { AuthoringWords } from './words.js';

/** A problem found in the text, at an offset. */
interface Slip {
  offset: number;
  message: string;
  severity: 'error' | 'warning';
}

const MAX_SHOWN = 48;

/** `key: "value"` as the fix to type, the value shortened when long. */
function quoted(key: string, value: string): string {
  const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}...` : value;
  return `${key}: "${shown.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A value that YAML reads as plain text (no quote, bracket, block or anchor indicator). */
const PLAIN_START = /^[^'"{[|>&*!%@`#\s]/;

/** Quotes and brackets left open on a line: the next lines continue a value, not the structure. */
function opensValue(content: string): boolean {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(content[i - 1] ?? ''))) break;
    if ((c === '"' || c === "'") && (i === 0 || /[\s,[{:]/.test(content[i - 1] ?? ''))) quote = c;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return depth !== 0 || quote !== '';
}

/**
 * The first common slip at or before the line after `errorOffset` (where the
 * parser noticed trouble), as one plain-words error; undefined when the text
 * holds none of them and the parser's own words must do.
 */
export function commonSlip(text: string, errorOffset: number, position: (offset: number) => Position, w: AuthoringWords): Slip | undefined {
  const lastLine = position(errorOffset).line + 1;
  const lines = text.split('\n');
  const stack: number[] = [0];
  let opens = false;
  let plainBefore = false;
  let block: number | undefined;
  let offset = 0;
  for (let n = 0; n < lines.length && n < lastLine; offset += (lines[n] ?? '').length + 1, n++) {
    const line = (lines[n] ?? '').replace(/\r$/, '');
    const lead = /^[ \t]*/.exec(line)?.[0] ?? '';
    const rest = line.slice(lead.length);
    if (block !== undefined) {
      if (rest === '' || lead.length > block) continue;
      block = undefined;
    }
    if (rest === '' || rest.startsWith('#')) continue;
    const tab = lead.indexOf('\t');
    if (tab !== -1) {
      return { offset: offset + tab, message: w.tabIndent, severity: 'error' };
    }
    const indent = lead.length;
    const top = stack[stack.length - 1] ?? 0;
    // a deeper line after a plain value continues that value, unless it reads as a key or an item
    if (indent > top && !opens && plainBefore && !/^(-(\s|$)|[^\s'"{[#][^#]*?:(\s|$))/.test(rest)) continue;
    if (!(indent > top && opens) && !stack.includes(indent)) {
      const levels = [...new Set(stack)].map((l) => l + 1).join(', ');
      return {
        offset: offset + indent,
        message: w.badIndentation(indent + 1, levels),
        severity: 'error',
      };
    }
    while (stack.length > 1 && (stack[stack.length - 1] ?? 0) > indent) stack.pop();
    if ((stack[stack.length - 1] ?? 0) !== indent) stack.push(indent);
    // "- - key: value": each dash opens a level at the column after it
    let col = indent;
    let content = rest;
    for (let dash = /^-(\s+|$)/.exec(content); dash; dash = /^-(\s+|$)/.exec(content)) {
      col += dash[0].length;
      content = content.slice(dash[0].length);
      if (content !== '') stack.push(col);
    }
    if (opensValue(content)) return undefined;
    const pair = /^([^\s'"{[#&*!|>%@`][^#]*?):(?:[ \t]+|$)(.*)$/.exec(content);
    const key = pair?.[1];
    const value = (pair?.[2] ?? content).replace(/(^|\s)#.*$/, '').trimEnd();
    const valueCol = col + (pair ? content.length - (pair[2] ?? '').length : 0);
    if (value.startsWith('{{')) {
      const fix = key ? quoted(key, value) : `- ${quoted('', value).slice(2)}`;
      return { offset: offset + valueCol, message: w.bracesUnquoted(fix), severity: 'error' };
    }
    if (key && PLAIN_START.test(value) && /:(\s|$)/.test(value)) {
      return { offset: offset + valueCol, message: w.colonUnquoted(quoted(key, value)), severity: 'error' };
    }
    opens = pair !== null && value === '';
    plainBefore = PLAIN_START.test(value);
    if (/^[|>][-+0-9]*$/.test(value)) {
      block = col;
      opens = false;
      plainBefore = false;
    }
  }
  return undefined;
}

/** Keys whose values are texts for people (a cut there is never meant). */
const TEXT_KEYS = new Set(['title', 'summary', 'ask', 'check', 'info', 'goal', 'prompt', 'when', 'label', 'subject', 'body', 'duties', 'example', 'default']);

/**
 * Warnings for plain values cut short by an unquoted " #": YAML reads the
 * rest of the line as a comment. Flagged when the value belongs to a text
 * (a key of TEXT_KEYS, or a channel's text under `messages`), or when the
 * comment reads like a hashtag (`#word`, no space after "#"); an ordinary
 * note after an id or a duration (`due: 15m  # note`) stays allowed.
 */
export function cutTexts(doc: Document, text: string, w: AuthoringWords): Slip[] {
  const found: Slip[] = [];
  const walk = (node: unknown, path: string[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isPair(pair) && isScalar(pair.key)) walk(pair.value, [...path, String(pair.key.value)]);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item, path);
    } else if (isScalar(node) && node.type === 'PLAIN' && node.range) {
      const [start, end] = node.range;
      const lineEnd = text.indexOf('\n', end);
      const after = text.slice(end, lineEnd === -1 ? text.length : lineEnd);
      const comment = /^[ \t]+#/.exec(after);
      if (!comment) return;
      const key = path[path.length - 1] ?? '';
      const isText = TEXT_KEYS.has(key) || (path[0] === 'messages' && path[2] === 'channels');
      const hashtag = /^[^\s#]/.test(after.slice(comment[0].length));
      if (!isText && !hashtag) return;
      const kept = text.slice(start, end);
      const whole = `${kept}${after}`.trimEnd();
      found.push({
        offset: end + comment[0].length - 1,
        message: w.hashCuts(kept, quoted(key, whole)),
        severity: 'warning',
      });
    }
  };
  walk(doc.contents as Node | null, []);
  return found;
}

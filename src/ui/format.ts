/**
 * Plain-text layout for the terminal: aligned tables and wrapped paragraphs.
 * Colour is applied by the caller's paint, after alignment, so widths stay right.
 */
import type { ChalkInstance } from 'chalk';
import wrapAnsiRaw, { type Options as WrapOptions } from 'wrap-ansi';
import { forTerminal, markChrome } from './sanitize.js';

/**
 * wrap-ansi on text whose colours are still marked (see ui/sanitize.ts): the
 * markers would count as visible columns, so the text is wrapped as the
 * terminal will show it (values' control characters made visible, the
 * program's escapes real) and its escapes marked again.
 */
function wrapAnsi(text: string, columns: number, options: WrapOptions): string {
  return markChrome(wrapAnsiRaw(forTerminal(text), columns, options));
}

/**
 * Rows as lines of columns separated by two spaces, each column as wide as its
 * widest cell (at most `maxWidths[i]`: a longer cell runs over), the last
 * column never padded; every table the terminal shows is laid out here.
 */
export function alignRows(rows: string[][], options: { indent?: string; maxWidths?: number[] } = {}): string[] {
  const length = (text: string) => [...text].length;
  const columns = Math.max(0, ...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, i) => Math.min(options.maxWidths?.[i] ?? Infinity, Math.max(0, ...rows.map((r) => length(r[i] ?? '')))));
  return rows.map((cells) =>
    `${options.indent ?? ''}${cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(Math.max(0, (widths[i] ?? 0) - length(c))))).join('  ')}`.trimEnd(),
  );
}

/** Columns separated by two spaces, the header painted bold; the last column is never padded. */
export function formatTable(headers: string[], rows: string[][], paint?: ChalkInstance): string {
  const [head = '', ...lines] = alignRows([headers, ...rows]);
  return [paint ? paint.bold(head) : head, ...lines].join('\n');
}

/** Wraps `text` at `width` columns at word boundaries, each line starting with `indent`. */
export function wrap(text: string, width: number, indent = ''): string {
  // only breakable spaces: a no-break space (French typography's before `:` `!`) keeps its words together
  return wrapAnsi(text.split(/[ \t\n\r\f\v]+/).filter(Boolean).join(' '), Math.max(1, width - indent.length), { hard: false, trim: true })
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => indent + l)
    .join('\n');
}

/** The width a terminal stream has now (it changes on resize), or undefined when it is not a terminal. */
export function terminalWidth(out: { isTTY?: boolean; columns?: number }): number | undefined {
  return out.isTTY && typeof out.columns === 'number' && out.columns > 0 ? out.columns : undefined;
}

/**
 * Text laid out for a terminal `columns` wide: each line wrapped at word
 * boundaries (wrap-ansi, colours kept), its continuation lines under its own
 * indentation. A word longer than the line (a URL, an e-mail address) is
 * never cut: it stands alone on its line. Without a width, the text is
 * unchanged (a pipe, a file).
 */
export function fitToWidth(text: string, columns: number | undefined): string {
  if (columns === undefined) return text;
  return text
    .split('\n')
    .map((line) => {
      const indent = /^ */.exec(line)?.[0] ?? '';
      const room = columns - indent.length;
      // an indentation that leaves no room for words is not kept for the continuation lines
      if (room < 20) return wrapAnsi(line, columns, { hard: false, trim: false });
      return wrapAnsi(line.slice(indent.length), room, { hard: false, trim: true })
        .split('\n')
        .map((l) => indent + l)
        .join('\n');
    })
    .join('\n');
}

/**
 * Plain-text layout for the terminal: wrapped paragraphs and lines fitted to
 * its width (tables are in table.ts, which commands that only list load
 * without wrap-ansi and its emoji tables).
 */
import wrapAnsiRaw, { type Options as WrapOptions } from 'wrap-ansi';
import { forTerminal, markChrome } from './sanitize.js';

/**
 * wrap-ansi on text whose colours are still marked (see ui/sanitize.ts): the
 * markers would count as visible columns, so the text is wrapped as the
 * terminal will show it (values' control characters made visible, the
 * program's escapes real) and its escapes marked again.
 */
function wrapAnsi(text: string, columns: number, options: WrapOptions): string {
  return markChrome(unglue(wrapAnsiRaw(glue(forTerminal(text)), columns, options)));
}

/** Stands for the space between a number and its unit while a line is wrapped: a private-use character, one column wide. */
const GLUE = '\ue000';

/**
 * `1 h 31 min`, `63 206`: the spaces of a figure and its unit made unbreakable
 * for the wrap, so a line never ends on "31" with "min" on the next; `unglue`
 * puts the spaces back.
 */
export function glue(text: string): string {
  return text.replace(/(\d) (?=(?:\d|min\b|h\b|s\b|j\b|d\b|days?\b|jours?\b))/g, `$1${GLUE}`);
}

export function unglue(text: string): string {
  return text.includes(GLUE) ? text.replaceAll(GLUE, ' ') : text;
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

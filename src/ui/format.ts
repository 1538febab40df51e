/**
 * Plain-text layout for the terminal: aligned tables and wrapped paragraphs.
 * Colour is applied by the caller's paint, after alignment, so widths stay right.
 */
import type { ChalkInstance } from 'chalk';

/** Columns separated by two spaces, the header painted bold; the last column is never padded. */
export function formatTable(headers: string[], rows: string[][], paint?: ChalkInstance): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const head = line(headers);
  return [paint ? paint.bold(head) : head, ...rows.map(line)].join('\n');
}

/** Wraps `text` at `width` columns, each line starting with `indent`. */
export function wrap(text: string, width: number, indent = ''): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    if (current !== '' && indent.length + current.length + 1 + word.length > width) {
      lines.push(indent + current);
      current = word;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  if (current !== '') lines.push(indent + current);
  return lines.join('\n');
}

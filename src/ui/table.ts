/**
 * Aligned tables for the terminal. Colour is applied by the caller's paint,
 * after alignment, so widths stay right.
 */
import type { ChalkInstance } from 'chalk';

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

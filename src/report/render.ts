/**
 * Renders a report or timeline view through the template engine, as plain
 * text (the output is Markdown; the helpers do Markdown escaping), every
 * name strict, so a misspelt field is an error rather than a silent blank.
 */
import { templateEngine, type HelperSpec } from '../template/engine.js';
import { escapeCell, fence, inline, link, mermaidLabel } from './markdown.js';

export { TemplateError } from '../template/engine.js';

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/** A formatting helper of `least` to `most` arguments; null and undefined arguments are empty text. */
function helper(least: number, most: number, fn: (args: readonly unknown[]) => unknown): HelperSpec {
  return { args: [least, most], nullable: true, fn };
}

/** The helpers a report template can use, besides the blocks (`if`, `each`, `unless`, `with`). */
export const TEMPLATE_HELPERS: Readonly<Record<string, HelperSpec>> = {
  /** `{{cell value}}`: a table cell (escaped `|`, one line, never empty). */
  cell: helper(1, 1, ([value]) => escapeCell(text(value))),
  /** `{{inline value}}`: free text in a paragraph or list item (escaped, URLs as autolinks). */
  inline: helper(1, 1, ([value]) => inline(text(value))),
  /** `{{fence value}}` or `{{fence value "lang"}}`: a fenced block (```text by default). */
  fence: helper(1, 2, ([value, lang]) => fence(text(value), typeof lang === 'string' ? lang : 'text')),
  /** `{{link url "text"}}`: a link, never a bare URL. */
  link: helper(1, 2, ([url, label]) => link(text(url), typeof label === 'string' ? label : undefined)),
  /** `{{mermaid value}}`: a Mermaid task or section name. */
  mermaid: helper(1, 1, ([value]) => mermaidLabel(text(value))),
  /** `{{#if (eq a b)}}`. */
  eq: helper(2, 2, ([a, b]) => a === b),
};

/** About how many characters each piece of output holds. */
const CHUNK_CHARS = 1 << 16;

const engine = templateEngine(TEMPLATE_HELPERS);

/**
 * Renders `view` with the template `source`. Blank-line runs are squeezed
 * and the text ends with one newline, so that conditional sections cannot
 * break markdownlint's MD012 / MD047 (fenced blocks are left alone).
 * Throws TemplateError for a template that does not compile or refers to a
 * field the view does not have.
 */
export function renderTemplate(source: string, view: object): string {
  return renderTemplatePieces(source, view).join('');
}

/**
 * `renderTemplate`, as pieces of text that join into its result: the
 * tidied text is handed on a chunk at a time, never copied whole.
 */
export function renderTemplatePieces(source: string, view: object): string[] {
  const pieces: string[] = [];
  const tidier = new Tidier((piece) => pieces.push(piece));
  tidier.push(engine.render(source, view));
  tidier.end();
  return pieces;
}

/**
 * Renders `view` with an HTML template (the status page): the same isolated,
 * strict engine as the report, with HTML escaping on, so a
 * value holding `<` or `&` shows as text. Throws TemplateError.
 */
export function renderHtml(source: string, view: object): string {
  return engine.render(source, view, { escape: true });
}

/** Squeezes blank lines outside fenced blocks and ends with exactly one newline. */
export function tidy(markdown: string): string {
  const pieces: string[] = [];
  const tidier = new Tidier((text) => pieces.push(text));
  tidier.push(markdown);
  tidier.end();
  return pieces.join('');
}

/**
 * `tidy` on a text given in pieces, handing its result on in pieces of about
 * CHUNK_CHARS: lines end at \n, \r\n or \r; trailing blanks go (outside
 * fenced blocks); a run of blank lines outside fenced blocks, or blank lines
 * at the start, become none or one; blank lines at the end go; the text ends
 * with exactly one newline.
 */
class Tidier {
  /** The last, unfinished line of what was pushed. */
  private carry = '';
  private fenceMarker: string | null = null;
  /** Lines kept so far, blank ones at the end included. */
  private kept = 0;
  private lastBlank = false;
  /** Blank lines kept but not yet written: dropped if nothing follows them. */
  private blanks = 0;
  private written = 0;
  private buffer: string[] = [];
  private buffered = 0;

  constructor(private readonly emit: (text: string) => void) {}

  push(text: string): void {
    if (text === '') return;
    let whole = this.carry + text;
    // A \r at the end may be the first half of \r\n.
    let held = '';
    if (whole.endsWith('\r')) {
      held = '\r';
      whole = whole.slice(0, -1);
    }
    const normal = whole.replace(/\r\n?/g, '\n');
    const last = normal.lastIndexOf('\n');
    if (last === -1) {
      this.carry = normal + held;
      return;
    }
    this.carry = normal.slice(last + 1) + held;
    let start = 0;
    for (let end = normal.indexOf('\n'); end !== -1 && end <= last; end = normal.indexOf('\n', start)) {
      this.line(normal.slice(start, end));
      start = end + 1;
    }
    this.flush(false);
  }

  end(): void {
    for (const raw of this.carry.replace(/\r\n?/g, '\n').split('\n')) this.line(raw);
    this.carry = '';
    if (this.written === 0) this.write('\n');
    this.flush(true);
  }

  private line(raw: string): void {
    const line: string = this.fenceMarker ? raw : raw.replace(/[ \t]+$/, '');
    const marker: string | undefined = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (this.fenceMarker) {
      if (marker && marker[0] === this.fenceMarker[0] && marker.length >= this.fenceMarker.length && line.trim() === marker) this.fenceMarker = null;
    } else if (marker) {
      this.fenceMarker = marker;
    } else if (line === '' && (this.kept === 0 || this.lastBlank)) {
      return;
    }
    this.kept++;
    this.lastBlank = line === '';
    if (line === '') {
      this.blanks++;
      return;
    }
    if (this.blanks > 0) {
      this.write('\n'.repeat(this.blanks));
      this.blanks = 0;
    }
    this.write(line);
    this.write('\n');
  }

  private write(text: string): void {
    this.buffer.push(text);
    this.buffered += text.length;
    this.written += text.length;
  }

  private flush(all: boolean): void {
    if (this.buffered === 0 || (!all && this.buffered < CHUNK_CHARS)) return;
    this.emit(this.buffer.join(''));
    this.buffer = [];
    this.buffered = 0;
  }
}

/**
 * Renders a report or timeline view through a Handlebars template, in an
 * isolated environment (nothing registered globally), without HTML escaping
 * (the output is Markdown; the helpers do Markdown escaping) and in strict
 * mode, so a misspelt field is an error rather than a silent blank.
 */
import type Handlebars from 'handlebars';
import { handlebars } from '../messages/handlebars.js';
import { escapeCell, fence, inline, link, mermaidLabel } from './markdown.js';

/** A template that does not compile or render; `message` says why (with a line when Handlebars gives one). */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** The helpers a template can use, besides Handlebars' built-ins (`if`, `each`, `unless`, `with`). */
export const TEMPLATE_HELPERS = {
  /** `{{cell value}}`: a table cell (escaped `|`, one line, never empty). */
  cell: (value: unknown) => escapeCell(value === null || value === undefined ? '' : String(value)),
  /** `{{inline value}}`: free text in a paragraph or list item (escaped, URLs as autolinks). */
  inline: (value: unknown) => inline(value === null || value === undefined ? '' : String(value)),
  /** `{{fence value}}` or `{{fence value "lang"}}`: a fenced block (```text by default). */
  fence: (value: unknown, lang: unknown) => fence(String(value ?? ''), typeof lang === 'string' ? lang : 'text'),
  /** `{{link url "text"}}`: a link, never a bare URL. */
  link: (url: unknown, text: unknown) => link(String(url ?? ''), typeof text === 'string' ? text : undefined),
  /** `{{mermaid value}}`: a Mermaid task or section name. */
  mermaid: (value: unknown) => mermaidLabel(String(value ?? '')),
  /** `{{#if (eq a b)}}`. */
  eq: (a: unknown, b: unknown) => a === b,
} as const;

/** A `{{#each}}` over a long list, left for later: its marker stands in the main output. */
interface DeferredEach {
  marker: string;
  items: unknown[];
  options: Handlebars.HelperOptions;
}

/** The lists left for later, while `open` (the main pass); lists at least `at` long are deferred. */
interface Deferrer {
  jobs: DeferredEach[];
  open: boolean;
  at: number;
}

/** Lists at least this long are rendered in chunks after the rest of the template. */
const DEFER_AT = 512;
/** About how many characters each piece of output holds. */
const CHUNK_CHARS = 1 << 16;

let renders = 0;

/**
 * An isolated environment with the report helpers. With a `deferrer`,
 * during its main pass, a `{{#each}}` over an array of at least `at` items
 * does not render in place: it returns a marker and leaves the work to be rendered
 * a chunk of items at a time (see renderEach), so that the template's output
 * never exists as one string of every row.
 */
function environment(deferrer?: Deferrer): typeof Handlebars {
  const hb = handlebars().create();
  for (const [name, fn] of Object.entries(TEMPLATE_HELPERS)) {
    // Handlebars passes its options object last; the helpers ignore it (a missing optional argument arrives as that object).
    hb.registerHelper(name, (...args: unknown[]) => {
      const params = args.slice(0, -1);
      return (fn as (...a: unknown[]) => unknown)(...params);
    });
  }
  if (deferrer) {
    const each = hb.helpers.each as (...args: unknown[]) => unknown;
    const nonce = `\u0000crisis-each-${process.pid}-${++renders}-${Date.now().toString(36)}`;
    hb.registerHelper('each', function (this: unknown, ...args: unknown[]) {
      const [items, options] = args as [unknown, Handlebars.HelperOptions & { ids?: unknown }];
      // Only the plain form: one array, no ids tracking (never enabled here); anything else is Handlebars' own.
      if (deferrer.open && args.length === 2 && Array.isArray(items) && items.length >= deferrer.at && typeof options?.fn === 'function' && !options.ids) {
        const marker = `${nonce}-${deferrer.jobs.length}\u0000`;
        deferrer.jobs.push({ marker, items, options });
        return marker;
      }
      return each.apply(this, args);
    });
  }
  return hb;
}

/**
 * Handlebars' own `{{#each}}` over a non-empty array (helpers/each.js),
 * handing the text to `emit` a chunk of items at a time instead of returning
 * it whole.
 */
function renderEach(job: DeferredEach, emit: (text: string) => void): void {
  const { items, options } = job;
  const data = options.data ? handlebars().createFrame(options.data) : undefined;
  let chunk = '';
  for (let i = 0; i < items.length; i++) {
    if (!(i in items)) continue;
    if (data) {
      data.key = i;
      data.index = i;
      data.first = i === 0;
      data.last = i === items.length - 1;
    }
    // Handlebars passes blockParams([value, field], [contextPath + field, null]), contextPath undefined without ids.
    const blockParams = Object.assign([items[i], i], { path: [Number.NaN, null] });
    chunk += options.fn(items[i], { data, blockParams } as Handlebars.RuntimeOptions);
    if (chunk.length >= CHUNK_CHARS) {
      emit(chunk);
      chunk = '';
    }
  }
  if (chunk !== '') emit(chunk);
}

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
 * `renderTemplate`, as pieces of text that join into its result: long
 * lists (the timeline's rows) are rendered and tidied a chunk at a time, so
 * that the whole text is never built as one string and copied to be tidied
 * (that alone costs several times the report's size in memory). `deferAt`
 * is for tests; Infinity renders in one go.
 */
export function renderTemplatePieces(source: string, view: object, deferAt = DEFER_AT): string[] {
  const deferrer: Deferrer = { jobs: [], open: true, at: deferAt };
  const pieces: string[] = [];
  try {
    const template = environment(deferrer).compile(source, { noEscape: true, strict: true });
    let out: string;
    try {
      out = template(view);
    } catch (error) {
      deferrer.open = false;
      // Rendered in place, a deferred list would have failed first: its error is the one to report.
      for (const job of deferrer.jobs) renderEach(job, () => {});
      throw error;
    }
    deferrer.open = false;
    const tidier = new Tidier((text) => pieces.push(text));
    let from = 0;
    for (const job of deferrer.jobs) {
      const at = out.indexOf(job.marker, from);
      if (at === -1) continue; // a helper dropped it: Handlebars would have dropped the text too
      tidier.push(out.slice(from, at));
      renderEach(job, (text) => tidier.push(text));
      from = at + job.marker.length;
    }
    tidier.push(out.slice(from));
    tidier.end();
  } catch (error) {
    throw new TemplateError(error instanceof Error ? error.message : String(error));
  }
  return pieces;
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

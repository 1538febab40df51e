/**
 * Renders a report or timeline view through the template engine, as plain
 * text (the output is Markdown; the helpers do Markdown escaping), every
 * name strict, so a misspelt field is an error rather than a silent blank.
 */
import { compiledAheadFor, type CompiledTemplates } from '../template/ahead.js';
import { templateEngine, type HelperSpec } from '../template/engine.js';
import { escapeCell, fence, inline, link, mermaidLabel } from './markdown.js';
import { typeset } from '../messages/typography.js';

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

const engine = templateEngine(TEMPLATE_HELPERS, compiledAheadFor('report'));

/**
 * The built-in report and timeline templates of each language, as
 * `readTemplate` gives them (set in the language's typography), with the code
 * the engine compiles them to: what the build ships (src/template/ahead.ts).
 * `read` gives a file of templates/.
 */
export function compileBuiltInTemplates(read: (name: string) => string): CompiledTemplates {
  const compiled: CompiledTemplates = [];
  for (const kind of ['report', 'timeline']) {
    for (const lang of ['en', 'fr']) {
      const text = typesetTemplate(read(`${kind}.${lang}.md.hbs`), lang);
      const code = engine.precompile(text);
      if (code === undefined) throw new Error(`templates/${kind}.${lang}.md.hbs does not compile`);
      compiled.push([text, code]);
    }
  }
  return compiled;
}

/**
 * Renders `view` with the template `source`. Blank-line runs are squeezed
 * and the text ends with one newline, so that conditional sections cannot
 * break markdownlint's MD012 / MD047 (fenced blocks are left alone).
 * Throws TemplateError for a template that does not compile or refers to a
 * field the view does not have.
 */
export function renderTemplate(source: string, view: object): string {
  return tidy(engine.render(source, view));
}

/** A Handlebars expression, block or comment: `{{...}}`, `{{{...}}}`, `{{!-- ... --}}`. */
const MUSTACHE = /\{\{!--[\s\S]*?--\}\}|\{\{\{[\s\S]*?\}\}\}|\{\{[\s\S]*?\}\}/g;
/** Stands for one expression while the text around it is set (a private-use character: neither a letter nor a space). */
const HOLE = '\ue000';

/**
 * A template's own words set in the typography of `lang` (French: a narrow
 * no-break space before `; : ! ?` and inside « »), its expressions left as
 * written: the program's words in a report read as its terminal words do.
 */
export function typesetTemplate(source: string, lang: string): string {
  if (source.includes(HOLE)) return source;
  const holes: string[] = [];
  const words = source.replace(MUSTACHE, (m) => {
    holes.push(m);
    return HOLE;
  });
  let i = 0;
  return typeset(words, lang).replace(/\ue000/g, () => holes[i++] ?? '');
}

/**
 * Renders `view` with an HTML template (the status page): the same isolated,
 * strict engine as the report, with HTML escaping on, so a
 * value holding `<` or `&` shows as text. Throws TemplateError.
 */
export function renderHtml(source: string, view: object): string {
  return engine.render(source, view, { escape: true });
}

/**
 * Lines end at \n, \r\n or \r; outside fenced blocks, trailing blanks go
 * and a run of blank lines becomes one (none at the start); blank lines at
 * the end go; the text ends with exactly one newline.
 */
export function tidy(markdown: string): string {
  const text = markdown.includes('\r') ? markdown.replace(/\r\n?/g, '\n') : markdown;
  // Lines kept as they are (nearly all of a long report) are copied as runs of the text, not one by one.
  const parts: string[] = [];
  let runStart = -1;
  let runEnd = 0;
  const flush = (): void => {
    if (runStart !== -1) parts.push(text.slice(runStart, runEnd));
    runStart = -1;
  };
  let lines = 0;
  let lastBlank = false;
  let fenceMarker: string | null = null;
  for (let from = 0; ; ) {
    const found = text.indexOf('\n', from);
    const to = found === -1 ? text.length : found;
    // the patterns run only on lines that may match them (a long report has tens of thousands)
    const end = to > from ? text.charCodeAt(to - 1) : NaN;
    const trimmed: string | undefined = !fenceMarker && (end === 32 || end === 9) ? text.slice(from, to).replace(/[ \t]+$/, '') : undefined;
    const start: number = trimmed === undefined ? (to > from ? text.charCodeAt(from) : NaN) : trimmed.charCodeAt(0);
    const marker: string | undefined = start === 96 || start === 126 ? /^(`{3,}|~{3,})/.exec(trimmed ?? text.slice(from, to))?.[1] : undefined;
    const blank = trimmed === undefined ? to === from : trimmed === '';
    let skip = false;
    if (fenceMarker) {
      if (marker && marker[0] === fenceMarker[0] && marker.length >= fenceMarker.length && (trimmed ?? text.slice(from, to)).trim() === marker) fenceMarker = null;
    } else if (marker) {
      fenceMarker = marker;
    } else if (blank && (lines === 0 || lastBlank)) {
      skip = true;
    }
    if (skip) {
      flush();
    } else {
      if (trimmed !== undefined) {
        flush();
        parts.push(trimmed);
      } else {
        if (runStart === -1) runStart = from;
        runEnd = to;
      }
      lines++;
      lastBlank = blank;
    }
    if (found === -1) break;
    from = found + 1;
  }
  flush();
  // blank lines at the end go
  const joined = parts.join('\n');
  let last = joined.length;
  while (last > 0 && joined.charCodeAt(last - 1) === 10) last--;
  return `${last === joined.length ? joined : joined.slice(0, last)}\n`;
}

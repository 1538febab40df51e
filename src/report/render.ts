/**
 * Renders a report or timeline view through a Handlebars template, in an
 * isolated environment (nothing registered globally), without HTML escaping
 * (the output is Markdown; the helpers do Markdown escaping) and in strict
 * mode, so a misspelt field is an error rather than a silent blank.
 */
import Handlebars from 'handlebars';
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

function environment(): typeof Handlebars {
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(TEMPLATE_HELPERS)) {
    // Handlebars passes its options object last; the helpers ignore it (a missing optional argument arrives as that object).
    hb.registerHelper(name, (...args: unknown[]) => {
      const params = args.slice(0, -1);
      return (fn as (...a: unknown[]) => unknown)(...params);
    });
  }
  return hb;
}

/**
 * Renders `view` with the template `source`. Blank-line runs are squeezed
 * and the text ends with one newline, so that conditional sections cannot
 * break markdownlint's MD012 / MD047 (fenced blocks are left alone).
 * Throws TemplateError for a template that does not compile or refers to a
 * field the view does not have.
 */
export function renderTemplate(source: string, view: object): string {
  let out: string;
  try {
    const template = environment().compile(source, { noEscape: true, strict: true });
    out = template(view);
  } catch (error) {
    throw new TemplateError(error instanceof Error ? error.message : String(error));
  }
  return tidy(out);
}

/** Squeezes blank lines outside fenced blocks and ends with exactly one newline. */
export function tidy(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let fenceMarker: string | null = null;
  for (const raw of lines) {
    const line: string = fenceMarker ? raw : raw.replace(/[ \t]+$/, '');
    const marker: string | undefined = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (fenceMarker) {
      if (marker && marker[0] === fenceMarker[0] && marker.length >= fenceMarker.length && line.trim() === marker) fenceMarker = null;
    } else if (marker) {
      fenceMarker = marker;
    } else if (line === '' && (out.length === 0 || out[out.length - 1] === '')) {
      continue;
    }
    out.push(line);
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}

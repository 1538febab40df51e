/**
 * Markdown building blocks for reports, written so that the output passes
 * markdownlint's default rules whatever the operators typed: table cells,
 * inline text with URLs, fenced blocks, Mermaid labels.
 */

/**
 * http(s) URLs and e-mail addresses in free text (markdownlint's MD034 flags
 * both when bare); trailing punctuation stays outside the link.
 */
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]*[^\s<>".,;:!?)\]'’»]|\b[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g;

/** Characters that would start emphasis, code, links, HTML or an entity (`&lt;` typed in a note stays those characters) in inline Markdown. */
const INLINE_SPECIALS = /[\\`*_[\]<>&]/g;

/**
 * Inline Markdown for a piece of free text: line breaks become spaces,
 * Markdown syntax characters are escaped (code spans are kept), a leading `#`, `>`, `-`, `+` or
 * `1.` cannot start a block, and URLs become autolinks (`<https://...>`),
 * never bare.
 */
export function inline(text: string): string {
  return inlineText(text)
    .replace(/^[#>+-]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Code spans (`` `crisis start` ``), kept as written: they are already safe Markdown. */
const CODE_SPAN = /(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g;

/**
 * What `inlineText` would change: white space at an end, a line break, a tab or
 * two spaces running, a character to escape, a backtick, an address or a URL.
 * Most of a long log's texts have none, and are taken as they are.
 */
const NOT_PLAIN = /^\s|\s$|[^\S \u00a0\u2007\u202f]| {2}|[\\`*_[\]<>&@]|:\/\//;

/** Like `inline`, without guarding the start of a block (for table cells, where nothing can start one). */
function inlineText(text: string): string {
  if (!NOT_PLAIN.test(text)) return text;
  const flat = flatten(text);
  if (!flat.includes('`')) return linkAndEscape(flat);
  let out = '';
  let last = 0;
  for (const match of flat.matchAll(CODE_SPAN)) {
    out += linkAndEscape(flat.slice(last, match.index));
    out += match[0];
    last = match.index + match[0].length;
  }
  return out + linkAndEscape(flat.slice(last));
}

/** Escapes Markdown syntax and turns URLs and e-mail addresses into autolinks. */
function linkAndEscape(text: string): string {
  // Every URL has `://` and every address an @: most texts have neither.
  if (!text.includes('://') && !text.includes('@')) return escapeText(text);
  let out = '';
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    out += escapeText(text.slice(last, match.index));
    out += `<${match[0]}>`;
    last = match.index + match[0].length;
  }
  return out + escapeText(text.slice(last));
}

/**
 * A table cell: inline text (see `inline`) with `|` escaped, never empty so
 * that every row keeps its columns (an em dash stands for nothing).
 */
export function escapeCell(text: string | number | undefined | null): string {
  const value = text === undefined || text === null ? '' : String(text);
  const flat = inlineText(value);
  const cell = flat.includes('|') ? flat.replace(/\|/g, '\\|') : flat;
  return cell === '' ? '—' : cell;
}

/**
 * A fenced code block with a language tag (```text). The fence is longer
 * than any run of backticks in the text, so the text cannot close it; lines
 * lose trailing spaces and tabs become spaces, which does not change what a
 * reader sees (and keeps markdownlint quiet).
 */
export function fence(text: string, lang = 'text'): string {
  // text with no CR, tab, backtick, blank before a line break or at either end is its own body
  if (!/[\r\t`]|\s\n|\s$|^\n/.test(text)) return `\`\`\`${lang}\n${text}\n\`\`\``;
  const body = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\t/g, '    ').replace(/\s+$/, ''))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
  let longest = 0;
  for (const run of body.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return `${ticks}${lang}\n${body}\n${ticks}`;
}

/** A Markdown link, or an autolink `<url>` when the text is the URL itself. */
export function link(url: string, text?: string): string {
  if (!text || text === url) return `<${url}>`;
  return `[${escapeText(flatten(text))}](<${url.replace(/>/g, '%3E')}>)`;
}

/**
 * A label a Mermaid gantt accepts as a task or section name: no `:` (it
 * separates the name from the task data), no `#` or `;` (comments and line
 * ends), one line.
 */
export function mermaidLabel(text: string): string {
  const label = flatten(text)
    .replace(/[:;#]/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return label === '' ? '-' : label;
}

/**
 * One line, single spaces. A line break after a sentence's end becomes a
 * space; any other becomes ` / `, so that `a list\nof lines` stays readable.
 */
export function flatten(text: string): string {
  // no-break spaces (French typography's, a number's groups) are kept: they are not layout
  if (!text.includes('\n')) return text.trim().replace(BREAKABLE, ' ');
  return text
    .trim()
    .replace(/([.!?;:,])[ \t]*(?:\r?\n\s*)+/g, '$1 ')
    .replace(/[ \t]*(?:\r?\n\s*)+/g, ' / ')
    .replace(BREAKABLE, ' ');
}

/** A run of whitespace a line may break at. */
const BREAKABLE = /[^\S\u00a0\u2007\u202f]+/g;

function escapeText(text: string): string {
  return text.replace(INLINE_SPECIALS, '\\$&');
}

/**
 * The full check of a playbook's text: YAML with positions, the schema, the
 * references and the file name. Loaded only when a playbook is not in the
 * cache (see load.ts): the YAML library and zod are most of a cold start.
 */
import { typesetPlaybook } from './typeset.js';
import { basename } from 'node:path';
import { sortDiagnostics, type Diagnostic } from '../errors.js';
import { MAX_PROBLEMS, type Position } from './bytes.js';
import { issuesToProblems } from './issues.js';
import { idFromFileName, LANG_PATTERN, PLAYBOOK_ID_PATTERN } from './names.js';
import type { DataPath, Problem } from './problem.js';
import { checkPlaybookReferences } from './references.js';
import { PlaybookSchema, type Playbook } from './schema.js';
import { parseYamlSource } from './source.js';
import { authoringWords, type AuthoringWords } from './words.js';

/** Maps a path into the data to the position of its node (for a missing key, its parent's). */
export type PositionOf = (path: DataPath) => Position | undefined;

/** The verdict on a text: the playbook when valid, every diagnostic, and the source map. */
export interface CheckedText {
  playbook?: Playbook;
  diagnostics: Diagnostic[];
  positionOf: PositionOf;
}

function fileNameProblems(file: string, data: unknown, w: AuthoringWords): Problem[] {
  if (typeof data !== 'object' || data === null) return [];
  const { id, lang } = idFromFileName(file);
  const content = data as Record<string, unknown>;
  const problems: Problem[] = [];
  if (typeof content.id === 'string' && PLAYBOOK_ID_PATTERN.test(content.id) && content.id !== id) {
    problems.push({ path: ['id'], severity: 'warning', message: w.idDiffers(content.id, basename(file), `${content.id}.${String(content.lang ?? lang ?? 'en')}.yaml`) });
  }
  if (lang !== undefined && typeof content.lang === 'string' && LANG_PATTERN.test(content.lang) && content.lang !== lang) {
    problems.push({ path: ['lang'], severity: 'warning', message: w.langDiffers(content.lang, basename(file)) });
  }
  return problems;
}

/**
 * Checks the text of `file` (already read and decoded); see `CheckedText`.
 * Said in the playbook's language, else `lang` (the environment's), else English.
 */
export function checkPlaybookText(file: string, text: string, lang?: string): CheckedText {
  const parsed = parseYamlSource(text, authoringWords({ text }, lang));
  const diagnostics: Diagnostic[] = parsed.problems.map((p) => ({
    file,
    ...(p.offset !== undefined ? parsed.position(p.offset) : {}),
    message: p.message,
    severity: p.severity,
  }));
  let playbook: Playbook | undefined;
  let hidden = 0;
  const w = authoringWords({ data: parsed.data, text }, lang);
  if (parsed.data !== undefined) {
    const result = PlaybookSchema.safeParse(parsed.data);
    const schemaProblems = result.success ? [] : issuesToProblems(result.error.issues, parsed.data, w);
    // positions cost a walk each: never compute more than can be shown
    const relevant = dropSuggestedMissingKeys(schemaProblems);
    const problems = relevant.slice(0, MAX_PROBLEMS + 1);
    hidden = relevant.length - problems.length;
    const seen = new Set(problems.map((p) => placeKey(parsed.positionOf(p.path))));
    for (const p of checkPlaybookReferences(parsed.data, { words: w }).slice(0, MAX_PROBLEMS + 1)) {
      // the schema already complained here (a malformed id is not also an unknown one)
      if (!seen.has(placeKey(parsed.positionOf(p.path)))) problems.push(p);
    }
    problems.push(...fileNameProblems(file, parsed.data, w));
    for (const p of problems) {
      const at = p.at === 'key' ? parsed.keyPositionOf(p.path) : parsed.positionOf(p.path);
      const related = p.related ? parsed.positionOf(p.related) : undefined;
      const firstAt = related && at && related.line === at.line ? w.firstAtColumn(related.col) : related ? w.firstAtLine(related.line) : '';
      const message = `${p.message}${firstAt}`;
      diagnostics.push({ file, ...(at ?? {}), message, severity: p.severity });
    }
    if (result.success && !diagnostics.some((d) => d.severity === 'error')) playbook = typesetPlaybook(result.data);
  }
  return { ...(playbook ? { playbook } : {}), diagnostics: limit(sortDiagnostics(diagnostics), w, hidden), positionOf: parsed.positionOf };
}

function placeKey(position: Position | undefined): string {
  return position ? `${position.line}:${position.col}` : '?';
}

/** `titel` with "did you mean title?" already says that `title` is missing. */
function dropSuggestedMissingKeys(problems: Problem[]): Problem[] {
  const suggested = new Set<string>();
  for (const p of problems) {
    if (p.suggestedKey !== undefined) suggested.add(JSON.stringify([...p.path.slice(0, -1), p.suggestedKey]));
  }
  return problems.filter((p) => !(p.missingKey !== undefined && suggested.has(JSON.stringify([...p.path, p.missingKey]))));
}

function limit(diagnostics: Diagnostic[], w: AuthoringWords, hidden = 0): Diagnostic[] {
  if (diagnostics.length <= MAX_PROBLEMS && hidden === 0) return diagnostics;
  const rest = Math.max(0, diagnostics.length - MAX_PROBLEMS) + hidden;
  const first = diagnostics[0];
  return [...diagnostics.slice(0, MAX_PROBLEMS), { file: first?.file ?? '', message: w.moreProblems(rest), severity: 'error' }];
}

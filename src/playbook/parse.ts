/**
 * The full check of a playbook's text: YAML with positions, the schema, the
 * references and the file name. Loaded only when a playbook is not in the
 * cache (see load.ts): the YAML library and zod are most of a cold start.
 */
import { basename } from 'node:path';
import { sortDiagnostics, type Diagnostic } from '../errors.js';
import { MAX_PROBLEMS, type Position } from './bytes.js';
import { issuesToProblems } from './issues.js';
import { idFromFileName, LANG_PATTERN, PLAYBOOK_ID_PATTERN } from './names.js';
import type { DataPath, Problem } from './problem.js';
import { checkPlaybookReferences } from './references.js';
import { PlaybookSchema, type Playbook } from './schema.js';
import { parseYamlSource } from './source.js';

/** Maps a path into the data to the position of its node (for a missing key, its parent's). */
export type PositionOf = (path: DataPath) => Position | undefined;

/** The verdict on a text: the playbook when valid, every diagnostic, and the source map. */
export interface CheckedText {
  playbook?: Playbook;
  diagnostics: Diagnostic[];
  positionOf: PositionOf;
}

function fileNameProblems(file: string, data: unknown): Problem[] {
  if (typeof data !== 'object' || data === null) return [];
  const { id, lang } = idFromFileName(file);
  const content = data as Record<string, unknown>;
  const problems: Problem[] = [];
  if (typeof content.id === 'string' && PLAYBOOK_ID_PATTERN.test(content.id) && content.id !== id) {
    problems.push({ path: ['id'], severity: 'warning', message: `id "${content.id}" differs from the file name "${basename(file)}"; crisis finds playbooks by file name: rename the file to ${content.id}.${String(content.lang ?? lang ?? 'en')}.yaml` });
  }
  if (lang !== undefined && typeof content.lang === 'string' && LANG_PATTERN.test(content.lang) && content.lang !== lang) {
    problems.push({ path: ['lang'], severity: 'warning', message: `lang "${content.lang}" differs from the file name "${basename(file)}"; rename the file or fix the lang` });
  }
  return problems;
}

/** Checks the text of `file` (already read and decoded); see `CheckedText`. */
export function checkPlaybookText(file: string, text: string): CheckedText {
  const parsed = parseYamlSource(text);
  const diagnostics: Diagnostic[] = parsed.problems.map((p) => ({
    file,
    ...(p.offset !== undefined ? parsed.position(p.offset) : {}),
    message: p.message,
    severity: p.severity,
  }));
  let playbook: Playbook | undefined;
  let hidden = 0;
  if (parsed.data !== undefined) {
    const result = PlaybookSchema.safeParse(parsed.data);
    const schemaProblems = result.success ? [] : issuesToProblems(result.error.issues, parsed.data);
    // positions cost a walk each: never compute more than can be shown
    const relevant = dropSuggestedMissingKeys(schemaProblems);
    const problems = relevant.slice(0, MAX_PROBLEMS + 1);
    hidden = relevant.length - problems.length;
    const seen = new Set(problems.map((p) => placeKey(parsed.positionOf(p.path))));
    for (const p of checkPlaybookReferences(parsed.data).slice(0, MAX_PROBLEMS + 1)) {
      // the schema already complained here (a malformed id is not also an unknown one)
      if (!seen.has(placeKey(parsed.positionOf(p.path)))) problems.push(p);
    }
    problems.push(...fileNameProblems(file, parsed.data));
    for (const p of problems) {
      const at = p.at === 'key' ? parsed.keyPositionOf(p.path) : parsed.positionOf(p.path);
      const related = p.related ? parsed.positionOf(p.related) : undefined;
      const where = related && at && related.line === at.line ? `column ${related.col}` : `line ${related?.line ?? '?'}`;
      const message = related ? `${p.message} (first at ${where})` : p.message;
      diagnostics.push({ file, ...(at ?? {}), message, severity: p.severity });
    }
    if (result.success && !diagnostics.some((d) => d.severity === 'error')) playbook = result.data;
  }
  return { ...(playbook ? { playbook } : {}), diagnostics: limit(sortDiagnostics(diagnostics), hidden), positionOf: parsed.positionOf };
}

function placeKey(position: Position | undefined): string {
  return position ? `${position.line}:${position.col}` : '?';
}

/** `titel` with "did you mean title?" already says that `title` is missing. */
function dropSuggestedMissingKeys(problems: Problem[]): Problem[] {
  const suggested = new Set<string>();
  for (const p of problems) {
    const m = /^unknown key "[^"]*" \(did you mean "([^"]+)"\?\)/.exec(p.message);
    if (m) suggested.add(JSON.stringify([...p.path.slice(0, -1), m[1]]));
  }
  return problems.filter((p) => {
    const m = /^missing required key "([^"]+)"/.exec(p.message);
    return !(m && suggested.has(JSON.stringify([...p.path, m[1]])));
  });
}

function limit(diagnostics: Diagnostic[], hidden = 0): Diagnostic[] {
  if (diagnostics.length <= MAX_PROBLEMS && hidden === 0) return diagnostics;
  const rest = Math.max(0, diagnostics.length - MAX_PROBLEMS) + hidden;
  const first = diagnostics[0];
  return [...diagnostics.slice(0, MAX_PROBLEMS), { file: first?.file ?? '', message: `... and ${rest} more problems; fix these first`, severity: 'error' }];
}

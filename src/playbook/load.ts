/**
 * Loading one playbook file: bytes -> YAML with positions -> schema ->
 * references. Every problem of the file comes back at once, each with the
 * line and column where it is, and the playbook only when there is no error.
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Diagnostic } from '../errors.js';
import { checkPlaybookReferences } from './references.js';
import { issuesToProblems } from './issues.js';
import { idFromFileName, LANG_PATTERN, PLAYBOOK_ID_PATTERN } from './names.js';
import { PlaybookSchema, type Playbook } from './schema.js';
import type { DataPath, Problem } from './problem.js';

export { idFromFileName };
import { decodePlaybookBytes, MAX_PLAYBOOK_BYTES, MAX_PROBLEMS, parseYamlSource, tooLargeMessage, type Position } from './source.js';

/** Maps a path into the data to the position of its node (for a missing key, its parent's). */
export type PositionOf = (path: DataPath) => Position | undefined;

/** What loading a file gives: the playbook when valid, and every diagnostic. */
export interface LoadResult {
  playbook?: Playbook;
  diagnostics: Diagnostic[];
  positionOf: PositionOf;
}

/** Options of `loadPlaybookFile`. */
export interface LoadOptions {
  /** The file's text when already in memory; the file is not read then. */
  source?: string;
}

const noPosition: PositionOf = () => undefined;

async function readBytes(file: string): Promise<{ bytes?: Uint8Array; message?: string }> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { message: 'no such file' };
    if (code === 'EACCES' || code === 'EPERM') return { message: 'cannot read this file: permission denied' };
    if (code === 'EISDIR') return { message: 'is a folder, not a playbook file' };
    return { message: `cannot read this file (${code ?? String(error)})` };
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) return { message: 'is a folder, not a playbook file' };
    if (!stat.isFile()) return { message: 'is not a regular file' };
    // never read more than the cap: a hostile file may be gigabytes
    if (stat.size > MAX_PLAYBOOK_BYTES) return { message: tooLargeMessage(stat.size) };
    const buffer = Buffer.alloc(MAX_PLAYBOOK_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_PLAYBOOK_BYTES) return { message: tooLargeMessage(Math.max(stat.size, bytesRead)) };
    return { bytes: buffer.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
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

/** Parses and checks one playbook file; see `LoadResult`. */
export async function loadPlaybookFile(file: string, options: LoadOptions = {}): Promise<LoadResult> {
  const whole = (message: string): LoadResult => ({ diagnostics: [{ file, message, severity: 'error' }], positionOf: noPosition });
  let text = options.source;
  if (text === undefined) {
    const read = await readBytes(file);
    if (!read.bytes) return whole(read.message ?? 'cannot read this file');
    const decoded = decodePlaybookBytes(read.bytes);
    if (decoded.text === undefined) return whole(decoded.message ?? 'not a text file');
    text = decoded.text;
  } else if (text.length > MAX_PLAYBOOK_BYTES) {
    return whole(tooLargeMessage(Buffer.byteLength(text)));
  } else if (text.includes('\0')) {
    return whole('not a text file (it contains NUL bytes); a playbook is UTF-8 YAML text');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

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

/** Diagnostics in reading order: by line, then column; position-less ones (a count of the rest) last. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const line = (d: Diagnostic) => d.line ?? Number.MAX_SAFE_INTEGER;
  return [...diagnostics].sort((a, b) => line(a) - line(b) || (a.col ?? 0) - (b.col ?? 0));
}

function limit(diagnostics: Diagnostic[], hidden = 0): Diagnostic[] {
  if (diagnostics.length <= MAX_PROBLEMS && hidden === 0) return diagnostics;
  const rest = Math.max(0, diagnostics.length - MAX_PROBLEMS) + hidden;
  const first = diagnostics[0];
  return [...diagnostics.slice(0, MAX_PROBLEMS), { file: first?.file ?? '', message: `... and ${rest} more problems; fix these first`, severity: 'error' }];
}

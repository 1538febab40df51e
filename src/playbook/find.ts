/**
 * Finding playbooks: the folders given (`--playbooks`, CRISIS_PLAYBOOKS), then
 * ./playbooks/, then the built-in ones. Listing reads only file names and the
 * first lines of each file, so `crisis list` costs little more than start-up;
 * a playbook is parsed in full only when one is picked.
 */
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic, UserError } from '../errors.js';
import { readTextHead } from '../files.js';
import { idFromFileName, PLAYBOOK_ID_PATTERN } from './names.js';
import { didYouMean } from './problem.js';
import type { Playbook } from './schema.js';

/** The built-in playbooks shipped with the package (dist/playbook/ and src/playbook/ both sit two levels down). */
export const BUILTIN_PLAYBOOKS_DIR = fileURLToPath(new URL('../../playbooks/', import.meta.url));

/** One playbook found on disk, known from its file name and first lines only. */
export interface PlaybookEntry {
  id: string;
  lang: string;
  title: string;
  file: string;
  /** `built-in`, or the folder it was found in. */
  source: 'built-in' | string;
}

/** Where to look. `playbookDirs` already holds CRISIS_PLAYBOOKS when given; else it is read from `env`. */
export interface FindOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  playbookDirs?: string[];
}

/** A playbook picked, loaded and valid. */
export interface ResolvedPlaybook {
  playbook: Playbook;
  file: string;
  source: 'built-in' | string;
}

const HEADER_BYTES = 4096;
const YAML_FILE = /\.ya?ml$/i;

/** `file` relative to `cwd` when inside it, else absolute: how paths are shown. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function unquote(raw: string): string {
  const value = raw.trim();
  if (value.startsWith('"')) {
    const end = value.lastIndexOf('"');
    try {
      return JSON.parse(value.slice(0, end > 0 ? end + 1 : undefined)) as string;
    } catch {
      return value.slice(1, end > 0 ? end : undefined);
    }
  }
  if (value.startsWith("'")) {
    const end = value.lastIndexOf("'");
    return value.slice(1, end > 0 ? end : undefined).replace(/''/g, "'");
  }
  return value.replace(/\s+#.*$/, '');
}

/** Top-level `id`, `lang` and `title` from the first lines, without parsing YAML. */
export function scanHeader(text: string): { id?: string; lang?: string; title?: string } {
  const header: { id?: string; lang?: string; title?: string } = {};
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const m = /^(id|lang|title):[ \t]*(.*)$/.exec(line);
    if (!m || header[m[1] as 'id'] !== undefined) return;
    let value = unquote(m[2] ?? '');
    if (/^[>|][-+]?$/.test(value)) {
      const rest: string[] = [];
      for (const next of lines.slice(i + 1)) {
        if (!/^\s+\S/.test(next)) break;
        rest.push(next.trim());
      }
      value = rest.join(' ');
    }
    header[m[1] as 'id'] = value;
  });
  return header;
}

async function entriesIn(dir: string, source: string): Promise<PlaybookEntry[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => YAML_FILE.test(n)).sort();
  } catch {
    return [];
  }
  const entries = await Promise.all(
    names.map(async (name): Promise<PlaybookEntry | undefined> => {
      const file = join(dir, name);
      const fromName = idFromFileName(file);
      let header: ReturnType<typeof scanHeader> = {};
      try {
        header = scanHeader(readTextHead(file, HEADER_BYTES));
      } catch {
        return undefined; // a folder named *.yaml, or unreadable: not a playbook
      }
      return { id: fromName.id, lang: fromName.lang ?? header.lang ?? 'en', title: header.title ?? '', file, source };
    }),
  );
  return entries.filter((e): e is PlaybookEntry => e !== undefined);
}

/** The folders searched, in order, each with the `source` shown for its playbooks. */
async function searchDirs(options: FindOptions): Promise<{ dir: string; source: string }[]> {
  const given = options.playbookDirs ?? (options.env.CRISIS_PLAYBOOKS ?? '').split(':').filter(Boolean);
  const dirs: { dir: string; source: string }[] = [];
  for (const d of given) {
    const dir = resolve(options.cwd, d);
    const info = await stat(dir).catch(() => undefined);
    if (!info?.isDirectory()) {
      const exists = info !== undefined;
      throw new UserError((c) => c.errors.playbookFolder(d, exists), { details: [(c) => c.errors.checkPlaybookDirs] });
    }
    dirs.push({ dir, source: dir });
  }
  const builtin = resolve(BUILTIN_PLAYBOOKS_DIR);
  const local = resolve(options.cwd, 'playbooks');
  // run from the package's own folder, ./playbooks/ is the built-in one
  if (local !== builtin) dirs.push({ dir: local, source: local });
  dirs.push({ dir: builtin, source: 'built-in' });
  const seen = new Set<string>();
  return dirs.filter(({ dir }) => (seen.has(dir) ? false : (seen.add(dir), true)));
}

/** Every playbook found; the first one of a given id and lang hides the later ones. */
export async function findPlaybooks(options: FindOptions): Promise<PlaybookEntry[]> {
  const found: PlaybookEntry[] = [];
  const taken = new Set<string>();
  for (const { dir, source } of await searchDirs(options)) {
    // languages match whatever their case (EN is en); the file that writes it in lower case, as
    // the format asks, wins over its upper-case twin however the folder sorts
    const entries = (await entriesIn(dir, source)).sort((a, b) => Number(a.lang !== a.lang.toLowerCase()) - Number(b.lang !== b.lang.toLowerCase()));
    for (const entry of entries) {
      const key = `${entry.id}\0${entry.lang.toLowerCase()}`;
      if (taken.has(key)) continue;
      taken.add(key);
      found.push(entry);
    }
  }
  return found;
}

/** The language the environment asks for: LC_ALL, LC_MESSAGES, LANG (`fr_FR.UTF-8` -> `fr`). */
export function environmentLanguage(env: Record<string, string | undefined>): string | undefined {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  if (!value || value === 'C' || value === 'POSIX' || value.startsWith('C.')) return undefined;
  const lang = value.split(/[_.@]/)[0]?.toLowerCase();
  return lang && /^[a-z]{2,3}$/.test(lang) ? lang : undefined;
}

function sameLang(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function primary(lang: string): string {
  return lang.toLowerCase().split('-')[0] ?? lang;
}

/**
 * Picks one language version: `lang` when given, else the environment's
 * language, else `en`, else the only one. Undefined when the choice is ambiguous.
 */
export function pickLanguage<T extends { lang: string }>(versions: T[], lang: string | undefined, env: Record<string, string | undefined>): T | undefined {
  const match = (wanted: string) => versions.find((v) => sameLang(v.lang, wanted)) ?? versions.find((v) => primary(v.lang) === primary(wanted));
  if (lang !== undefined) return match(lang);
  const fromEnv = environmentLanguage(env);
  return (fromEnv !== undefined ? match(fromEnv) : undefined) ?? match('en') ?? (versions.length === 1 ? versions[0] : undefined);
}

/** True when `ref` names a file rather than a playbook id. */
export function isPathRef(ref: string): boolean {
  return ref.includes('/') || ref.includes(sep) || YAML_FILE.test(ref);
}

/** Loads and checks a playbook file; `name` is how errors name it. */
async function loadValid(file: string, options: FindOptions, name: string): Promise<Playbook> {
  // loaded on demand: a mere listing reads no playbook in full
  const [{ loadPlaybookFile }, { playbookCacheFor }] = await Promise.all([import('./load.js'), import('./cache.js')]);
  const loaded = await loadPlaybookFile(file, { cache: playbookCacheFor(options.env, options.cwd), lang: environmentLanguage(options.env) });
  const { cwd } = options;
  const shown = displayPath(file, cwd);
  if (!loaded.playbook) {
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic({ ...d, file: shown }));
    throw new UserError((c) => c.errors.playbookInvalid(name), { details: (c) => [...errors, c.errors.fixThenValidate(shown)] });
  }
  return loaded.playbook;
}

/** Finds, loads and checks the playbook `ref` (an id or a path to a file); see the CLI spec for the language rule. */
export async function resolvePlaybook(ref: string, options: FindOptions & { lang?: string }): Promise<ResolvedPlaybook> {
  if (isPathRef(ref)) {
    const file = resolve(options.cwd, ref);
    const shown = displayPath(file, options.cwd);
    const playbook = await loadValid(file, options, shown);
    const wanted = options.lang;
    if (wanted !== undefined && !sameLang(playbook.lang, wanted)) {
      throw new UserError((c) => c.errors.playbookInLang(shown, playbook.lang, wanted));
    }
    return { playbook, file, source: file };
  }
  const entries = await findPlaybooks(options);
  const versions = PLAYBOOK_ID_PATTERN.test(ref) ? entries.filter((e) => e.id === ref) : [];
  if (versions.length === 0) {
    const ids = [...new Set(entries.map((e) => e.id))];
    const near = didYouMean(ref, ids);
    throw new UserError((c) => c.errors.unknownPlaybook(ref, near), {
      details: (c) => [ids.length > 0 ? c.errors.available(ids.join(', ')) : c.errors.noPlaybookWriteOne, c.errors.runList],
    });
  }
  const chosen = pickLanguage(versions, options.lang, options.env);
  if (!chosen) {
    const langs = versions.map((v) => v.lang).join(', ');
    const wanted = options.lang;
    throw new UserError((c) => (wanted !== undefined ? c.errors.noLangVersion(ref, wanted, langs) : c.errors.severalLangs(ref, langs)));
  }
  const playbook = await loadValid(chosen.file, options, `"${ref}" (${displayPath(chosen.file, options.cwd)})`);
  return { playbook, file: chosen.file, source: chosen.source };
}

/** Playbook files in a folder and its sub-folders (dot-folders and node_modules skipped). */
export async function playbookFilesIn(dir: string, depth = 0): Promise<string[]> {
  const items = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const item of items.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, item.name);
    if (item.isDirectory()) {
      if (depth < 8 && !item.name.startsWith('.') && item.name !== 'node_modules') files.push(...(await playbookFilesIn(path, depth + 1)));
    } else if (YAML_FILE.test(item.name)) files.push(path);
  }
  return files;
}

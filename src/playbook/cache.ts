/**
 * Checked playbooks kept between runs, so that a file read again unchanged
 * costs a hash and a JSON read instead of the YAML parser and the schema
 * (most of `crisis validate`, and of every command that loads a playbook,
 * on a cold start).
 *
 * An entry is keyed by a SHA-256 of the build's fingerprint, the file's name
 * (the loader compares it with the id) and the file's text, so an edited file,
 * a renamed one or another version of crisis never sees a stale entry. Only
 * playbooks that load are kept, with the loader's warnings and, once
 * `crisis validate` has run them, the message checks' findings (rendered at a
 * fixed moment, so they too depend on the text alone). The cache is best-effort:
 * an unreadable, corrupt or foreign entry is a miss, a failed write is
 * ignored, and CRISIS_NO_CACHE=1 turns it off. Entries are written atomically
 * (temporary file, then rename), and the oldest are removed past MAX_ENTRIES.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { BUILD_ID } from '../build.js';
import { readRegularFile } from '../files.js';
import { userCacheDir } from '../user-dirs.js';
import type { Playbook } from './schema.js';

/** Where entries go, and the fingerprint of the code that checked them. */
export interface PlaybookCache {
  dir: string;
  build: string;
}

/** A diagnostic without its file (the same text may sit in another folder). */
export interface CachedDiagnostic {
  line?: number;
  col?: number;
  message: string;
  severity: 'error' | 'warning';
}

/** What is kept of a file. */
export interface CachedPlaybook {
  playbook: Playbook;
  /** The loader's diagnostics (warnings only: a playbook with an error is not kept). */
  warnings: CachedDiagnostic[];
  /** The message checks' findings, once `crisis validate` has run them. */
  checks?: CachedDiagnostic[];
}

interface Entry extends CachedPlaybook {
  format: 1;
  key: string;
}

/** Largest entry read: a playbook (1 MiB at most) and its findings, as JSON. */
const MAX_ENTRY_BYTES = 8 * 1024 * 1024;

/** Entries kept at most; past it the least recently written go. */
export const MAX_ENTRIES = 500;
const FOLDER = 'playbooks';

/** True when CRISIS_NO_CACHE asks for no cache (any value but "", "0" or "false"). */
export function cacheDisabled(env: Record<string, string | undefined>): boolean {
  const value = env.CRISIS_NO_CACHE?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

/**
 * The cache for this environment: `userCacheDir` (CRISIS_CACHE_DIR first),
 * or none when turned off or when running from sources (no build fingerprint).
 */
export function playbookCacheFor(env: Record<string, string | undefined>, cwd?: string): PlaybookCache | undefined {
  if (BUILD_ID === undefined || cacheDisabled(env)) return undefined;
  return { dir: join(userCacheDir({ env, ...(cwd !== undefined ? { cwd } : {}) }), FOLDER), build: BUILD_ID };
}

/** The key of `file` holding `text`. */
export function cacheKey(cache: PlaybookCache, file: string, text: string): string {
  return createHash('sha256').update(`${cache.build}\0${basename(file)}\0`).update(text).digest('hex');
}

function entryPath(cache: PlaybookCache, key: string): string {
  return join(cache.dir, `${key}.json`);
}

/** A diagnostic as kept: no file, and no empty position. */
export function toCached(d: { line?: number | undefined; col?: number | undefined; message: string; severity: 'error' | 'warning' }): CachedDiagnostic {
  return { ...(d.line !== undefined ? { line: d.line } : {}), ...(d.col !== undefined ? { col: d.col } : {}), message: d.message, severity: d.severity };
}

const isDiagnosticList = (value: unknown): value is CachedDiagnostic[] =>
  Array.isArray(value) && value.every((d) => typeof d === 'object' && d !== null && typeof (d as CachedDiagnostic).message === 'string');

/** The checked playbook stored under `key`, or undefined (missing, unreadable, corrupt or another key). */
export function readCached(cache: PlaybookCache, key: string): CachedPlaybook | undefined {
  let entry: Partial<Entry>;
  try {
    // a regular file of sane size only: whatever sits in the folder never blocks or floods a run
    entry = JSON.parse(readRegularFile(entryPath(cache, key), MAX_ENTRY_BYTES).toString('utf8')) as Partial<Entry>;
  } catch {
    return undefined;
  }
  if (typeof entry !== 'object' || entry === null || entry.format !== 1 || entry.key !== key || !isDiagnosticList(entry.warnings)) return undefined;
  const playbook = entry.playbook as Partial<Playbook> | undefined;
  if (entry.checks !== undefined && !isDiagnosticList(entry.checks)) return undefined;
  if (typeof playbook !== 'object' || playbook === null || typeof playbook.id !== 'string' || !Array.isArray(playbook.phases)) return undefined;
  return { playbook: playbook as Playbook, warnings: entry.warnings, ...(entry.checks ? { checks: entry.checks } : {}) };
}

/** Stores a checked playbook under `key`; never throws (a cache that cannot be written is no cache). */
export function writeCached(cache: PlaybookCache, key: string, value: CachedPlaybook): void {
  const entry: Entry = { format: 1, key, ...value };
  const target = entryPath(cache, key);
  const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(cache.dir, { recursive: true });
    writeFileSync(temporary, JSON.stringify(entry));
    renameSync(temporary, target);
    prune(cache.dir);
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // never written
    }
  }
}

/** Keeps the folder under MAX_ENTRIES by removing the oldest entries (and stray temporary files). */
function prune(dir: string): void {
  const names = readdirSync(dir);
  if (names.length <= MAX_ENTRIES) return;
  const aged = names.flatMap((name) => {
    try {
      return [{ name, mtime: statSync(join(dir, name)).mtimeMs }];
    } catch {
      return []; // removed meanwhile by another run
    }
  });
  aged.sort((a, b) => a.mtime - b.mtime);
  for (const { name } of aged.slice(0, aged.length - Math.floor(MAX_ENTRIES * 0.8))) {
    try {
      unlinkSync(join(dir, name));
    } catch {
      // removed meanwhile by another run
    }
  }
}

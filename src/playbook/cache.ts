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
 * fixed moment, so they too depend on the text alone).
 *
 * An entry is trusted only as a copy of what a full load gave: the key says
 * which text it is for, but anyone who can write a file could compute it. So
 * each entry is sealed with an HMAC over its key and content, under a secret
 * drawn once and kept beside the entries, readable by the user alone; an
 * entry without a good seal (crafted, copied from elsewhere, truncated,
 * malformed) is a miss, and the file is loaded in full. A folder that is not
 * the user's, or that others may write to, is not used at all: not read, not
 * written. The cache is best-effort: a failed write is ignored, and
 * CRISIS_NO_CACHE=1 turns it off. Entries are written atomically (temporary
 * file, then rename), and the oldest are removed past MAX_ENTRIES.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
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
  format: 2;
  key: string;
}

/** Largest entry read: a playbook (1 MiB at most) and its findings, as JSON. */
const MAX_ENTRY_BYTES = 8 * 1024 * 1024;

/** Entries kept at most; past it the least recently written go. */
export const MAX_ENTRIES = 500;
const FOLDER = 'playbooks';
/** The secret that seals entries, in the entries' folder (never pruned). */
const SECRET = '.seal-key';
const SECRET_BYTES = 32;
/** First line of an entry, before its seal. */
const MAGIC = 'crisis-playbook-cache 2';

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

/**
 * True when `path` is a folder (not a link to one) of this user that no one
 * else may write to. Where there are no user ids (Windows), a folder is enough.
 */
function ownFolder(path: string): boolean {
  try {
    const stat = lstatSync(path);
    if (!stat.isDirectory()) return false;
    const uid = process.getuid?.();
    return uid === undefined || (stat.uid === uid && (stat.mode & 0o022) === 0);
  } catch {
    return false;
  }
}

/** The secret that seals entries, from a file of this user's that only they can read; undefined when there is none such. */
function readSecret(dir: string): Buffer | undefined {
  const path = join(dir, SECRET);
  try {
    const stat = lstatSync(path);
    const uid = process.getuid?.();
    if (!stat.isFile() || (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o077) !== 0))) return undefined;
    const secret = readRegularFile(path, 1024);
    return secret.length >= SECRET_BYTES ? secret : undefined;
  } catch {
    return undefined;
  }
}

/** The secret, made on first use (two runs at once: one makes it, both read it). */
function secretFor(dir: string): Buffer | undefined {
  const found = readSecret(dir);
  if (found) return found;
  try {
    writeFileSync(join(dir, SECRET), randomBytes(SECRET_BYTES), { flag: 'wx', mode: 0o600 });
  } catch {
    // made meanwhile by another run, or the folder cannot be written
  }
  return readSecret(dir);
}

function seal(secret: Buffer, key: string, body: string): string {
  return createHmac('sha256', secret).update(`${key}\n`).update(body).digest('hex');
}

/** The checked playbook stored under `key`, or undefined (missing, unreadable, unsealed, corrupt, another key, or an unsafe folder). */
export function readCached(cache: PlaybookCache, key: string): CachedPlaybook | undefined {
  try {
    if (!ownFolder(cache.dir)) return undefined;
    const secret = readSecret(cache.dir);
    if (!secret) return undefined;
    // a regular file of sane size only: whatever sits in the folder never blocks or floods a run
    const text = readRegularFile(entryPath(cache, key), MAX_ENTRY_BYTES).toString('utf8');
    const head = text.indexOf('\n');
    if (head === -1 || !text.startsWith(`${MAGIC} `)) return undefined;
    const given = Buffer.from(text.slice(MAGIC.length + 1, head), 'utf8');
    const body = text.slice(head + 1);
    const expected = Buffer.from(seal(secret, key, body), 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return entryContent(JSON.parse(body) as unknown, key);
  } catch {
    return undefined;
  }
}

/** The content of a sealed entry, if it has the shape written (a second guard: the seal already vouches for it). */
function entryContent(value: unknown, key: string): CachedPlaybook | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entry = value as Partial<Entry>;
  if (entry.format !== 2 || entry.key !== key || !isDiagnosticList(entry.warnings)) return undefined;
  if (entry.checks !== undefined && !isDiagnosticList(entry.checks)) return undefined;
  const playbook = entry.playbook as Partial<Playbook> | undefined;
  if (typeof playbook !== 'object' || playbook === null || typeof playbook.id !== 'string' || !Array.isArray(playbook.phases)) return undefined;
  return { playbook: playbook as Playbook, warnings: entry.warnings, ...(entry.checks ? { checks: entry.checks } : {}) };
}

/** Stores a checked playbook under `key`; never throws (a cache that cannot be written is no cache). */
export function writeCached(cache: PlaybookCache, key: string, value: CachedPlaybook): void {
  const entry: Entry = { format: 2, key, ...value };
  const target = entryPath(cache, key);
  const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    // made for this user alone; one that exists must be theirs, and theirs to write only
    mkdirSync(cache.dir, { recursive: true, mode: 0o700 });
    if (!ownFolder(cache.dir)) return;
    const secret = secretFor(cache.dir);
    if (!secret) return;
    const body = JSON.stringify(entry);
    writeFileSync(temporary, `${MAGIC} ${seal(secret, key, body)}\n${body}`, { mode: 0o600 });
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
  const names = readdirSync(dir).filter((name) => name !== SECRET);
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

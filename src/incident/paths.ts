/**
 * Where incidents live on disk: the data directory and one folder per incident.
 * Ids are checked before any path is built from them, so `..` or `/` can never
 * reach the file system.
 */
import { formatInZone, isTimeZone } from '../zone.js';
import { statSync } from 'node:fs';
import { lstat, mkdir, realpath } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { UserError } from '../errors.js';
import type { Catalogue } from '../i18n/index.js';
import { userDataDir } from '../user-dirs.js';

/** Incident ids: lower-case letters, digits and dashes, not starting with a dash. */
export const INCIDENT_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
/** Longer ids are refused: they make unwieldy folder names and may hit path limits. */
export const INCIDENT_ID_MAX_LENGTH = 100;

/** The log file inside an incident folder. */
export const EVENTS_FILE = 'events.jsonl';
/** The folder under the data directory holding one folder per incident. */
export const INCIDENTS_FOLDER = 'incidents';

export interface DataDirOptions {
  /** `--data-dir`, when given. */
  dataDir?: string | undefined;
  env: Record<string, string | undefined>;
  cwd: string;
}

/**
 * The data directory, in the spec's order: `--data-dir`, `CRISIS_HOME`, the
 * nearest `.crisis/` folder from `cwd` upwards, else the user's data directory
 * (see user-dirs.ts). Relative paths are taken from `cwd`. Nothing is created.
 */
export function resolveDataDir(options: DataDirOptions): string {
  const { env, cwd } = options;
  if (options.dataDir) return resolve(cwd, options.dataDir);
  if (env.CRISIS_HOME) return resolve(cwd, env.CRISIS_HOME);
  const team = findUp(resolve(cwd), '.crisis');
  if (team) return team;
  return userDataDir();
}

function findUp(start: string, name: string): string | undefined {
  let dir = start;
  for (;;) {
    const candidate = join(dir, name);
    if (isDirectory(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    // Missing or unreadable: either way it is not a folder we can use.
    return false;
  }
}

/** Names Windows keeps for devices: a folder cannot have them there, so an incident cannot either. */
const RESERVED_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/** True for a well-formed incident id (see `assertIncidentId`). */
export function isIncidentId(id: string): boolean {
  return id.length > 0 && id.length <= INCIDENT_ID_MAX_LENGTH && INCIDENT_ID_PATTERN.test(id) && !RESERVED_NAMES.test(id);
}

/**
 * Refuses anything that is not a well-formed incident id (UserError, exit 1),
 * before it can be used in a path.
 */
export function assertIncidentId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || id.length === 0) {
    throw new UserError((c) => c.errors.emptyId);
  }
  if (RESERVED_NAMES.test(id)) {
    throw new UserError((c) => c.errors.reservedId(id));
  }
  if (!isIncidentId(id)) {
    const shown = id.length > 40 ? `${id.slice(0, 40)}...` : id;
    throw new UserError((c) => c.errors.badId(JSON.stringify(shown), INCIDENT_ID_MAX_LENGTH));
  }
}

/** `<dataDir>/incidents`. */
export function incidentsDir(dataDir: string): string {
  return join(dataDir, INCIDENTS_FOLDER);
}

/** `<dataDir>/incidents/<id>`, after checking the id. */
export function incidentDir(dataDir: string, id: string): string {
  assertIncidentId(id);
  return join(dataDir, INCIDENTS_FOLDER, id);
}

/** `<dataDir>/incidents/<id>/events.jsonl`, after checking the id. */
export function eventsPath(dataDir: string, id: string): string {
  return join(incidentDir(dataDir, id), EVENTS_FILE);
}

/**
 * Refuses to write into an incident whose folder or log is a symbolic link
 * leading out of the data directory (links inside it are followed). The
 * link's target is not named or read.
 */
export async function assertInsideDataDir(dataDir: string, id: string, what: 'log' | 'folder' = 'log'): Promise<void> {
  const folder = incidentDir(dataDir, id);
  const file = eventsPath(dataDir, id);
  let root: string;
  let real: string;
  try {
    [root, real] = await Promise.all([realpath(dataDir), realpath(what === 'log' ? file : folder)]);
  } catch (error) {
    throw explainFsError(error, file, 'write');
  }
  if (real.startsWith(root + sep)) return;
  const links = await Promise.all(
    [incidentsDir(dataDir), folder, file].map(async (path) => ((await lstat(path).catch(() => undefined))?.isSymbolicLink() ? path : undefined)),
  );
  const link = links.find((path) => path !== undefined) ?? file;
  throw new UserError((c) => c.errors.linkOut(id, link, dataDir), { details: [(c) => c.errors.onlyInside] });
}

/** `YYYY-MM-DD` of a date in `zone` (an IANA name), else in the machine's zone. */
function dayOf(date: Date, zone?: string): string {
  if (zone !== undefined && isTimeZone(zone)) return formatInZone(date, 'yyyy-MM-dd', zone);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The id an incident would get without a suffix: `YYYY-MM-DD-<playbook>` with
 * the day of detection in the incident's zone (the machine's without one), so
 * that an incident of 16:00 in London is not filed under the next day because
 * the machine is in Tokyo. A playbook id that does not fit the id pattern is made to.
 */
export function baseIncidentId(playbookId: string, detectedAt: Date, zone?: string): string {
  if (Number.isNaN(detectedAt.getTime())) {
    throw new UserError((c) => c.errors.noDetectionTime);
  }
  const slug = playbookId
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  // Room for the date, its dash and a suffix such as "-999".
  const room = INCIDENT_ID_MAX_LENGTH - 11 - 4;
  const trimmed = slug.slice(0, room).replace(/-+$/, '');
  const day = dayOf(detectedAt, zone);
  return trimmed ? `${day}-${trimmed}` : `${day}-incident`;
}

/**
 * Picks a free id (`YYYY-MM-DD-<playbook>`, then `-2`, `-3` ...) and creates
 * its folder, so the id is reserved. Race-safe: the final folder is created
 * with a non-recursive `mkdir`, and another process winning the race
 * (`EEXIST`) just moves this one to the next suffix.
 */
export async function newIncidentId(dataDir: string, playbookId: string, detectedAt: Date, zone?: string): Promise<string> {
  const base = baseIncidentId(playbookId, detectedAt, zone);
  await ensureIncidentsDir(dataDir);
  for (let n = 1; n < 1000; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (await reserveIncidentDir(dataDir, id)) return id;
  }
  throw new UserError((c) => c.errors.tooManyIds(base));
}

/** Creates `<dataDir>/incidents` (and the data directory) if missing. */
export async function ensureIncidentsDir(dataDir: string): Promise<void> {
  await mkdirOrExplain(incidentsDir(dataDir), true);
}

/**
 * Creates the folder of one incident; false when it already exists. The
 * parent `incidents/` folder must exist.
 */
export async function reserveIncidentDir(dataDir: string, id: string): Promise<boolean> {
  try {
    await mkdirOrExplain(incidentDir(dataDir, id), false);
    return true;
  } catch (error) {
    if (isErrnoException(error) && error.code === 'EEXIST') return false;
    throw error;
  }
}

async function mkdirOrExplain(path: string, recursive: boolean): Promise<void> {
  try {
    await mkdir(path, { recursive });
  } catch (error) {
    // a recursive mkdir only fails with EEXIST when a file stands where the folder should be
    if (recursive && isErrnoException(error) && error.code === 'EEXIST') {
      throw new UserError((c) => c.errors.fsRefused('create', path, c.errors.fsReasons.ENOTDIR), { details: [(c) => c.errors.writableDataDir] });
    }
    throw explainFsError(error, path, 'create');
  }
}

/** Codes that mean "this place cannot be written to", which the user can fix (their words: the catalogue's errors.fsReasons). */
const WRITE_REFUSED = ['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOTDIR'] as const;
type WriteRefused = (typeof WRITE_REFUSED)[number];
const isWriteRefused = (code: string): code is WriteRefused => (WRITE_REFUSED as readonly string[]).includes(code);

/**
 * Turns a file-system error the user can act on into a UserError naming the
 * path and what to do (for a file the user asked for, `place` 'output': choose
 * another place, not another data directory); returns anything else (EEXIST,
 * bugs) unchanged.
 */
export function explainFsError(error: unknown, path: string, action: 'create' | 'write' | 'read' | 'lock', place: 'data' | 'output' = 'data'): unknown {
  if (!isErrnoException(error) || !error.code) return error;
  const code = error.code;
  if (!isWriteRefused(code)) return error;
  const full = code === 'ENOSPC' || code === 'EDQUOT';
  const details = action === 'read' ? [] : [(c: Catalogue) => (full ? c.errors.freeSpace : place === 'output' ? c.errors.writableOutput : c.errors.writableDataDir)];
  return new UserError((c) => c.errors.fsRefused(action, path, c.errors.fsReasons[code]), { details });
}

/** Narrows an unknown error to a Node system error. */
export function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

/**
 * Loading one playbook file: bytes -> YAML with positions -> schema ->
 * references. Every problem of the file comes back at once, each with the
 * line and column where it is, and the playbook only when there is no error.
 * A valid playbook read before, unchanged, comes from the cache (cache.ts)
 * without loading the YAML library or the schema.
 */
import type { Diagnostic } from '../errors.js';
import { readRegularFile, whyUnreadable } from '../files.js';
import { decodePlaybookBytes, MAX_PLAYBOOK_BYTES, tooLargeMessage } from './bytes.js';
import { cacheKey, readCached, toCached, writeCached, type CachedDiagnostic, type PlaybookCache } from './cache.js';
import type { PositionOf } from './parse.js';
import type { Playbook } from './schema.js';
import { authoringWords, type AuthoringWords } from './words.js';

export type { PositionOf };

/** What loading a file gives: the playbook when valid, and every diagnostic. */
export interface LoadResult {
  playbook?: Playbook;
  diagnostics: Diagnostic[];
  /**
   * Positions in the file, when it was parsed; a playbook from the cache has
   * none until `positionsOf` parses it.
   */
  positionOf?: PositionOf;
  /** The text read (absent when the file could not be read as text). */
  text?: string;
  /** With a cache: the file's key in it, and the message checks' findings kept there, if any. */
  cacheKey?: string;
  cachedChecks?: CachedDiagnostic[];
}

/** Options of `loadPlaybookFile`. */
export interface LoadOptions {
  /** The file's text when already in memory; the file is not read then. */
  source?: string;
  /** Where checked playbooks are kept between runs; none by default. */
  cache?: PlaybookCache | undefined;
  /** False when the caller writes the entry itself, with more in it (validate's checks). */
  keep?: boolean;
  /** The language to speak when the file declares none (the environment's); English by default. */
  lang?: string | undefined;
}

/** The file's bytes, or why they cannot be had, in words. */
function readBytes(file: string, w: AuthoringWords): { bytes?: Uint8Array; message?: string } {
  try {
    return { bytes: readRegularFile(file, MAX_PLAYBOOK_BYTES) };
  } catch (error) {
    return { message: whyUnreadable(error, (size) => tooLargeMessage(size ?? MAX_PLAYBOOK_BYTES + 1, w), w.unreadable) };
  }
}

/** Parses and checks one playbook file; see `LoadResult`. */
export async function loadPlaybookFile(file: string, options: LoadOptions = {}): Promise<LoadResult> {
  const whole = (message: string): LoadResult => ({ diagnostics: [{ file, message, severity: 'error' }] });
  // a file that cannot be read as text declares no language: the caller's
  const w = authoringWords({}, options.lang);
  let text = options.source;
  if (text === undefined) {
    const read = readBytes(file, w);
    if (!read.bytes) return whole(read.message ?? w.unreadable.other(file));
    const decoded = decodePlaybookBytes(read.bytes, w);
    if (decoded.text === undefined) return whole(decoded.message ?? w.nulBytes);
    text = decoded.text;
  } else if (text.length > MAX_PLAYBOOK_BYTES) {
    return whole(tooLargeMessage(Buffer.byteLength(text), w));
  } else if (text.includes('\0')) {
    return whole(w.nulBytes);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const { cache } = options;
  const key = cache ? cacheKey(cache, file, text) : undefined;
  if (cache && key) {
    const hit = readCached(cache, key);
    if (hit) {
      const diagnostics = hit.warnings.map((w) => ({ file, ...w }));
      return { playbook: hit.playbook, diagnostics, text, cacheKey: key, ...(hit.checks ? { cachedChecks: hit.checks } : {}) };
    }
  }
  const { checkPlaybookText } = await import('./parse.js');
  const checked = checkPlaybookText(file, text, options.lang);
  if (cache && key && checked.playbook && options.keep !== false) writeCached(cache, key, { playbook: checked.playbook, warnings: checked.diagnostics.map(toCached) });
  return { ...checked, text, ...(key !== undefined ? { cacheKey: key } : {}) };
}

/** The positions of a loaded file, parsing its text again when it came from the cache. */
export async function positionsOf(file: string, loaded: LoadResult): Promise<PositionOf> {
  if (loaded.positionOf) return loaded.positionOf;
  if (loaded.text === undefined) return () => undefined;
  const { checkPlaybookText } = await import('./parse.js');
  return checkPlaybookText(file, loaded.text).positionOf;
}

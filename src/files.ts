/**
 * Reading files a user names (a playbook, an answers file, a template,
 * config.yaml, a cache entry) without the ways a path can hurt: a named pipe
 * would block the open until some writer comes, a device such as /dev/zero
 * would never end, a huge file would fill the memory. Such paths fail with an
 * error whose `code` says why, for the caller to word. Reads are synchronous:
 * a command needs these files before it can do anything else, and the round
 * trips of asynchronous reads cost more than the reads.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { en } from './i18n/en.js';
import type { Catalogue } from './i18n/types.js';

/** `code` of the errors this module adds to Node's own (ENOENT, EACCES...). */
export type FileProblem = 'EISDIR' | 'ENOTREG' | 'ETOOBIG' | 'ECHANGED';

function problem(code: FileProblem, message: string, size?: number): NodeJS.ErrnoException & { size?: number } {
  return Object.assign(new Error(message), { code }, size !== undefined ? { size } : {});
}

/** Runs `read` on `path` opened without waiting on a pipe, once it is known to be a regular file of `size` bytes. */
function withRegularFile<T>(path: string, read: (fd: number, size: number) => T): T {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw problem('EISDIR', `${path} is a folder`);
    if (!stat.isFile()) throw problem('ENOTREG', `${path} is not a regular file`);
    return read(fd, stat.size);
  } finally {
    closeSync(fd);
  }
}

/** Reads into `buffer` from the start until it is full or the file ends; the number of bytes read. */
function fill(fd: number, buffer: Buffer): number {
  let bytesRead = 0;
  for (let n = 1; n > 0 && bytesRead < buffer.length; bytesRead += n) n = readSync(fd, buffer, bytesRead, buffer.length - bytesRead, bytesRead);
  return bytesRead;
}

/** The bytes of the regular file `path`, of at most `maxBytes` (an ETOOBIG error carries the `size`). */
export function readRegularFile(path: string, maxBytes: number): Buffer {
  return withRegularFile(path, (fd, size) => {
    // never read more than the cap: a hostile file may be gigabytes
    if (size > maxBytes) throw problem('ETOOBIG', `${path} is larger than ${maxBytes} bytes`, size);
    const buffer = Buffer.allocUnsafe(size + 1);
    const bytesRead = fill(fd, buffer);
    if (bytesRead > size) throw problem('ECHANGED', `${path} changed while it was read`);
    return buffer.subarray(0, bytesRead);
  });
}

/** The UTF-8 text of the regular file `path`, of at most `maxBytes`. */
export function readTextFile(path: string, maxBytes: number): string {
  return readRegularFile(path, maxBytes).toString('utf8');
}

/** The first `bytes` bytes of the regular file `path` as text; '' for a pipe or a device. */
export function readTextHead(path: string, bytes: number): string {
  try {
    return withRegularFile(path, (fd) => {
      const buffer = Buffer.alloc(bytes);
      return buffer.subarray(0, fill(fd, buffer)).toString('utf8');
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTREG') return '';
    throw error;
  }
}


/** Why a file cannot be read, by error code, in one language (the catalogue's `authoring.unreadable`). */
export type UnreadableWords = Catalogue['authoring']['unreadable'];

/**
 * Why a file a user named cannot be read, in words: the one table every
 * reader of user files (playbooks, answers files, templates, config.yaml) uses.
 * `tooBig` words the ETOOBIG case for the kind of file (each has its own cap).
 */
export function whyUnreadable(error: unknown, tooBig: (size: number | undefined) => string, words: UnreadableWords = en.authoring.unreadable): string {
  const { code, size, message } = error as NodeJS.ErrnoException & { size?: number };
  if (code === 'ETOOBIG') return tooBig(size);
  const known = code !== undefined && code !== 'other' && Object.hasOwn(words, code) ? words[code as Exclude<keyof UnreadableWords, 'other'>] : undefined;
  return typeof known === 'string' ? known : words.other(code ?? message ?? String(error));
}

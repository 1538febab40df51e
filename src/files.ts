/**
 * Reading a text file a user names (an answers file, a template,
 * config.yaml) without the ways a path can hurt: a named pipe would block the
 * open until some writer comes, a device such as /dev/zero would never end,
 * a huge file would fill the memory. Such paths fail with an error whose
 * `code` says why, for the caller to word.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** `code` of the errors this module adds to Node's own (ENOENT, EACCES...). */
export type TextFileProblem = 'EISDIR' | 'ENOTREG' | 'ETOOBIG';

function problem(code: TextFileProblem, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

/** Opens `path` for reading without waiting on a pipe; undefined for what is not a regular file (with its code). */
async function openRegular(path: string) {
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  const stat = await handle.stat();
  if (stat.isFile()) return { handle, size: stat.size };
  await handle.close();
  throw stat.isDirectory() ? problem('EISDIR', `${path} is a folder`) : problem('ENOTREG', `${path} is not a regular file`);
}

/** The UTF-8 text of the regular file `path`, of at most `maxBytes`. */
export async function readTextFile(path: string, maxBytes: number): Promise<string> {
  const { handle, size } = await openRegular(path);
  try {
    if (size > maxBytes) throw problem('ETOOBIG', `${path} is larger than ${maxBytes} bytes`);
    return await handle.readFile({ encoding: 'utf8' });
  } finally {
    await handle.close();
  }
}

/** The first `bytes` bytes of the regular file `path` as text ('' for anything else: a pipe, a folder). */
export async function readTextHead(path: string, bytes: number): Promise<string> {
  let opened;
  try {
    opened = await openRegular(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTREG' || (error as NodeJS.ErrnoException).code === 'EISDIR') return '';
    throw error;
  }
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await opened.handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await opened.handle.close();
  }
}

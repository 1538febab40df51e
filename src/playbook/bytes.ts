/**
 * The cheap first look at a playbook file, before any YAML is parsed: the
 * size cap and bytes to UTF-8 text, with the limits source.ts applies to the
 * YAML. Kept apart from source.ts so that a cached playbook is read without
 * loading the YAML library.
 */

/** Largest playbook accepted, in bytes. */
export const MAX_PLAYBOOK_BYTES = 1024 * 1024;
/** Most lines accepted: the YAML library needs seconds for 100,000 (real playbooks have hundreds). */
export const MAX_LINES = 20_000;
/** Deepest nesting accepted; real playbooks need about ten levels. */
export const MAX_NESTING = 64;
/** Most scalar values accepted; past about 100,000 the YAML library needs seconds. */
export const MAX_VALUES = 25_000;
/** Problems reported per file at most; past that the rest is noise. */
export const MAX_PROBLEMS = 50;

/** A 1-based position in the source. */
export interface Position {
  line: number;
  col: number;
}

/** The words these messages need: the file section of the authoring words. */
interface FileWords {
  tooLarge: (size: string) => string;
  nulBytes: string;
  notUtf8: string;
}

function formatSize(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${bytes} B`;
}

/** Refusal message for an oversized file. */
export function tooLargeMessage(bytes: number, w: FileWords): string {
  return w.tooLarge(formatSize(bytes));
}

/** Bytes to text: undefined text with a message when the bytes are not a UTF-8 text file. */
export function decodePlaybookBytes(bytes: Uint8Array, w: FileWords): { text?: string; message?: string } {
  if (bytes.length > MAX_PLAYBOOK_BYTES) return { message: tooLargeMessage(bytes.length, w) };
  if (bytes.includes(0)) return { message: w.nulBytes };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { message: w.notUtf8 };
  }
  return { text };
}

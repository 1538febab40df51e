/**
 * A word as a POSIX shell reads it back unchanged: a command line the program
 * prints for a person to paste (`crisis start ... --answers 'mon drill.yaml'`).
 */

/** `word` as is when the shell leaves it alone, else between single quotes. */
export function shellWord(word: string): string {
  return /^[\p{L}\p{N}_@%+=:,./-]+$/u.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

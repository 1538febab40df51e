/**
 * Whether to paint, decided once per invocation: off with NO_COLOR, --no-color,
 * or when the stream is not a terminal (chalk does not read NO_COLOR itself).
 * Kept apart from chalk so that the command line can decide before any
 * command module, and chalk with it, is loaded.
 */
export function colorEnabled(env: Record<string, string | undefined>, argv: readonly string[], isTTY: boolean): boolean {
  if (argv.includes('--no-color')) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return isTTY;
}

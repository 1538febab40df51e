/**
 * Whether to paint, decided once per invocation: off with NO_COLOR, --no-color,
 * FORCE_COLOR=0, TERM=dumb, or when the stream is not a terminal (chalk does not read NO_COLOR itself).
 * Kept apart from chalk so that the command line can decide before any
 * command module, and chalk with it, is loaded.
 */
export function colorEnabled(env: Record<string, string | undefined>, argv: readonly string[], isTTY: boolean): boolean {
  if (argv.includes('--no-color')) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  // FORCE_COLOR=0 (or false) forces colour off, any other value on; TERM=dumb cannot show it
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

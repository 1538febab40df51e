/**
 * Colours for the terminal, decided once: off with NO_COLOR, --no-color,
 * or when the stream is not a terminal (chalk does not read NO_COLOR itself).
 */
import { Chalk, type ChalkInstance } from 'chalk';

export function colorEnabled(env: Record<string, string | undefined>, argv: readonly string[], isTTY: boolean): boolean {
  if (argv.includes('--no-color')) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return isTTY;
}

export function makePaint(enabled: boolean): ChalkInstance {
  return new Chalk({ level: enabled ? 1 : 0 });
}

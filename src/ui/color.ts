/**
 * Colours for the terminal, with chalk set to the choice made once by
 * `colorEnabled` (color-choice.ts).
 */
import { Chalk, type ChalkInstance } from 'chalk';

export function makePaint(enabled: boolean): ChalkInstance {
  return new Chalk({ level: enabled ? 1 : 0 });
}

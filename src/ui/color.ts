/**
 * Colours for the terminal, with chalk set to the choice made once by
 * `colorEnabled` (color-choice.ts). What is painted has its control
 * characters made visible first, and the paint's own escapes are marked so
 * that the output streams let them through and no value's (ui/sanitize.ts).
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { markChrome, unmarkChrome, visibleControls } from './sanitize.js';

export function makePaint(enabled: boolean): ChalkInstance {
  return guarded(new Chalk({ level: enabled ? 1 : 0 }));
}

/**
 * chalk with every call's text made safe before it is painted (marked escapes
 * of painted parts within it become real for chalk's nesting) and every
 * escape of the result marked as the program's own.
 */
function guarded<T extends object>(real: T): T {
  // the target is a stand-in: chalk caches its styles as read-only properties, which a proxy of chalk itself could not wrap
  return new Proxy((() => undefined) as unknown as T, {
    get(_t, prop) {
      const value = Reflect.get(real, prop) as unknown;
      return typeof value === 'function' ? guarded(value) : value;
    },
    set(_t, prop, value) {
      return Reflect.set(real, prop, value);
    },
    has(_t, prop) {
      return Reflect.has(real, prop);
    },
    apply(_t, thisArg, args: unknown[]) {
      const safe = args.map((a) => (typeof a === 'string' ? unmarkChrome(visibleControls(a)) : a));
      const result = Reflect.apply(real as (...a: unknown[]) => unknown, thisArg, safe);
      if (typeof result === 'string') return markChrome(result);
      return typeof result === 'function' ? guarded(result) : result;
    },
  });
}

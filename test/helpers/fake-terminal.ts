/**
 * A terminal made of two streams for the prompt tests: keystrokes in, screen
 * out. With `columns`, it says it is a terminal of that width and outlives
 * its prompts (the next prompt draws on the same screen), as a real one does.
 */
import { PassThrough, Writable } from 'node:stream';
import type { PromptContext } from '../../src/ui/prompts.js';

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** Text as a person reads it on the screen: no escape codes. */
export const withoutEscapes = (s: string): string => s.replace(ANSI, '');

/**
 * `keepOpen`: the output outlives its prompts (a second prompt draws on the
 * same screen), as a terminal of `columns` does too.
 */
export function fakeTerminal(options: { columns?: number; keepOpen?: boolean; read?: (drawn: string) => string } = {}) {
  const input = new PassThrough();
  let drawn = '';
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      drawn += chunk.toString();
      done();
    },
  });
  if (options.columns !== undefined) Object.assign(output, { isTTY: true, columns: options.columns });
  if (options.columns !== undefined || options.keepOpen) output.end = (() => output) as typeof output.end;
  const controller = new AbortController();
  const context: PromptContext = { input, output, signal: controller.signal };
  const screen = () => (options.read ?? withoutEscapes)(drawn);
  return {
    context,
    /** Everything drawn, escape codes included. */
    raw: () => drawn,
    /** Everything drawn, as read (escape codes removed). */
    screen,
    abort: () => controller.abort(),
    type: (keys: string) => void input.write(keys),
    /** Waits until `text` is on the screen (`times` times), then types `keys`. */
    async when(text: string, keys: string, times = 1) {
      const start = Date.now();
      while (screen().split(text).length - 1 < times) {
        if (Date.now() - start > 5_000) throw new Error(`"${text}" never appeared; screen:\n${screen()}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      input.write(keys);
    },
  };
}

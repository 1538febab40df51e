/**
 * What reaches a terminal: no control character but newline and tab. Values
 * come from other people (--var, answers files, config.yaml, notes, playbooks)
 * and an escape sequence in one could set the clipboard (OSC 52), reset the
 * terminal (ESC c) or rewrite what is on screen. Every control character is
 * made visible instead:
 *
 * - C0 (U+0000 to U+001F but tab and newline) as its Control Pictures sign:
 *   ESC is ␛, BEL ␇, CR ␍, NUL ␀;
 * - DEL and C1 (U+007F to U+009F), which have no sign of their own (or, for
 *   DEL, none that JSON would read back), and the bidirectional overrides, as
 *   six characters such as `\u009b` or `\u202e`: inside JSON output that is
 *   the same character, escaped.
 *
 * The program's own escapes must still work (colours, the OSC 52 copy), so
 * they are told apart from a value's: the paint (ui/color.ts) and the copy
 * write their control characters as markers that hold a secret drawn once per
 * process, which no value can know; the output streams make every real
 * control character visible, then turn the markers back.
 */
import { randomBytes } from 'node:crypto';

/**
 * Every control character that is not newline or tab, and the bidirectional
 * embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069):
 * invisible, they reorder what a terminal, an editor or a Markdown viewer
 * shows, so a value could display as something it does not say.
 */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const ONE_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** The control characters the program's own escapes may hold (C0 and C1). */
const CHROME_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

function visibleForm(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every control character but newline and tab made visible (see the module's comment). */
export function visibleControls(text: string): string {
  return ONE_CONTROL.test(text) ? text.replace(CONTROLS, visibleForm) : text;
}

/** True when `text` holds a control character other than newline and tab. */
export function hasControls(text: string): boolean {
  return ONE_CONTROL.test(text);
}

/** The first control character of `text` other than newline and tab, with its index. */
export function firstControl(text: string): { index: number; code: number } | undefined {
  const m = ONE_CONTROL.exec(text);
  return m ? { index: m.index, code: m[0].charCodeAt(0) } : undefined;
}

/** A control character named for a message: `U+001B (ESC)`. */
export function controlName(code: number): string {
  const names: Record<number, string> = {
    0: 'NUL', 7: 'BEL', 8: 'BS', 11: 'VT', 12: 'FF', 13: 'CR', 27: 'ESC', 127: 'DEL', 0x9b: 'CSI', 0x9d: 'OSC',
    0x202a: 'LRE', 0x202b: 'RLE', 0x202c: 'PDF', 0x202d: 'LRO', 0x202e: 'RLO', 0x2066: 'LRI', 0x2067: 'RLI', 0x2068: 'FSI', 0x2069: 'PDI',
  };
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return names[code] ? `${hex} (${names[code]})` : hex;
}

/**
 * Stands for one of the program's own control characters until the output
 * stream writes it: private-use characters around a secret and the
 * character's code (U+F800 + code).
 */
const CHROME_NONCE = randomBytes(12).toString('hex');
const CHROME_MARK = new RegExp(`\uf8f0${CHROME_NONCE}([\uf800-\uf89f])\uf8f1`, 'g');

/**
 * The program's own escapes (every control character in `chrome`) marked to
 * pass the output streams: for the paint's colours and the OSC 52 copy, never
 * for text that holds values not made visible first.
 */
export function markChrome(chrome: string): string {
  return ONE_CONTROL.test(chrome) ? chrome.replace(CHROME_CONTROLS, (c) => `\uf8f0${CHROME_NONCE}${String.fromCharCode(0xf800 + c.charCodeAt(0))}\uf8f1`) : chrome;
}

/** Markers back to the control characters they stand for: for text whose other control characters were already made visible. */
export function unmarkChrome(text: string): string {
  return text.includes(CHROME_NONCE) ? text.replace(CHROME_MARK, (_m, c: string) => String.fromCharCode(c.charCodeAt(0) - 0xf800)) : text;
}

/** Text as it may be written to a terminal or to standard output: the program's colours, values' control characters visible. */
export function forTerminal(text: string): string {
  return unmarkChrome(visibleControls(text));
}

type ResizeListener = (event: 'resize', listener: () => void) => unknown;
type TerminalLike = { write(chunk: string): unknown; isTTY?: boolean; columns?: number; on?: ResizeListener; off?: ResizeListener };

/**
 * A stream for `run`'s output: every chunk goes through `forTerminal`; `isTTY`,
 * the width (`columns`) and its resize events are the stream's own.
 */
export function sanitizedStream(stream: TerminalLike): { write(chunk: string): unknown; readonly isTTY?: boolean; readonly columns?: number; on(event: 'resize', listener: () => void): void; off(event: 'resize', listener: () => void): void } {
  return {
    write: (chunk: unknown) => stream.write(forTerminal(typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk))),
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
    on: (event, listener) => void stream.on?.(event, listener),
    off: (event, listener) => void stream.off?.(event, listener),
  };
}

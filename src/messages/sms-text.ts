/**
 * What the SMS segment calculator (sms-segments-calculator) uses to split a
 * text into graphemes, with a shortcut: its own splitter (grapheme-splitter,
 * then every CR LF cut in two) walks the text through Unicode's rules and a
 * quadratic concatenation, which `crisis validate` pays on every SMS it
 * measures. A text made only of characters that never join their neighbours
 * (printable ASCII, CR, LF, Latin-1, most general punctuation, the euro sign:
 * none is Extend, ZWJ, SpacingMark, Prepend, a regional indicator, a Hangul
 * jamo or a surrogate) splits into its characters. Anything else goes
 * through the library's own function. The build (scripts/build.mjs) puts
 * this module in place of the library's `./textUtils`; the tests check it
 * against the library on every pair of those characters.
 */
import { countUtf8Bytes as libraryCountUtf8Bytes, splitGraphemes as librarySplitGraphemes } from 'sms-segments-calculator/dist/libs/textUtils.js';

const SINGLE_CHARACTER_GRAPHEMES = /^[\x20-\x7e\r\n\u00a0-\u00ff\u2010-\u2027\u202f-\u205e\u20ac]*$/;

/** The characters of `message` that sms-segments-calculator counts one by one. */
export function splitGraphemes(message: string): string[] {
  return SINGLE_CHARACTER_GRAPHEMES.test(message) ? message.split('') : librarySplitGraphemes(message);
}

/** UTF-8 bytes of `message` (the library's own function). */
export function countUtf8Bytes(message: string): number {
  return libraryCountUtf8Bytes(message);
}

/**
 * inquirer's prompts laid out for the terminal's width. inquirer cuts every
 * line it draws at the width, wherever that falls ("Entrée pour con" / "tinuer"
 * at 60 columns); so the texts it is given are wrapped here first, at word
 * boundaries, and no line reaches its cut: the question under its "? ", the
 * answer after the question when it fits there, else under it, the key help
 * between its items, a refusal under its "> ".
 */
import { styleText } from 'node:util';
import wrapAnsi from 'wrap-ansi';
import { glue, unglue } from './format.js';
import type { Words } from '../i18n/index.js';

/** "? ", "✔ ", "> ": what inquirer puts before a question, an answer's line, a refusal. */
const MARGIN = 2;
const INDENT = ' '.repeat(MARGIN);

/** Whether `text` (colours allowed) fits on one line `width` columns wide. */
function fits(text: string, width: number): boolean {
  return !wrapAnsi(text, width, { hard: true, trim: false, wordWrap: false }).includes('\n');
}

/** `text` in lines of at most `room` columns, broken between words; a word wider than that stands alone. */
function lines(text: string, room: number): string[] {
  return unglue(wrapAnsi(glue(text), Math.max(1, room), { hard: false, trim: true })).split('\n');
}

/** `text` wrapped to `width` with every line after the first under the margin. */
export function hanging(text: string, width: number): string {
  return lines(text, width - MARGIN).join(`\n${INDENT}`);
}

/** The theme `style` of one prompt in a terminal `width` columns wide: question, answer, default, refusal. */
export function fittedStyle(width: number) {
  // the question's last line, once drawn: the answer and the default go after it when they fit
  let last = '';
  const after = (text: string): string => (fits(`${INDENT}${last} ${text}`, width) ? text : `\n${INDENT}${hanging(text, width)}`);
  return {
    message: (text: string): string => {
      const drawn = lines(text, width - MARGIN);
      last = drawn[drawn.length - 1] ?? '';
      return drawn.map((l) => styleText('bold', l)).join(`\n${INDENT}`);
    },
    answer: (text: string): string => after(styleText('cyan', text)),
    defaultAnswer: (text: string): string => after(styleText('dim', `(${text})`)),
    error: (text: string): string => styleText('red', `> ${hanging(text, width)}`),
  };
}

/** Items joined by `separator` into lines of at most `width` columns, broken between items only. */
export function packItems(items: string[], separator: string, width: number): string {
  const out: string[] = [];
  for (const item of items) {
    const line = out[out.length - 1];
    if (line !== undefined && fits(`${line}${separator}${item}`, width)) out[out.length - 1] = `${line}${separator}${item}`;
    else out.push(item);
  }
  return out.join('\n');
}

/** A choice's label for a list whose items start `indent` columns in (the cursor, a box): its lines under its start. */
export function fittedChoice(label: string, width: number, indent: number): string {
  return lines(label, width - indent).join(`\n${' '.repeat(indent)}`);
}

type KeyHelp = [key: string, action: string][];

/**
 * inquirer's key help line ("↑↓ navigate • ⏎ select") in `w`'s words, drawn
 * as inquirer draws it: bold key, dim action, dim separator; on several lines
 * when it is wider than `width`, broken between two keys.
 */
export function keysHelpTip(w: Words, width = 80): (keys: KeyHelp) => string {
  const actions: Record<string, string> = { navigate: w.keyNavigate, select: w.keyChoose, all: w.keyAll, invert: w.keyInvert, submit: w.keySubmit };
  return (keys) =>
    packItems(
      keys.map(([key, action]) => {
        // checkbox's "space select" ticks a box; select's "⏎ select" picks the answer
        const said = key === 'space' && action === 'select' ? w.keyTick : (actions[action] ?? action);
        return `${styleText('bold', key === 'space' ? w.keySpace : key)} ${styleText('dim', said)}`;
      }),
      styleText('dim', ' • '),
      width,
    );
}

/**
 * The inquirer theme of one prompt in `w`'s language (the key help) laid out
 * for a terminal `width` columns wide (fittedStyle). One per prompt:
 * it remembers where the question ends, to put the answer after it.
 */
export function promptTheme(w: Words, width = 80) {
  return { style: { ...fittedStyle(width), keysHelpTip: keysHelpTip(w, width) } };
}

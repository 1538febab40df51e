/**
 * One path for copying a channel's text: the system clipboard where there is
 * one (clipboardy picks pbcopy, clip, wl-copy or xsel/xclip), else the
 * terminal's own clipboard through OSC 52, which travels over SSH and through
 * tmux (with `set-clipboard on`). clipboardy is imported only when a copy is
 * asked for, so other commands do not pay for loading it.
 */
import type { OutputStream } from '../context.js';
import { markChrome } from '../ui/sanitize.js';

/** Where the text went, or that it went nowhere (with the clipboard's own error, if it refused). */
export type CopyResult = { ok: true; via: 'clipboard' | 'terminal' } | { ok: false; failure?: string };

export interface CopyOptions {
  env: Record<string, string | undefined>;
  /** Terminals the OSC 52 sequence may be written to, first terminal wins (stdout, then stderr). */
  terminals: OutputStream[];
  /** The system clipboard's writer (tests replace it); default clipboardy. */
  system?: (text: string) => Promise<void>;
}

/**
 * The OSC 52 sequence that asks the terminal to put `text` on its clipboard,
 * ended by ST (ESC \\) rather than BEL, so that it holds no control character
 * but ESC, which the output streams let through when it is marked as the
 * program's own (ui/sanitize.ts).
 */
export function osc52(text: string): string {
  return `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x1b\\`;
}

async function clipboardy(text: string): Promise<void> {
  const { default: clipboard } = await import('clipboardy');
  await clipboard.write(text);
}

/**
 * Whether a system clipboard can be reached: on Linux and the BSDs only from a
 * graphical session (DISPLAY or WAYLAND_DISPLAY); over SSH without X
 * forwarding there is none, whatever tools are installed.
 */
export function hasSystemClipboard(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): boolean {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Copies `text`; never throws: a machine with no clipboard is not a failure of the command. */
export async function copyText(text: string, options: CopyOptions): Promise<CopyResult> {
  let failure = '';
  if (options.system || hasSystemClipboard(options.env)) {
    try {
      await (options.system ?? clipboardy)(text);
      return { ok: true, via: 'clipboard' };
    } catch (error) {
      failure = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    }
  }
  const terminal = options.terminals.find((t) => t.isTTY);
  if (terminal && options.env.TERM !== 'dumb') {
    terminal.write(markChrome(osc52(text)));
    return { ok: true, via: 'terminal' };
  }
  return failure ? { ok: false, failure } : { ok: false };
}

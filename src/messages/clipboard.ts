/**
 * Copying a rendered text to the system clipboard. clipboardy picks the
 * platform's tool (pbcopy, clip, wl-copy, xsel/xclip) and is imported only
 * when `--copy` is used, so other commands do not pay for loading it.
 */

/** Whether the copy worked, and if not, why in words a person can act on. */
export type CopyResult = { ok: true } | { ok: false; reason: string };

/** Copies `text`; never throws (a headless machine has no clipboard, which is not a failure of the command). */
export async function copyToClipboard(text: string): Promise<CopyResult> {
  try {
    const { default: clipboard } = await import('clipboardy');
    await clipboard.write(text);
    return { ok: true };
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
    const reason = headless
      ? 'no clipboard here (no graphical session: DISPLAY and WAYLAND_DISPLAY are unset); copy the text from the terminal'
      : `could not copy to the clipboard: ${detail || 'unknown error'}${process.platform === 'linux' ? ' (install xclip, xsel or wl-clipboard)' : ''}`;
    return { ok: false, reason };
  }
}

/**
 * A view that redraws itself when an incident's log changes: a file-system
 * notice (fs.watch on the incident's folder) redraws at once, a stat of the
 * log once a second catches what a notice misses (network file systems,
 * editors that replace the file), and a timer redraws at least every
 * `everyMs` so that "in 12 min" stays true. On a terminal it draws on the
 * alternate screen with the cursor hidden, and gives the screen back as it
 * was on Ctrl-C; elsewhere (a pipe, a file) each view follows the last one.
 */
import { unwatchFile, watch, watchFile, type FSWatcher } from 'node:fs';
import type { OutputStream } from '../context.js';
import { markChrome } from './sanitize.js';

/** A terminal stream: its width, and resize events when it has them. */
export type ScreenStream = OutputStream & { columns?: number; on?: (event: 'resize', listener: () => void) => unknown; off?: (event: 'resize', listener: () => void) => unknown };

export interface LiveScreenOptions {
  out: ScreenStream;
  /** The view's text for the screen's width (no final newline needed). */
  draw: (columns: number) => Promise<string>;
  /** The folder whose changes redraw (the incident's). */
  folder: string;
  /** The file whose stat is looked at once a second (the incident's log). */
  file: string;
  /** At least this often a redraw, whatever happens (default one minute). */
  everyMs?: number;
  /** Stops the loop (tests); SIGINT and SIGTERM stop it too. */
  signal?: AbortSignal;
  /** A redraw that failed: said below the last good view, the loop goes on. */
  onError?: (error: unknown) => string;
}

/** How often the log's size and time are looked at when no notice came: once a second, never a hot loop. */
export const POLL_MS = 1000;
// marked as the program's own, so that the output streams let them through (ui/sanitize.ts)
const ALT_ON = markChrome('\x1b[?1049h\x1b[?25l');
const ALT_OFF = markChrome('\x1b[?1049l\x1b[?25h');
const HOME_CLEAR = markChrome('\x1b[H\x1b[2J');

/** Runs until Ctrl-C (or the signal); resolves with exit code 0. */
export function liveScreen(options: LiveScreenOptions): Promise<number> {
  const { out, draw, folder, file } = options;
  const tty = Boolean(out.isTTY);
  const columns = () => (tty && out.columns && out.columns > 0 ? out.columns : 80);
  let lastGood = '';
  let queued = false;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const paint = (text: string) => {
    if (tty) out.write(`${HOME_CLEAR}${text}`);
    else out.write(`${text}\n\n`);
  };
  const redraw = () => {
    if (queued || stopped) return;
    queued = true;
    running = running.then(async () => {
      queued = false;
      if (stopped) return;
      let text: string;
      try {
        text = await draw(columns());
        lastGood = text;
      } catch (error) {
        // a teammate's line half-written, a file being replaced: keep the last view, say why, go on
        text = `${lastGood}\n\n${options.onError ? options.onError(error) : String(error)}`;
      }
      if (!stopped) paint(text);
    });
  };

  return new Promise((done) => {
    if (tty) out.write(ALT_ON);
    redraw();
    let watcher: FSWatcher | undefined;
    try {
      watcher = watch(folder, { persistent: true }, () => redraw());
      watcher.on('error', () => undefined);
    } catch {
      // no notices on this file system: the stat below still sees every change
    }
    watchFile(file, { interval: POLL_MS, persistent: true }, (now, before) => {
      if (now.mtimeMs !== before.mtimeMs || now.size !== before.size) redraw();
    });
    const timer = setInterval(redraw, options.everyMs ?? 60_000);
    out.on?.('resize', redraw);
    const stop = () => {
      if (stopped) return;
      stopped = true;
      watcher?.close();
      unwatchFile(file);
      clearInterval(timer);
      out.off?.('resize', redraw);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.off('SIGHUP', stop);
      options.signal?.removeEventListener('abort', stop);
      void running.then(() => {
        // the screen as it was, then the last view once, as `crisis status` prints it
        if (tty) out.write(`${ALT_OFF}${lastGood}\n`);
        done(0);
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    process.on('SIGHUP', stop);
    if (options.signal?.aborted) stop();
    else options.signal?.addEventListener('abort', stop);
  });
}

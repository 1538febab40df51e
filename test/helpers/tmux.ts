/**
 * A real terminal for tests: a tmux server of the test's own (its own socket),
 * one window running one command, read back with capture-pane. The pane stays
 * after the command ends (it prints "[exit N]"), so its exit status and the
 * terminal it left can be read.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

export interface TmuxPane {
  /** The visible screen, lines joined by \n (with `escapes`, colours and attributes kept). */
  screen(options?: { escapes?: boolean; history?: boolean }): string;
  /** Polls the screen until `pattern` shows (generous by default: a loaded machine is slow). */
  waitFor(pattern: RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
  keys(...keys: string[]): void;
  /** Types text literally. */
  type(text: string): void;
  /** A tmux format of the pane, such as #{pane_dead_status} or #{alternate_on}. */
  format(spec: string): string;
  /** Waits for the command to end; its exit status. */
  exited(timeoutMs?: number): Promise<number>;
  resize(columns: number, rows: number): void;
  /** From now on, every byte the command writes is appended to `file` (bells and all). */
  record(file: string): void;
  /** The newest paste buffer (where tmux with set-clipboard on puts an OSC 52 copy), or undefined. */
  buffer(): string | undefined;
  close(): void;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Starts `argv` in a new tmux window of `columns` x `rows`, with exactly `env` (plus PATH and HOME). */
export function openTmux(argv: string[], env: Record<string, string>, options: { columns?: number; rows?: number; cwd?: string; setup?: string[][] } = {}): TmuxPane {
  const socket = `crisis-test-${randomUUID().slice(0, 8)}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  const base = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env };
  const run = `env -i ${Object.entries(base).map(([k, v]) => quote(`${k}=${v}`)).join(' ')} ${argv.map(quote).join(' ')}`;
  // the pane stays alive after the command, so the terminal it left (cursor, screen) can be read
  // (a trap, not an ignore: the command gets Ctrl-C as usual, the shell outlives it)
  const command = `sh -c ${quote(`trap : INT; ${run}; echo "[exit $?]"; exec sleep 600`)}`;
  // the session starts on a shell that waits, so options are set before the command runs
  tmux('new-session', '-d', '-x', String(options.columns ?? 80), '-y', String(options.rows ?? 40), ...(options.cwd ? ['-c', options.cwd] : []), 'sleep 600');
  tmux('set-option', '-g', 'remain-on-exit', 'on');
  tmux('set-option', '-g', 'window-size', 'manual');
  for (const setting of options.setup ?? []) tmux(...setting);
  tmux('respawn-pane', '-k', ...(options.cwd ? ['-c', options.cwd] : []), command);
  const pane: TmuxPane = {
    screen: (o = {}) => tmux('capture-pane', '-p', ...(o.escapes ? ['-e'] : []), ...(o.history ? ['-S', '-'] : []), '-J').replace(/\n+$/, ''),
    async waitFor(pattern, timeoutMs = 15_000) {
      const start = Date.now();
      for (;;) {
        const text = pane.screen();
        if (typeof pattern === 'function' ? pattern(text) : pattern.test(text)) return text;
        if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${String(pattern)}; screen:\n${text}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    keys: (...keys) => void tmux('send-keys', ...keys),
    type: (text) => void tmux('send-keys', '-l', text),
    format: (spec) => tmux('display-message', '-p', spec).trim(),
    async exited(timeoutMs = 15_000) {
      const screen = await pane.waitFor(/\[exit \d+\]/, timeoutMs);
      return Number(/\[exit (\d+)\]/.exec(screen)?.[1]);
    },
    resize: (columns, rows) => void tmux('resize-window', '-x', String(columns), '-y', String(rows)),
    record: (file) => void tmux('pipe-pane', '-o', `cat >> ${quote(file)}`),
    buffer: () => {
      try {
        return tmux('show-buffer');
      } catch {
        return undefined;
      }
    },
    close: () => {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
    },
  };
  return pane;
}

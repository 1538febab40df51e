/**
 * A command context for calling a command module directly (`run(ctx, input)`):
 * a temp folder, a fixed clock, output captured by the test, no terminal.
 */
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CommandContext } from '../../src/context.js';

export interface FakeContextOptions {
  env?: Record<string, string>;
  now: Date;
  /** Receive what the command writes on stdout and stderr. */
  out: (text: string) => void;
  err: (text: string) => void;
}

/** A context in `dir` (data folder `dir/data`) with the test's clock and sinks. */
export function fakeContext(dir: string, options: FakeContextOptions): CommandContext {
  return {
    cwd: dir,
    env: options.env ?? {},
    now: () => new Date(options.now.getTime()),
    stdout: { write: (s: string) => void options.out(s) },
    stderr: { write: (s: string) => void options.err(s) },
    stdin: new PassThrough(),
    dataDir: join(dir, 'data'),
    playbookDirs: [],
    color: false,
    debug: false,
  };
}

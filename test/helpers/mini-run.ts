/**
 * A run of the `mini-down` fixture playbook in a real terminal: a temp folder
 * with its answers file, a data folder and, when the test moves time, the
 * binary's test clock (CRISIS_TEST_NOW_FILE). Every tmux test of the
 * walkthrough starts from here.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, tempDir } from '../e2e/helpers.js';

export const MINI_PLAYBOOK = join(ROOT, 'test/fixtures/playbooks/mini-down.en.yaml');

/** Who leads every mini-down run, unless the lines say `people:` (so the walkthrough does not ask). */
export const MINI_PEOPLE = 'people: { lead: Julie Martin }';

/** The variables every mini-down run gives. */
export const MINI_VARIABLES = 'variables: { brand: Acme, support_email: help@acme.example, signature: Julie }';

export interface MiniRun {
  dir: string;
  /** CRISIS_HOME of the run. */
  home: string;
  /** The environment of the terminal: no colour, its own data folder, the clock when there is one. */
  env: Record<string, string>;
  /** `crisis start mini-down --answers ... --id id`, as the terminal runs it. */
  argv(id: string): string[];
  /** Moves the binary's clock (only with `now`). */
  setNow(iso: string): void;
}

/** Writes the answers file (`lines`, joined, with MINI_PEOPLE unless they give people) and the clock (`now`), and says how to start the run. */
export function miniRun(lines: string[], options: { now?: string; env?: Record<string, string> } = {}): MiniRun {
  const dir = tempDir();
  const answers = join(dir, 'answers.yaml');
  const people = lines.some((l) => l.startsWith('people:')) ? [] : [MINI_PEOPLE];
  writeFileSync(answers, [...lines, ...people, ''].join('\n'));
  const home = join(dir, 'home');
  const clock = join(dir, 'now');
  const env: Record<string, string> = { TERM: 'xterm-256color', NO_COLOR: '1', CRISIS_HOME: home, ...options.env };
  if (options.now !== undefined) {
    writeFileSync(clock, options.now);
    env.CRISIS_TEST_NOW_FILE = clock;
  }
  return {
    dir,
    home,
    env,
    argv: (id) => [process.execPath, BIN, 'start', MINI_PLAYBOOK, '--answers', answers, '--id', id],
    setNow: (iso) => writeFileSync(clock, iso),
  };
}

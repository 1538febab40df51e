/**
 * `crisis status --watch` in a real terminal (tmux): a note a teammate logs
 * from another process shows on the screen within the wait, the view is
 * redrawn from the log alone, and Ctrl-C gives the terminal back clean
 * (normal screen, cursor shown) with exit code 0.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli, tempDir } from './helpers.js';
import { hasTmux, openTmux, type TmuxPane } from '../helpers/tmux.js';
import { join } from 'node:path';

const PLAYBOOK = join(ROOT, 'test/fixtures/playbooks/mini-down.en.yaml');
let pane: TmuxPane | undefined;
afterEach(() => pane?.close());

async function openIncident(home: string, id: string): Promise<void> {
  const r = await runCli(['start', PLAYBOOK, '--no-input', '--id', id, '--var', 'brand=Acme', '--var', 'support_email=help@acme.example'], { env: { CRISIS_HOME: home } });
  expect(r.code, r.stderr).toBe(3);
}

describe.skipIf(!hasTmux)('crisis status --watch', () => {
  it("shows a teammate's note logged from another process, and leaves the terminal clean on Ctrl-C (exit 0)", async () => {
    const home = tempDir('crisis-home-');
    await openIncident(home, 'watched');
    pane = openTmux([process.execPath, BIN, 'status', '--watch'], { CRISIS_HOME: home, TERM: 'xterm-256color', NO_COLOR: '1' });
    await pane.waitFor(/Ctrl-C/);
    expect(pane.format('#{alternate_on}')).toBe('1');
    expect(pane.screen()).toContain('watched');
    expect(pane.screen()).not.toContain('Support inbox at 340');

    const logged = await runCli(['log', 'watched', 'Support inbox at 340'], { env: { CRISIS_HOME: home } });
    expect(logged.code, logged.stderr).toBe(0);
    // the contract says within 2 s; the wait here is generous so that a loaded machine does not fail the test
    const screen = await pane.waitFor(/Support inbox at 340/, 10_000);
    expect(screen).toContain('Latest notes');

    pane.keys('C-c');
    expect(await pane.exited()).toBe(0);
    expect(pane.format('#{alternate_on}')).toBe('0');
    expect(pane.format('#{cursor_flag}')).toBe('1');
    // the last view stays on the normal screen, once
    const after = pane.screen();
    expect(after.match(/Support inbox at 340/g)).toHaveLength(1);
  });

  it('without a terminal, each view follows the last, and SIGTERM ends it with exit 0', async () => {
    const home = tempDir('crisis-home-');
    await openIncident(home, 'piped');
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [BIN, 'status', '--watch', 'piped'], { env: { ...process.env, CRISIS_HOME: home, NO_COLOR: '1' }, stdio: 'pipe' });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    const until = async (test: () => boolean) => {
      const start = Date.now();
      while (!test()) {
        if (Date.now() - start > 10_000) throw new Error(`timed out; output:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    await until(() => out.includes('Ctrl-C'));
    await runCli(['log', 'piped', 'Legal informed'], { env: { CRISIS_HOME: home } });
    await until(() => out.includes('Legal informed'));
    expect(out).not.toContain('\x1b[');
    const code = await new Promise<number | null>((res) => {
      child.on('close', (c) => res(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });
});

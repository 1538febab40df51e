/**
 * Copying a channel's text where no system clipboard exists (no DISPLAY, no
 * WAYLAND_DISPLAY: an SSH session): the text goes to the terminal as OSC 52,
 * which tmux with set-clipboard on turns into a paste buffer, and the
 * command says so. From the walkthrough's copy key and from announce --copy.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux, openTmux, type TmuxPane } from '../helpers/tmux.js';
import { BIN, runCli, tempDir } from './helpers.js';
import { MINI_PLAYBOOK as PLAYBOOK, MINI_VARIABLES, miniRun } from '../helpers/mini-run.js';
const X_TEXT = 'Mini chat is down for everyone. We are sorry: write to help@acme.example and we will answer. - Acme';
const CLIPBOARD_ON = [['set-option', '-s', 'set-clipboard', 'on']];
// no DISPLAY, no WAYLAND_DISPLAY: no system clipboard, as over SSH
const TERMINAL = { TERM: 'xterm-256color', NO_COLOR: '1' };

let pane: TmuxPane | undefined;
afterEach(() => pane?.close());

describe.skipIf(!hasTmux)('copy without a system clipboard', () => {
  it("the walkthrough's copy key sends the channel's text to the terminal (OSC 52) and says so", async () => {
    const run = miniRun([
      MINI_VARIABLES,
      'severity: minor',
      'steps: { devices: done, downdetector: done, hashtags: done, confirmed: yes, severity: minor, services: [dm], backlog: 3 }',
    ]);
    pane = openTmux(run.argv('copy'), run.env, { columns: 120, setup: CLIPBOARD_ON });
    const screen = await pane.waitFor(/Copy a text: press its number \(1–3\)/);
    // under each block, its key
    expect(screen).toContain('[1] copies this text');
    expect(screen).toContain('[3] copies this text');
    expect(pane.buffer()).toBeUndefined();
    pane.keys('1');
    await pane.waitFor(/Sent the X \(Twitter\) text to the terminal's clipboard \(OSC 52/);
    expect(pane.buffer()).toBe(X_TEXT);
    pane.keys('3');
    await pane.waitFor(/Sent the E-mail text/i);
    expect(pane.buffer()).toBe('Acme: Mini chat is unavailable\n\nWe are sorry. Mini chat is down; write to help@acme.example.\n\nJulie');
    pane.keys('Enter');
    await pane.waitFor(/Posted on which channels\?/);
    pane.keys('C-c');
    expect(await pane.exited()).toBe(130);
  });

  it('crisis announce --copy takes the same path', async () => {
    const home = tempDir('crisis-home-');
    const started = await runCli(['start', PLAYBOOK, '--no-input', '--id', 'ann', '--var', 'brand=Acme', '--var', 'support_email=help@acme.example'], { env: { CRISIS_HOME: home } });
    expect(started.code, started.stderr).toBe(3);
    pane = openTmux([process.execPath, BIN, 'announce', 'ann', 'initial', '--channel', 'x', '--copy'], { ...TERMINAL, CRISIS_HOME: home }, { columns: 120, setup: CLIPBOARD_ON });
    await pane.waitFor(/Sent the X \(Twitter\) text to the terminal's clipboard/);
    expect(await pane.exited()).toBe(0);
    expect(pane.buffer()).toBe(X_TEXT);
  });

  it('with no terminal either, nothing is copied and the command says why', async () => {
    const home = tempDir('crisis-home-');
    await runCli(['start', PLAYBOOK, '--no-input', '--id', 'ann', '--var', 'brand=Acme', '--var', 'support_email=help@acme.example'], { env: { CRISIS_HOME: home } });
    const r = await runCli(['announce', 'ann', 'initial', '--channel', 'x', '--copy'], { env: { CRISIS_HOME: home, DISPLAY: undefined, WAYLAND_DISPLAY: undefined } });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\x1b]52');
    expect(r.stderr).toContain('Not copied: no clipboard here');
  });
});

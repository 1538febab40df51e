/**
 * A terminal that fits: at 60 columns, the walkthrough of a real playbook
 * (long questions, advice, links, announcement blocks with addresses) has no
 * line wider than the terminal and no word cut in two; URLs and e-mail
 * addresses stay whole. A live view follows a resize. Colour is off
 * everywhere, the prompts included, with FORCE_COLOR=0, TERM=dumb or --no-color.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux, openTmux, type TmuxPane } from '../helpers/tmux.js';
import { BIN, ROOT, runCli, tempDir } from './helpers.js';

const panes: TmuxPane[] = [];
afterEach(() => {
  for (const p of panes.splice(0)) p.close();
});

/** The fixture's full run, cut before the first announcement is answered. */
function answersUpToFirstPost(dir: string): string {
  const full = readFileSync(join(ROOT, 'test/fixtures/answers/messenger-down.yaml'), 'utf8');
  const cut = full.slice(0, full.indexOf('  first-post:'));
  const file = join(dir, 'answers.yaml');
  writeFileSync(file, cut);
  return file;
}

async function walkthroughScreen(columns: number, env: Record<string, string> = {}, args: string[] = []): Promise<{ pane: TmuxPane; text: string }> {
  const dir = tempDir();
  const pane = openTmux(
    [process.execPath, BIN, ...args, 'start', 'messenger-down', '--lang', 'en', '--answers', answersUpToFirstPost(dir), '--id', 'fit'],
    { TERM: 'xterm-256color', CRISIS_HOME: join(dir, 'home'), CRISIS_TZ: 'Europe/Paris', ...env },
    { columns, rows: 50 },
  );
  panes.push(pane);
  await pane.waitFor(/Copy a text/, 30_000);
  return { pane, text: pane.screen({ history: true }) };
}

// numbers (times, elapsed minutes) may differ between two runs; rules are as wide as the terminal
const words = (text: string) => text.split(/\s+/).filter((w) => w !== '' && !/\d/.test(w) && !/^[─━]+$/.test(w));

describe.skipIf(!hasTmux)('a terminal that fits', () => {
  it('at 60 columns: no line wider than 60, no word cut in two, addresses whole', async () => {
    const [narrow, wide] = await Promise.all([walkthroughScreen(60, { NO_COLOR: '1' }), walkthroughScreen(250, { NO_COLOR: '1' })]);
    const lines = narrow.text.split('\n');
    const over = lines.filter((l) => stringWidth(l) > 60);
    expect(over).toEqual([]);
    // every word on the narrow screen is a word of the wide one: none was cut in two
    const whole = new Set(words(wide.text));
    const cut = words(narrow.text).filter((w) => !whole.has(w));
    expect(cut).toEqual([]);
    // the wide run did have lines that needed wrapping, and addresses
    expect(wide.text.split('\n').some((l) => stringWidth(l) > 60)).toBe(true);
    for (const address of ['help@acme.example', 'https://acme.example']) expect(narrow.text).toContain(address);
  });

  it('status --watch redraws to the new width on a resize', async () => {
    const home = tempDir('crisis-home-');
    const dir = tempDir();
    const r = await runCli(['start', 'messenger-down', '--lang', 'en', '--answers', answersUpToFirstPost(dir), '--no-input', '--id', 'resized'], { env: { CRISIS_HOME: home } });
    expect(r.code, r.stderr).toBe(3);
    await runCli(['log', 'resized', 'Support inbox at 340 conversations, most of them asking whether their orders were received and when they will ship'], { env: { CRISIS_HOME: home } });
    const pane = openTmux([process.execPath, BIN, 'status', '--watch'], { TERM: 'xterm-256color', NO_COLOR: '1', CRISIS_HOME: home }, { columns: 100, rows: 40 });
    panes.push(pane);
    await pane.waitFor(/Ctrl-C/);
    expect(pane.screen().split('\n').some((l) => stringWidth(l) > 60)).toBe(true);
    pane.resize(60, 40);
    const fitted = await pane.waitFor((s) => s.includes('Ctrl-C') && s.split('\n').every((l) => stringWidth(l) <= 60));
    expect(fitted).toContain('whether their orders');
  });

  it.each([
    ['FORCE_COLOR=0', { FORCE_COLOR: '0' }, []],
    ['TERM=dumb', { TERM: 'dumb' }, []],
    ['--no-color', {}, ['--no-color']],
  ] as [string, Record<string, string>, string[]][])('%s: no colour anywhere, prompts included', async (_name, env, args) => {
    const { pane } = await walkthroughScreen(100, env, args);
    const painted = pane.screen({ escapes: true, history: true });
    expect(painted).not.toMatch(/\x1b\[[0-9;]*m/);
  });

  it('with colour on, the same run is painted (the check above can see colour)', async () => {
    const { pane } = await walkthroughScreen(100, { FORCE_COLOR: '1' });
    expect(pane.screen({ escapes: true, history: true })).toMatch(/\x1b\[[0-9;]*m/);
  });
});

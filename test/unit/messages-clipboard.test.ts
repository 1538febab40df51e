/**
 * The one copy path: the system clipboard where there is one, else OSC 52
 * to the terminal, else a sentence saying why nothing was copied.
 */
import { describe, expect, it } from 'vitest';
import { copyText, hasSystemClipboard, osc52 } from '../../src/messages/clipboard.js';
import { saidOfCopy } from '../../src/ui/copy.js';
import { forTerminal } from '../../src/ui/sanitize.js';

const terminal = () => {
  let written = '';
  return { isTTY: true, write: (s: string) => (written += s), get written() { return written; } };
};

describe('copyText', () => {
  it('uses the system clipboard where there is one', async () => {
    const seen: string[] = [];
    const t = terminal();
    const result = await copyText('Messenger is down', { env: { DISPLAY: ':0' }, terminals: [t], system: async (s) => void seen.push(s) });
    expect(result).toEqual({ ok: true, via: 'clipboard' });
    expect(seen).toEqual(['Messenger is down']);
    expect(t.written).toBe('');
  });

  it.runIf(process.platform === 'linux')('with no graphical session, sends OSC 52 to the first terminal, without trying clipboardy', async () => {
    const piped = { isTTY: false, write: () => { throw new Error('not a terminal'); } };
    const t = terminal();
    const result = await copyText('Messenger est en panne — écrivez-nous', { env: { TERM: 'xterm-256color' }, terminals: [piped, t] });
    expect(result).toEqual({ ok: true, via: 'terminal' });
    expect(forTerminal(t.written)).toBe(`\x1b]52;c;${Buffer.from('Messenger est en panne — écrivez-nous').toString('base64')}\x1b\\`);
  });

  it('when the clipboard refuses, falls back on the terminal', async () => {
    const t = terminal();
    const result = await copyText('x', { env: { DISPLAY: ':0' }, terminals: [t], system: async () => { throw new Error("Can't open display"); } });
    expect(result).toEqual({ ok: true, via: 'terminal' });
    expect(forTerminal(t.written)).toContain('\x1b]52;c;');
  });

  it('with neither, copies nothing and says why, in the language asked', async () => {
    const result = await copyText('x', { env: {}, terminals: [{ isTTY: false, write: () => undefined }] });
    expect(result.ok).toBe(false);
    expect(saidOfCopy(result, 'X', 'en')).toMatch(/^Not copied: no clipboard here/);
    expect(saidOfCopy(result, 'X', 'fr')).toMatch(/^Pas de copie\u202f: pas de presse-papiers/);
    const refused = await copyText('x', { env: { DISPLAY: ':0' }, terminals: [], system: async () => { throw new Error('xsel failed'); } });
    expect(saidOfCopy(refused, 'X', 'en')).toContain('xsel failed');
    // a dumb terminal does not get escape sequences either
    expect((await copyText('x', { env: { TERM: 'dumb' }, terminals: [terminal()] })).ok).toBe(false);
  });

  it('says where the text went', () => {
    expect(saidOfCopy({ ok: true, via: 'clipboard' }, 'Facebook', 'en')).toBe('Copied the Facebook text to the clipboard.');
    expect(saidOfCopy({ ok: true, via: 'terminal' }, 'Facebook', 'en')).toContain('OSC 52');
  });

  it("passes the output streams, which let no value's own escape through (the text travels as base64)", async () => {
    const value = 'a\x1b]52;c;bad\x07';
    const t = terminal();
    await copyText(value, { env: {}, terminals: [t] });
    expect(forTerminal(t.written)).toBe(osc52(value));
    expect(osc52(value)).not.toContain('bad');
    expect(forTerminal(value)).not.toContain('\x1b');
  });

  it('knows a graphical session on Linux by DISPLAY or WAYLAND_DISPLAY', () => {
    expect(hasSystemClipboard({}, 'linux')).toBe(false);
    expect(hasSystemClipboard({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasSystemClipboard({}, 'darwin')).toBe(true);
  });
});

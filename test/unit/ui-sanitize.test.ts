import { describe, expect, it } from 'vitest';
import { makePaint } from '../../src/ui/color.js';
import { controlName, firstControl, forTerminal, sanitizedStream, visibleControls } from '../../src/ui/sanitize.js';

const ALL_CONTROLS = [...Array.from({ length: 0x20 }, (_, i) => i), ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i)].map((c) => String.fromCharCode(c));
const BAD = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('visible control characters', () => {
  it('leaves newline and tab, and shows every other C0 and C1 character as a visible sign', () => {
    for (const c of ALL_CONTROLS) {
      const out = visibleControls(`a${c}b`);
      if (c === '\n' || c === '\t') expect(out).toBe(`a${c}b`);
      else {
        expect(out, `U+${c.charCodeAt(0).toString(16)}`).not.toMatch(BAD);
        expect(out.length).toBeGreaterThan(2);
      }
    }
    expect(visibleControls('x\u001b]52;c;aGk=\u0007')).toBe('x\u241b]52;c;aGk=\u2407');
    expect(visibleControls('\u007f\u009b')).toBe('\\u007f\\u009b');
  });

  it('shows the bidirectional overrides and isolates, which would reorder what is read, and names them', () => {
    const spoof = 'Paid \u202egpj.exe\u202c and \u2066x\u2069';
    expect(visibleControls(spoof)).toBe('Paid \\u202egpj.exe\\u202c and \\u2066x\\u2069');
    expect(firstControl(spoof)).toEqual({ index: 5, code: 0x202e });
    expect(controlName(0x202e)).toBe('U+202E (RLO)');
    // the marks a right-to-left text needs are not overrides: they pass
    expect(visibleControls('\u200f\u05e9\u05dc\u05d5\u05dd\u200e')).toBe('\u200f\u05e9\u05dc\u05d5\u05dd\u200e');
    expect(JSON.parse(forTerminal(JSON.stringify({ v: spoof }))).v).toBe(spoof);
  });

  it('keeps JSON output valid and exact: a C1 character becomes its JSON escape', () => {
    const json = JSON.stringify({ brand: 'A\u009b\u0085\u007f\u001bc' });
    const out = forTerminal(json);
    expect(out).not.toMatch(BAD);
    expect(JSON.parse(out).brand).toBe('A\u009b\u0085\u007f\u001bc');
  });

  it("lets the paint's own colours through and none of a value's", () => {
    const paint = makePaint(true);
    const value = 'Acme\u001b[8m\u001b]52;c;aGk=\u0007\u001bc';
    const out = forTerminal(`${paint.bold(value)} ${value} ${paint.red.bold(`x ${paint.dim(value)} y`)}\n`);
    const escapes = out.match(/\u001b\[[0-9;]*m/g) ?? [];
    // bold on/off, red+bold on, dim on/off (with chalk's re-opening of bold), red+bold off
    expect(escapes.length).toBeGreaterThanOrEqual(6);
    expect(out.replace(/\u001b\[(1|2|22|31|39)m/g, '')).not.toMatch(BAD);
    expect(out).toContain('Acme\u241b[8m\u241b]52;c;aGk=\u2407\u241bc');
  });

  it('paints nothing and still shows controls with colour off', () => {
    const paint = makePaint(false);
    expect(forTerminal(paint.bold('a\u001bc'))).toBe('a\u241bc');
  });

  it('a stream writes every chunk made safe and keeps isTTY', () => {
    let written = '';
    const stream = sanitizedStream({ write: (c: string) => (written += c), isTTY: true });
    stream.write('\u001bc reset');
    expect(written).toBe('\u241bc reset');
    expect(stream.isTTY).toBe(true);
  });
});

describe("the program's own sequences", () => {
  it('pass the output streams when marked, as the OSC 52 copy is, and a value cannot forge the mark', async () => {
    const { markChrome } = await import('../../src/ui/sanitize.js');
    const { osc52 } = await import('../../src/messages/clipboard.js');
    const sequence = osc52('Acme is down');
    expect(forTerminal(markChrome(sequence))).toBe(sequence);
    expect(forTerminal(sequence)).not.toMatch(BAD);
    // a mark's shape without its secret is text, and stays as it is
    const lookalike = '\uf8f0000000000000000000000000\uf81b\uf8f1';
    expect(forTerminal(lookalike)).toBe(lookalike);
  });
});

describe('wrapping painted text', () => {
  it('counts only what the terminal shows: coloured words wrap at the width, not earlier, and no value escape comes back', async () => {
    const { fitToWidth, wrap } = await import('../../src/ui/format.js');
    const paint = makePaint(true);
    const words = 'Vérifier la panne échéance 10:00 (encore 15 min) étape 1 sur 8 Responsable : Pilote de crise';
    const painted = `${paint.bold('2026-12-02-panne-messagerie')} · ${paint.dim(words)} \u001b]52;c;aGk=\u0007`;
    for (const out of [fitToWidth(painted, 60), wrap(painted, 60)]) {
      const shown = forTerminal(out);
      const lines = shown.replace(/\u001b\[[0-9;]*m/g, '').split('\n');
      expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(60);
      // the painted text fills its lines: three lines at most for 150 visible characters
      expect(lines.length).toBeLessThanOrEqual(3);
      expect(shown).toContain('\u241b]52;c;aGk=\u2407');
      expect(shown).not.toContain('\u001b]52');
    }
  });

  it('never breaks a line at a narrow no-break space: a French colon or exclamation mark never starts a line', async () => {
    const { fitToWidth, wrap } = await import('../../src/ui/format.js');
    const nnbsp = '\u202f';
    const text = Array.from({ length: 12 }, (_, i) => `Mise à jour numéro ${i} publiée${nnbsp}: rien de neuf${nnbsp}!`).join(' ');
    for (const width of [20, 37, 41, 60]) {
      for (const out of [fitToWidth(text, width), wrap(text, width), wrap(text, width, '    ')]) {
        const lines = out.split('\n');
        expect(lines.length).toBeGreaterThan(2);
        for (const line of lines) expect(line.trim(), `${width} columns`).not.toMatch(/^[:!;?]/);
        expect(out.split(nnbsp).length, `${width} columns: every narrow no-break space kept`).toBe(25);
      }
    }
  });
});

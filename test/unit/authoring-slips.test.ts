import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPlaybookFile } from '../../src/playbook/load.js';
import { checkPlaybookText } from '../../src/playbook/parse.js';

const INVALID = fileURLToPath(new URL('../fixtures/invalid/', import.meta.url));
const HASH_CUT = fileURLToPath(new URL('../fixtures/authoring/hash-cut.en.yaml', import.meta.url));
const slips = readdirSync(INVALID).filter((f) => f.startsWith('slip-')).sort();

describe('the commonest YAML slips', () => {
  it('have a fixture each: tab, indentation deeper and shallower, colon in a value, unquoted {{', () => {
    expect(slips).toEqual(['slip-braces-unquoted.yaml', 'slip-colon-in-value.yaml', 'slip-indent-deeper.yaml', 'slip-indent-shallower.yaml', 'slip-tab-in-steps.yaml']);
  });

  for (const file of slips) {
    it(`${file} gives one plain-words error with its place and fix, and nothing after it`, async () => {
      const m = /^# expect: (\d+):(\d+) (.+)$/.exec(readFileSync(join(INVALID, file), 'utf8').split('\n')[0] ?? '');
      const result = await loadPlaybookFile(join(INVALID, file));
      expect(result.playbook).toBeUndefined();
      expect(result.diagnostics.map((d) => ({ line: d.line, col: d.col, message: d.message, severity: d.severity }))).toEqual([
        { line: Number(m?.[1]), col: Number(m?.[2]), message: m?.[3], severity: 'error' },
      ]);
      expect(m?.[3]).toMatch(/quote the value|indent with spaces, not a tab|indent it like the lines it belongs with/);
    });
  }

  it('reads past a text continued on a deeper line and a block text, to the real slip', () => {
    const yaml = 'format: 1\nsummary: A long text\n  that goes on here\nphases:\n  - goal: |\n      Free text: anything\n         goes here\n    title: Note: down\n';
    expect(checkPlaybookText('x.en.yaml', yaml).diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`)).toEqual([
      '8:12 ": " inside an unquoted value makes YAML read a second key: quote the value: title: "Note: down"',
    ]);
  });

  it('names the fix for a slip in a list item too', () => {
    const { diagnostics } = checkPlaybookText('x.en.yaml', 'format: 1\nroles:\n  lead:\n    title: Lead\n    duties:\n      - {{brand}} is down\n');
    expect(diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`)).toEqual([
      '6:9 a value starting with "{{" must be quoted, or YAML reads it as a mapping: quote the value: - "{{brand}} is down"',
    ]);
  });
});

describe('an unquoted " #" that cuts a text', () => {
  it('is a warning at the "#", with the quoted value to write', async () => {
    const result = await loadPlaybookFile(HASH_CUT);
    expect(result.playbook).toBeDefined();
    expect(result.diagnostics.map((d) => ({ line: d.line, col: d.col, message: d.message, severity: d.severity }))).toEqual([
      {
        line: 28,
        col: 40,
        severity: 'warning',
        message:
          'this "#" starts a YAML comment, so the text stops at "Sorry, our chat is down" and the rest of the line is dropped: quote the value: default: "Sorry, our chat is down #chatdown Write to us by..."',
      },
    ]);
    // what YAML kept is indeed the cut text: the warning is about a real loss
    expect(result.playbook?.messages?.initial?.channels.default).toBe('Sorry, our chat is down');
  });

  const warnings = (yaml: string) => checkPlaybookText('x.en.yaml', yaml).diagnostics.filter((d) => /starts a YAML comment/.test(d.message));

  it('leaves a note after an id or a duration, and a quoted text, alone', () => {
    expect(warnings('format: 1\nid: x  # the id\nphases:\n  - id: a\n    due: 15m  # note\n    title: "Still down #down"\n')).toEqual([]);
  });

  it('flags a hashtag-like comment after any plain value, and any comment after a text key', () => {
    expect(warnings('format: 1\nplatform: Messenger #messengerdown\nphases:\n  - title: Confirm  # see the wiki\n').map((d) => `${d.line}:${d.col}`)).toEqual(['2:21', '4:21']);
  });
});

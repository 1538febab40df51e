import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/errors.js';
import { BUILTIN_PLAYBOOKS_DIR } from '../../src/playbook/find.js';
import { loadPlaybookFile } from '../../src/playbook/load.js';

const VALID = `format: 1
id: sample
lang: en
title: Sample
roles:
  lead: { title: Lead }
severities:
  - { id: minor, title: Minor, update_every: 2h }
phases:
  - id: confirm
    title: Confirm
    due: 15m
    steps:
      - { id: devices, check: Test, owner: lead }
messages:
  initial:
    channels:
      x: "Down"
`;

const load = (source: string, file = 'sample.en.yaml') => loadPlaybookFile(file, { source });
const lines = async (source: string, file?: string) => (await load(source, file)).diagnostics.map(formatDiagnostic);

describe('loadPlaybookFile', () => {
  it('loads a valid playbook with no diagnostics', async () => {
    const result = await load(VALID);
    expect(result.diagnostics).toEqual([]);
    expect(result.playbook?.phases[0]?.steps[0]?.id).toBe('devices');
  });

  it('keeps a url variable\'s bare-host default and example as https:// addresses, as the prompt reads them', async () => {
    const source = VALID.replace('roles:', 'variables:\n  site: { prompt: Site, format: url, default: latelier-co.fr, example: "www.acme.example/aide" }\nroles:');
    const result = await load(source);
    expect(result.diagnostics).toEqual([]);
    expect(result.playbook?.variables?.site).toMatchObject({ default: 'https://latelier-co.fr', example: 'https://www.acme.example/aide' });
  });

  it('loads every built-in playbook without an error', async () => {
    const files = readdirSync(BUILTIN_PLAYBOOKS_DIR).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const result = await loadPlaybookFile(join(BUILTIN_PLAYBOOKS_DIR, f));
      expect(result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
    }
  });

  it('maps paths to positions: values, and the parent for a missing key', async () => {
    const { positionOf = () => undefined } = await load(VALID);
    expect(positionOf(['phases', 0, 'due'])).toEqual({ line: 12, col: 10 });
    expect(positionOf(['phases', 0, 'steps', 0, 'owner'])).toEqual({ line: 14, col: 44 });
    expect(positionOf(['messages', 'initial', 'channels', 'x'])).toEqual({ line: 18, col: 10 });
    expect(positionOf(['messages', 'initial', 'channels', 'sms'])).toEqual({ line: 18, col: 7 });
    expect(positionOf(['summary'])).toEqual({ line: 1, col: 1 });
  });

  it('reports every error of a file in one run, in reading order', async () => {
    const broken = VALID.replace('title: Sample', 'titel: Sample').replace('due: 15m', 'due: 2 hours').replace('owner: lead', 'owner: boss');
    expect(await lines(broken)).toEqual([
      'sample.en.yaml:4:1: unknown key "titel" (did you mean "title"?)',
      'sample.en.yaml:12:10: "due" must be a duration such as 15m, 1h30m or 1d, got "2 hours"',
      'sample.en.yaml:14:44: owner "boss" is not a role of this playbook; roles: lead',
    ]);
  });

  it('lists the allowed keys when no key is close', async () => {
    const [line] = await lines(VALID.replace('      - { id: devices, check: Test, owner: lead }', '      - { id: devices, check: Test, zzz: 1 }'));
    expect(line).toMatch(/unknown key "zzz"; allowed keys here: id, check, ask, announce, info, type, options, owner, links, when, save_as, channels/);
  });

  it('warns when the file name disagrees with the id or lang', async () => {
    expect(await lines(VALID, 'other.fr.yaml')).toEqual([
      'other.fr.yaml:2:5: warning: id "sample" differs from the file name "other.fr.yaml"; crisis finds playbooks by file name: rename the file to sample.en.yaml',
      'other.fr.yaml:3:7: warning: lang "en" differs from the file name "other.fr.yaml"; rename the file or fix the lang',
    ]);
    const result = await load(VALID, 'other.fr.yaml');
    expect(result.playbook).toBeDefined();
  });

  it('reads a file from disk, and says when there is none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crisis-load-'));
    writeFileSync(join(dir, 'sample.en.yaml'), `\uFEFF${VALID}`);
    expect((await loadPlaybookFile(join(dir, 'sample.en.yaml'))).playbook?.id).toBe('sample');
    expect((await loadPlaybookFile(join(dir, 'missing.yaml'))).diagnostics[0]?.message).toBe('no such file');
    expect((await loadPlaybookFile(dir)).diagnostics[0]?.message).toBe('is a folder, not a file');
  });
});

describe('hostile input ends fast with a clear error', () => {
  const quick = async (source: string | Buffer, expected: RegExp) => {
    const dir = mkdtempSync(join(tmpdir(), 'crisis-hostile-'));
    const file = join(dir, 'x.yaml');
    writeFileSync(file, source);
    // a hang is caught by the test's own time limit; no duration is asserted (shared machines vary)
    const result = await loadPlaybookFile(file);
    expect(result.playbook).toBeUndefined();
    expect(result.diagnostics.map((d) => d.message).join('\n')).toMatch(expected);
    return result;
  };

  it('refuses a file over 1 MiB without parsing it', async () => {
    const result = await quick(`format: 1\n${'# padding\n'.repeat(520_000)}`, /^file is 5\.2 MB; a playbook is at most 1 MiB$/);
    expect(result.diagnostics[0]?.line).toBeUndefined();
  });

  it('refuses very deep flow nesting (which would exhaust the YAML library)', async () => {
    const depth = 400_000;
    const result = await quick(`a: ${'['.repeat(depth)}${']'.repeat(depth)}\n`, /nesting is deeper than 64 levels/);
    expect(result.diagnostics[0]).toMatchObject({ line: 1 });
  });

  it('refuses deep block nesting, and compact "- - -" lists', async () => {
    await quick(Array.from({ length: 100 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'), /nesting is deeper than 64 levels/);
    await quick(`${'- '.repeat(300_000)}x\n`, /nesting is deeper than 64 levels/);
  });

  it('refuses a file with too many values, before the YAML library spends seconds on it', async () => {
    const result = await quick(Array.from({ length: 15_000 }, (_, i) => `k${i}: [1, 2]`).join('\n'), /file holds more than 25,000 values/);
    expect(result.diagnostics[0]).toMatchObject({ line: 8334 });
  });

  it('finds duplicate keys in a huge mapping without comparing every pair', async () => {
    const result = await quick(`${Array.from({ length: 12_000 }, (_, i) => `k${i % 6000}: 1`).join('\n')}\n`, /duplicate key "k0": a key appears only once in a mapping; remove or rename one \(first at line 1\)/);
    expect(result.diagnostics).toHaveLength(51);
  });

  it('does not mistake long flow collections for deep nesting', async () => {
    const list = Array.from({ length: 300 }, (_, i) => `{ a${i}: 1, b: [1, { c: d }] }`).join(', ');
    const result = await load(`${VALID}follow_up: [${list}]\n`);
    expect(result.diagnostics.map((d) => d.message).join('\n')).not.toMatch(/nesting/);
  });

  it('refuses a billion-laughs alias bomb without expanding it', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const result = await quick(levels.join('\n'), /alias \*a is not allowed in a playbook \(and 98 more\)/);
    expect(result.diagnostics).toHaveLength(1);
  });

  it('refuses binary files and invalid UTF-8', async () => {
    await quick(Buffer.from([0x66, 0x6f, 0x00, 0x01]), /not a text file/);
    await quick(Buffer.from([0x61, 0x3a, 0x20, 0xc3, 0x28]), /not valid UTF-8/);
  });

  it('caps the number of problems reported', async () => {
    const many = `${VALID}${Array.from({ length: 500 }, (_, i) => `unknown${i}: 1`).join('\n')}\n`;
    const result = await load(many);
    expect(result.diagnostics).toHaveLength(51);
    expect(result.diagnostics[50]?.message).toBe('... and 450 more problems; fix these first');
  });

  it('keeps prototype keys out of the data', async () => {
    const result = await load(VALID.replace('  lead: { title: Lead }', '  lead: { title: Lead }\n  __proto__: { title: Evil }'));
    expect(result.diagnostics.map(formatDiagnostic)).toEqual(['sample.en.yaml:7:3: key "__proto__" is not allowed: it could tamper with the program\'s objects']);
    expect(({} as Record<string, unknown>).title).toBeUndefined();
  });
});

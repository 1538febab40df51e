/**
 * YAML's surprises said in our words, at their line: a second document in an
 * answers file or config.yaml, and values that explicit tags (!!binary,
 * !!timestamp, !!set) turn into something other than text in a playbook.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

import { runInProcess } from '../helpers/in-process.js';
import { tempDir } from './helpers.js';

const PLAYBOOK = resolve('test/fixtures/playbooks/mini-down.en.yaml');

describe('YAML in our words', () => {
  it('a second document in an answers file is named at its line, with the fix', async () => {
    const dir = tempDir('crisis-yaml-');
    const answers = join(dir, 'a.yaml');
    writeFileSync(answers, 'variables: { brand: Acme }\n---\nsteps: { devices: done }\n');
    const r = await runInProcess(['start', PLAYBOOK, '--answers', answers, '--no-input'], { env: { CRISIS_HOME: join(dir, 'home') } });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('a.yaml:2:1: an answers file is one YAML document, and a second one starts here: remove this `---`');
    expect(r.stderr).not.toMatch(/parseAllDocuments/);
  });

  it('a second document in config.yaml is named at its line, with the fix', async () => {
    const dir = tempDir('crisis-yaml-');
    const home = join(dir, 'home');
    mkdirSync(home);
    writeFileSync(join(home, 'config.yaml'), 'variables:\n  brand: Acme\n---\npeople: {}\n');
    const r = await runInProcess(['start', PLAYBOOK, '--no-input'], { env: { CRISIS_HOME: home } });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('config.yaml:3:1: config.yaml is one YAML document, and a second one starts here');
    expect(r.stderr).not.toMatch(/parseAllDocuments/);
  });

  it('a title made binary, a date or a set by its tag says so, not "a mapping"', async () => {
    const dir = tempDir('crisis-yaml-');
    const file = join(dir, 'mini-down.en.yaml');
    for (const [tag, said] of [
      ['!!binary aGVsbG8=', 'binary data made by the !!binary tag'],
      ['!!timestamp 2026-01-01', 'a date made by the !!timestamp tag'],
      ['!!set { a, b }', 'a set made by the !!set tag'],
    ] as [string, string][]) {
      writeFileSync(file, readFileSync(PLAYBOOK, 'utf8').replace('title: Mini chat is down', `title: ${tag}`));
      const r = await runInProcess(['validate', file], { env: { CRISIS_NO_CACHE: '1' } });
      expect(r.code, tag).toBe(1);
      expect(r.stdout + r.stderr, tag).toMatch(new RegExp(`mini-down\\.en\\.yaml:5:\\d+: "title" must be text, got ${said.replace(/[!()]/g, '\\$&')}`));
      expect(r.stdout + r.stderr, tag).not.toContain('got a mapping');
    }
  });

  it("a French playbook's YAML slips are said in French alone: the YAML library's English words are not added", async () => {
    const dir = tempDir('crisis-yaml-');
    const slips: Array<[string, RegExp]> = [
      ['title: "Panne\nroles: {}\n', /ce guillemet ou ce crochet n’est jamais refermé$/m],
      ['title: "Panne \\q"\n', /barre oblique inverse/],
      ['title: Panne\ntitle: Autre\n', /clé «.title.» en double/],
      ['title: @Panne\n', /ne peut pas commencer par ce caractère/],
    ];
    for (const [i, [tail, said]] of slips.entries()) {
      const file = join(dir, `panne-${i}.fr.yaml`);
      writeFileSync(file, `format: 1\nid: panne-${i}\nlang: fr\n${tail}`);
      const r = await runInProcess(['validate', file]);
      expect(r.code, tail).toBe(1);
      expect(r.stderr, tail).toMatch(said);
      // the library's own sentences ("Missing closing quote", "Map keys must be unique"...) stay out
      expect(r.stderr, tail).not.toMatch(/\((missing|map keys|plain value|invalid escape|unexpected)[^)]*\)/i);
    }
  });
});

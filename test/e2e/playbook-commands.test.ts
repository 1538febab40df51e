import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.js';
import { runInProcess } from '../helpers/in-process.js';

const FIXTURES = 'test/fixtures/invalid';
const NO_POSITION = new Set(['empty.yaml', 'comment-only.yaml', 'binary.yaml', 'invalid-utf8.yaml']);
const STACK = /^\s+at .+\(.*:\d+:\d+\)$/m;

describe('crisis validate on the malformed corpus', () => {
  for (const file of readdirSync(join(ROOT, FIXTURES)).filter((f) => f.endsWith('.yaml')).sort()) {
    it.concurrent(`${file}: exit 1, file:line:col and the reason`, async () => {
      const path = `${FIXTURES}/${file}`;
      const { code, stdout, stderr } = await runInProcess(['validate', path], { cwd: ROOT });
      expect(code).toBe(1);
      expect(stderr).not.toMatch(STACK);
      expect(stdout).toMatch(/^✖ \d+ errors? in 1 of 1 playbook/);
      if (NO_POSITION.has(file)) {
        expect(stderr).toMatch(new RegExp(`^${path}: (file is empty|file has no content|not a text file)`, 'm'));
        return;
      }
      const [, where, message] = /^# expect: (\d+:\d+) (.+)$/m.exec(readFileSync(join(ROOT, path), 'utf8')) ?? [];
      expect(stderr.split('\n')).toContain(stderr.split('\n').find((l) => l.startsWith(`${path}:${where}: `) && l.includes(message ?? '?')) ?? `${path}:${where}: ${message}`);
    });
  }
});

describe('crisis validate', () => {
  it('checks every playbook found by default', async () => {
    const { code, stdout, stderr } = await runInProcess(['validate']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: expect.not.stringMatching(/error/) });
    expect(stdout).toMatch(/^✔ \d+ playbooks valid/);
  });

  it('prints one JSON document with --json', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'a.en.yaml'), 'format: 1\nid: a\nlang: en\ntitel: A\n');
    const { code, stdout, stderr } = await runInProcess(['validate', 'a.en.yaml', '--json'], { cwd });
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const report = JSON.parse(stdout) as { valid: boolean; files: { file: string; id: string; lang: string; valid: boolean; errors: unknown[] }[] };
    expect(report.valid).toBe(false);
    expect(report.files[0]).toMatchObject({ file: 'a.en.yaml', id: 'a', lang: 'en', valid: false });
    expect(report.files[0]?.errors).toContainEqual({ line: 4, col: 1, message: 'unknown key "titel" (did you mean "title"?)' });
  });

  it('searches folders and reports a missing file as an error', async () => {
    const { code, stdout, stderr } = await runInProcess(['validate', 'playbooks', 'nope.yaml'], { cwd: ROOT });
    expect(code).toBe(1);
    expect(stderr).toContain('nope.yaml: no such file');
    expect(stdout).toMatch(/✖ 1 error in 1 of \d+ playbooks/);
  });

  it('ends quickly on a huge file and on very deep nesting', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'huge.yaml'), `format: 1\n${'#'.repeat(5_200_000)}\n`);
    writeFileSync(join(cwd, 'deep.yaml'), `a: ${'['.repeat(500_000)}${']'.repeat(500_000)}\n`);
    // a hang is caught by the test's time limit; no duration is asserted
    const { code, stderr } = await runInProcess(['validate', 'huge.yaml', 'deep.yaml'], { cwd });
    expect(code).toBe(1);
    expect(stderr).toContain('huge.yaml: file is 5.2 MB; a playbook is at most 1 MiB');
    expect(stderr).toContain('deep.yaml:1:66: nesting is deeper than 64 levels');
    expect(stderr).not.toMatch(STACK);
  });
});

describe('crisis list', () => {
  it('shows a table of the built-in playbooks', async () => {
    const { code, stdout } = await runInProcess(['list']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+LANG\s+TITLE\s+SOURCE$/);
    expect(lines.find((l) => l.startsWith('messenger-down '))).toMatch(/\sen\s+Facebook Messenger is down\s+built-in$/);
  });

  it('puts a team playbook before the built-in one it replaces, and prints JSON', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'playbooks'));
    const text = readFileSync(join(ROOT, 'playbooks', 'messenger-down.en.yaml'), 'utf8').replace(/^title: .*$/m, 'title: Ours');
    writeFileSync(join(cwd, 'playbooks', 'messenger-down.en.yaml'), text);
    const { code, stdout } = await runInProcess(['list', '--json'], { cwd });
    expect(code).toBe(0);
    const entries = JSON.parse(stdout) as { id: string; lang: string; title: string; source: string }[];
    expect(entries.filter((e) => e.id === 'messenger-down' && e.lang === 'en')).toEqual([
      expect.objectContaining({ title: 'Ours', source: join(cwd, 'playbooks') }),
    ]);
  });
});

describe('crisis show', () => {
  it('gives a readable overview', async () => {
    const { code, stdout } = await runInProcess(['show', 'messenger-down']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Facebook Messenger is down {2}messenger-down \(en\)\n/);
    for (const heading of ['Roles', 'Severities (least to most severe)', 'Phases', 'Messages']) expect(stdout).toContain(`\n${heading}\n`);
    expect(stdout).toMatch(/1\. Confirm the outage {2}confirm, due 15 min after detection/);
    expect(stdout).toContain('update every 2 h');
  });

  it('gives every deadline and cadence in words, in the playbook’s language, never as written in the file', async () => {
    for (const lang of ['en', 'fr']) {
      const { code, stdout } = await runInProcess(['show', 'messenger-down', '--lang', lang]);
      expect(code).toBe(0);
      expect(stdout, lang).not.toMatch(/\b\d+[dhm]\b|toutes les 1h|every 1h/);
    }
    const { stdout } = await runInProcess(['show', 'messenger-down', '--lang', 'fr']);
    expect(stdout).toContain('mise à jour toutes les 2 h');
    expect(stdout).toContain('mise à jour toutes les heures');
    expect(stdout).toContain('échéance 15 min après la détection');
  });

  it('follows the environment language, and --lang over it', async () => {
    const fr = await runInProcess(['show', 'messenger-down', '--json'], { env: { LANG: 'fr_FR.UTF-8' } });
    expect(JSON.parse(fr.stdout)).toMatchObject({ lang: 'fr', source: 'built-in' });
    const en = await runInProcess(['show', 'messenger-down', '--json', '--lang', 'en'], { env: { LANG: 'fr_FR.UTF-8' } });
    const data = JSON.parse(en.stdout) as { lang: string; file: string; phases: unknown[] };
    expect(data.lang).toBe('en');
    expect(data.file).toMatch(/messenger-down\.en\.yaml$/);
    expect(data.phases.length).toBeGreaterThan(0);
  });

  it('names the available playbooks for an unknown id', async () => {
    const { code, stdout, stderr } = await runInProcess(['show', 'mesenger-down']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^crisis: unknown playbook "mesenger-down" \(did you mean "messenger-down"\?\)\n {2}available: .*messenger-down/);
    expect(stderr).not.toMatch(STACK);
  });
});

describe('crisis new, init and schema', () => {
  it('writes a new playbook that validates, and refuses to overwrite it', async () => {
    const cwd = tempDir();
    const first = await runInProcess(['new', 'shop-down', '--from', 'messenger-down', '--lang', 'fr'], { cwd });
    expect(first.code).toBe(0);
    // in the new playbook's language
    expect(first.stdout).toContain('playbooks/shop-down.fr.yaml créé à partir de messenger-down (fr).');
    const text = readFileSync(join(cwd, 'playbooks', 'shop-down.fr.yaml'), 'utf8');
    expect(text).toMatch(/^#/); // comments kept
    expect(text).toMatch(/^id: shop-down$/m);
    expect((await runInProcess(['validate', 'playbooks/shop-down.fr.yaml'], { cwd })).code).toBe(0);
    const again = await runInProcess(['new', 'shop-down', '--lang', 'fr'], { cwd });
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining('playbooks/shop-down.fr.yaml existe déjà') });
    const english = await runInProcess(['new', 'shop-down', '--from', 'messenger-down', '--lang', 'en'], { cwd });
    expect(english.stdout).toContain('Created playbooks/shop-down.en.yaml from messenger-down (en).');
    expect((await runInProcess(['new', 'shop-down', '--lang', 'fr', '--force'], { cwd })).code).toBe(0);
  });

  it('refuses an id that is not kebab-case before touching the disk', async () => {
    const cwd = tempDir();
    const { code, stderr } = await runInProcess(['new', '../escape'], { cwd });
    expect(code).toBe(1);
    expect(stderr).toContain('"../escape" is not a playbook id');
    expect(existsSync(join(cwd, 'playbooks'))).toBe(false);
  });

  it('init creates a commented config and playbooks/, and leaves them alone after', async () => {
    const cwd = tempDir();
    expect((await runInProcess(['init'], { cwd })).code).toBe(0);
    const config = readFileSync(join(cwd, '.crisis', 'config.yaml'), 'utf8');
    expect(config).toMatch(/^variables:\n {2}# brand: Acme$/m);
    expect(config).toMatch(/^people:\n {2}# lead: /m);
    expect(existsSync(join(cwd, 'playbooks'))).toBe(true);
    writeFileSync(join(cwd, '.crisis', 'config.yaml'), 'variables:\n  brand: Mine\n');
    const second = await runInProcess(['init'], { cwd });
    expect(second.stdout).toContain('.crisis/config.yaml already exists; left as it is');
    expect(readFileSync(join(cwd, '.crisis', 'config.yaml'), 'utf8')).toBe('variables:\n  brand: Mine\n');
  });

  it('schema prints the JSON Schema and nothing else', async () => {
    const { code, stdout, stderr } = await runInProcess(['schema']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const schema = JSON.parse(stdout) as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['format', 'id', 'lang', 'title', 'roles', 'phases']));
    expect(schema.required).toEqual(expect.arrayContaining(['format', 'id', 'title']));
  });
});

describe('colour', () => {
  const ESC = '\u001b[';
  it('paints only when allowed: --no-color and NO_COLOR win over FORCE_COLOR', async () => {
    // one playbook paints as all of them do
    const playbook = join(ROOT, 'playbooks', 'messenger-down.en.yaml');
    const painted = await runInProcess(['validate', playbook], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(painted.stdout).toContain(ESC);
    expect((await runInProcess(['validate', playbook, '--no-color'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } })).stdout).not.toContain(ESC);
    expect((await runInProcess(['list'], { env: { NO_COLOR: '1' } })).stdout).not.toContain(ESC);
  });
});

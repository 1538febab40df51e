import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { BUILTIN_PLAYBOOKS_DIR, environmentLanguage, findPlaybooks, pickLanguage, resolvePlaybook, scanHeader } from '../../src/playbook/find.js';

const builtin = readFileSync(join(BUILTIN_PLAYBOOKS_DIR, 'messenger-down.en.yaml'), 'utf8');

function project(): { cwd: string; extra: string } {
  const cwd = mkdtempSync(join(tmpdir(), 'crisis-find-'));
  mkdirSync(join(cwd, 'playbooks'));
  mkdirSync(join(cwd, 'extra'));
  // a team's own messenger-down in English replaces the built-in one
  writeFileSync(join(cwd, 'playbooks', 'messenger-down.en.yaml'), builtin.replace(/^title: .*$/m, 'title: "Our own: Messenger"'));
  writeFileSync(join(cwd, 'extra', 'shop-down.de.yaml'), builtin.replace(/^id: .*$/m, 'id: shop-down').replace(/^lang: .*$/m, 'lang: de').replace(/^title: .*$/m, "title: 'Shop ist down'"));
  return { cwd, extra: join(cwd, 'extra') };
}

describe('scanHeader', () => {
  it('reads top-level id, lang and title without parsing YAML', () => {
    expect(scanHeader('# title: not this\nformat: 1\nid: a-b\nlang: fr\ntitle: "Panne : \\"X\\"" # comment\nsteps:\n  title: nested\n')).toEqual({
      id: 'a-b',
      lang: 'fr',
      title: 'Panne : "X"',
    });
    expect(scanHeader("title: 'It''s down'\n").title).toBe("It's down");
    expect(scanHeader('title: >-\n  Folded\n  title\nid: x\n').title).toBe('Folded title');
    expect(scanHeader('title: Plain # note\n').title).toBe('Plain');
  });
});

describe('findPlaybooks', () => {
  it('lists given folders, then ./playbooks, then built-ins; the first of an id and lang wins', async () => {
    const { cwd, extra } = project();
    const entries = await findPlaybooks({ cwd, env: {}, playbookDirs: [extra] });
    expect(entries[0]).toMatchObject({ id: 'shop-down', lang: 'de', title: 'Shop ist down', source: extra });
    expect(entries[1]).toMatchObject({ id: 'messenger-down', lang: 'en', title: 'Our own: Messenger', source: join(cwd, 'playbooks') });
    const messenger = entries.filter((e) => e.id === 'messenger-down');
    expect(messenger.map((e) => `${e.lang} ${e.source}`)).toEqual([`en ${join(cwd, 'playbooks')}`, 'fr built-in']);
  });

  it('reads CRISIS_PLAYBOOKS when no folders are given, and refuses a missing folder', async () => {
    const { cwd, extra } = project();
    expect((await findPlaybooks({ cwd, env: { CRISIS_PLAYBOOKS: extra } }))[0]?.id).toBe('shop-down');
    await expect(findPlaybooks({ cwd, env: {}, playbookDirs: ['nope'] })).rejects.toThrow('playbook folder "nope" does not exist');
  });
});

describe('language choice', () => {
  const versions = [{ lang: 'en' }, { lang: 'fr' }, { lang: 'pt-BR' }];
  it('reads LC_ALL, LC_MESSAGES, LANG in that order', () => {
    expect(environmentLanguage({ LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(environmentLanguage({ LC_ALL: 'de_DE', LANG: 'fr_FR.UTF-8' })).toBe('de');
    expect(environmentLanguage({ LC_MESSAGES: 'pt_BR.UTF-8', LANG: 'fr_FR' })).toBe('pt');
    expect(environmentLanguage({ LANG: 'C.UTF-8' })).toBeUndefined();
    expect(environmentLanguage({})).toBeUndefined();
  });
  it('prefers --lang, then the environment, then en, then the only one', () => {
    expect(pickLanguage(versions, 'fr', { LANG: 'en_US' })?.lang).toBe('fr');
    expect(pickLanguage(versions, 'de', {})).toBeUndefined();
    expect(pickLanguage(versions, undefined, { LANG: 'fr_CA.UTF-8' })?.lang).toBe('fr');
    expect(pickLanguage(versions, undefined, { LANG: 'pt_BR.UTF-8' })?.lang).toBe('pt-BR');
    expect(pickLanguage(versions, undefined, { LANG: 'de_DE' })?.lang).toBe('en');
    expect(pickLanguage([{ lang: 'de' }], undefined, {})?.lang).toBe('de');
    expect(pickLanguage([{ lang: 'de' }, { lang: 'it' }], undefined, {})).toBeUndefined();
  });
});

describe('resolvePlaybook', () => {
  it('picks by id and language and loads it', async () => {
    const { cwd } = project();
    const fr = await resolvePlaybook('messenger-down', { cwd, env: { LANG: 'fr_FR.UTF-8' }, playbookDirs: [] });
    expect(fr).toMatchObject({ source: 'built-in', playbook: { lang: 'fr' } });
    const en = await resolvePlaybook('messenger-down', { cwd, env: {}, playbookDirs: [] });
    expect(en.playbook.title).toBe('Our own: Messenger');
  });

  it('loads a path, relative to cwd', async () => {
    const { cwd } = project();
    const found = await resolvePlaybook('extra/shop-down.de.yaml', { cwd, env: {}, playbookDirs: [] });
    expect(found.playbook.id).toBe('shop-down');
  });

  it('names the available ids for an unknown one, with a hint', async () => {
    const { cwd } = project();
    const error = await resolvePlaybook('mesenger-down', { cwd, env: {}, playbookDirs: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('unknown playbook "mesenger-down" (did you mean "messenger-down"?)');
    expect((error as UserError).details[0]).toMatch(/^available: messenger-down, /);
  });

  it('never treats an id as a path', async () => {
    const { cwd } = project();
    await expect(resolvePlaybook('..', { cwd, env: {}, playbookDirs: [] })).rejects.toThrow('unknown playbook ".."');
  });

  it('gives the file\'s diagnostics when the playbook is invalid', async () => {
    const { cwd } = project();
    writeFileSync(join(cwd, 'playbooks', 'broken.en.yaml'), 'format: 1\nid: broken\nlang: en\ntitel: x\n');
    const error = (await resolvePlaybook('broken', { cwd, env: {}, playbookDirs: [] }).catch((e: unknown) => e)) as UserError;
    expect(error.message).toBe('playbook "broken" (playbooks/broken.en.yaml) is not valid:');
    expect(error.details).toContain('playbooks/broken.en.yaml:4:1: unknown key "titel" (did you mean "title"?)');
    expect(error.details.at(-1)).toBe('fix it, then check with: crisis validate playbooks/broken.en.yaml');
  });

  it('asks for --lang when it cannot choose', async () => {
    const { cwd } = project();
    writeFileSync(join(cwd, 'playbooks', 'shop-down.it.yaml'), '');
    await expect(resolvePlaybook('shop-down', { cwd, env: {}, playbookDirs: [join(cwd, 'extra')] })).rejects.toThrow(
      'playbook "shop-down" exists in several languages (de, it); pick one with --lang',
    );
  });
});

describe('file names', () => {
  it('takes .yml files, and the lower-case language of a file over its upper-case twin', async () => {
    const { cwd } = project();
    const dir = join(cwd, 'playbooks');
    writeFileSync(join(dir, 'shop-down.EN.yaml'), builtin.replace(/^id: .*$/m, 'id: shop-down').replace(/^title: .*$/m, 'title: Upper'));
    writeFileSync(join(dir, 'shop-down.en.yaml'), builtin.replace(/^id: .*$/m, 'id: shop-down').replace(/^title: .*$/m, 'title: Lower'));
    writeFileSync(join(dir, 'bank-down.en.yml'), builtin.replace(/^id: .*$/m, 'id: bank-down').replace(/^title: .*$/m, 'title: Yml'));
    const found = await findPlaybooks({ cwd, env: {}, playbookDirs: [] });
    const shop = found.filter((e) => e.id === 'shop-down');
    expect(shop.map((e) => [e.lang, e.title])).toEqual([['en', 'Lower']]);
    expect(found.find((e) => e.id === 'bank-down')?.title).toBe('Yml');
    expect((await resolvePlaybook('shop-down', { cwd, env: {}, lang: 'en' })).file).toBe(join(dir, 'shop-down.en.yaml'));
  });
});

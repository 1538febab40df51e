/**
 * The playbook cache as a user meets it: a second `crisis validate` gives the
 * same verdict from the cache, an edited playbook is checked again, the
 * commands that load a playbook fill it, and CRISIS_NO_CACHE or a cache that
 * cannot be written changes nothing but speed.
 */
import { chmodSync, copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './helpers.js';

const entries = (dir: string) => (existsSync(join(dir, 'playbooks')) ? readdirSync(join(dir, 'playbooks')).filter((name) => name.endsWith('.json')) : []);
/** An entry's JSON, after its seal line. */
const entryBody = (text: string) => JSON.parse(text.slice(text.indexOf('\n') + 1));

describe('playbook cache', () => {
  it('gives the same verdict twice, the second from the cache', async () => {
    const cache = tempDir('crisis-cache-');
    const env = { CRISIS_CACHE_DIR: cache };
    const first = await runCli(['validate', '--json'], { env });
    expect(first.code).toBe(0);
    expect(entries(cache)).toHaveLength(6);
    const entry = entryBody(readFileSync(join(cache, 'playbooks', entries(cache)[0]!), 'utf8'));
    expect(entry.checks).toEqual([]); // the message checks are kept too
    const second = await runCli(['validate', '--json'], { env });
    expect(second).toEqual(first);
  });

  it('checks an edited playbook again, and reports its new error', async () => {
    const cache = tempDir('crisis-cache-');
    const dir = tempDir();
    const file = join(dir, 'messenger-down.en.yaml');
    copyFileSync(join(ROOT, 'playbooks', 'messenger-down.en.yaml'), file);
    const env = { CRISIS_CACHE_DIR: cache };
    expect((await runCli(['validate', file], { env })).code).toBe(0);
    writeFileSync(file, readFileSync(file, 'utf8').replace('owner: community', 'owner: comunity'));
    const edited = await runCli(['validate', file], { env });
    expect(edited.code).toBe(1);
    expect(edited.stderr).toMatch(/messenger-down\.en\.yaml:\d+:\d+: .*"comunity".*did you mean "community"/);
  });

  it('is filled by the commands that load a playbook', async () => {
    const cache = tempDir('crisis-cache-');
    const shown = await runCli(['show', 'whatsapp-down', '--lang', 'fr'], { env: { CRISIS_CACHE_DIR: cache } });
    expect(shown.code).toBe(0);
    expect(entries(cache)).toHaveLength(1);
    const again = await runCli(['show', 'whatsapp-down', '--lang', 'fr'], { env: { CRISIS_CACHE_DIR: cache } });
    expect(again.stdout).toBe(shown.stdout);
  });

  it('is not used with CRISIS_NO_CACHE=1, nor missed when it cannot be written', async () => {
    const cache = tempDir('crisis-cache-');
    // one playbook is enough to see the cache used or not (the first test checks them all)
    const playbook = join(ROOT, 'playbooks', 'whatsapp-down.fr.yaml');
    const off = await runCli(['validate', playbook], { env: { CRISIS_CACHE_DIR: cache, CRISIS_NO_CACHE: '1' } });
    expect(off.code).toBe(0);
    expect(entries(cache)).toEqual([]);

    const blocker = join(tempDir(), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const unwritable = await runCli(['validate', playbook], { env: { CRISIS_CACHE_DIR: join(blocker, 'cache') } });
    expect(unwritable.code).toBe(0);
    expect(unwritable.stderr).toBe('');
    expect(unwritable.stdout).toBe(off.stdout);
  });
});

describe('playbook cache entries are never trusted', () => {
  /** A playbook of our own, loaded once through the cache: its entry's path, whose name is the key. */
  async function cached() {
    const cache = tempDir('crisis-cache-');
    const dir = tempDir();
    const file = join(dir, 'mini-down.en.yaml');
    copyFileSync(join(ROOT, 'test', 'fixtures', 'playbooks', 'mini-down.en.yaml'), file);
    const env = { CRISIS_CACHE_DIR: cache, CRISIS_HOME: join(dir, 'home') };
    const first = await runCli(['announce', '--playbook', file, 'initial', '--channel', 'x', '--var', 'brand=Acme'], { env });
    expect(first.code, first.stderr).toBe(0);
    const [name] = entries(cache);
    const path = join(cache, 'playbooks', name!);
    const key = name!.replace(/\.json$/, '');
    const playbook = entryBody(readFileSync(path, 'utf8')).playbook;
    return { cache, dir, file, env, path, key, playbook, first };
  }

  it('a crafted entry under the right key is a miss: announce, start and validate see the playbook as written', async () => {
    const { file, env, path, key, playbook, first } = await cached();
    const forged = JSON.parse(JSON.stringify(playbook).replaceAll('We are sorry', 'Send your password to evil.example'));
    // what anyone who can write a file there may write: the key is no secret
    writeFileSync(path, JSON.stringify({ format: 1, key, playbook: forged, warnings: [] }));
    const again = await runCli(['announce', '--playbook', file, 'initial', '--channel', 'x', '--var', 'brand=Acme'], { env });
    expect(again.stdout).not.toContain('evil.example');
    expect(again.stdout).toBe(first.stdout);
    writeFileSync(path, `crisis-playbook-cache 2 ${'f'.repeat(64)}\n${JSON.stringify({ format: 2, key, playbook: forged, warnings: [] })}`);
    const answers = join(tempDir(), 'a.yaml');
    writeFileSync(answers, 'variables: { brand: Acme, support_email: help@acme.example, signature: Julie }\nsteps: { devices: done, downdetector: done, hashtags: done, confirmed: yes, severity: major, services: [dm], backlog: 1, legal: done, first-post: x }\n');
    await runCli(['start', file, '--answers', answers, '--id', 'cache-trust', '--no-input'], { env });
    const log = readFileSync(join(env.CRISIS_HOME, 'incidents', 'cache-trust', 'events.jsonl'), 'utf8');
    expect(log).toContain('We are sorry');
    expect(log).not.toContain('evil.example');
    const validate = await runCli(['validate', file, '--json'], { env });
    expect(validate.stdout).not.toContain('evil.example');
  });

  it('a malformed entry is a miss, never a crash of show, announce or start', async () => {
    const { file, env, path, key } = await cached();
    for (const playbook of [{ id: 'mini-down', phases: [{ id: 'x', steps: 5 }] }, { id: 'mini-down', phases: [], messages: 'x' }]) {
      writeFileSync(path, JSON.stringify({ format: 1, key, playbook, warnings: [] }));
      for (const args of [['show', file], ['announce', '--playbook', file, 'initial', '--var', 'brand=Acme'], ['start', file, '--no-input', '--var', 'brand=Acme', '--new']]) {
        const r = await runCli(args, { env });
        expect(r.stderr, args[0]).not.toContain('This is a bug');
        expect(r.stderr, args[0]).not.toContain('unexpected error');
      }
    }
  });

  it.skipIf(process.platform === 'win32')('a cache folder others may write to is neither read nor written', async () => {
    const { cache, file, env, path, key, playbook } = await cached();
    chmodSync(join(cache, 'playbooks'), 0o777);
    const forged = JSON.parse(JSON.stringify(playbook).replaceAll('We are sorry', 'evil.example'));
    writeFileSync(path, JSON.stringify({ format: 1, key, playbook: forged, warnings: [] }));
    const shown = await runCli(['announce', '--playbook', file, 'initial', '--channel', 'email', '--var', 'brand=Acme'], { env });
    expect(shown.code).toBe(0);
    expect(shown.stdout).not.toContain('evil.example');
    const other = join(tempDir(), 'whatsapp-down.en.yaml');
    copyFileSync(join(ROOT, 'playbooks', 'whatsapp-down.en.yaml'), other);
    expect((await runCli(['validate', other], { env })).code).toBe(0);
    expect(entries(cache)).toHaveLength(1); // nothing new written there
  });
});

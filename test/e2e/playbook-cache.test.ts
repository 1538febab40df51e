/**
 * The playbook cache as a user meets it: a second `crisis validate` gives the
 * same verdict from the cache, an edited playbook is checked again, the
 * commands that load a playbook fill it, and CRISIS_NO_CACHE or a cache that
 * cannot be written changes nothing but speed.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './helpers.js';

const entries = (dir: string) => (existsSync(join(dir, 'playbooks')) ? readdirSync(join(dir, 'playbooks')) : []);

describe('playbook cache', () => {
  it('gives the same verdict twice, the second from the cache', async () => {
    const cache = tempDir('crisis-cache-');
    const env = { CRISIS_CACHE_DIR: cache };
    const first = await runCli(['validate', '--json'], { env });
    expect(first.code).toBe(0);
    expect(entries(cache)).toHaveLength(6);
    const entry = JSON.parse(readFileSync(join(cache, 'playbooks', entries(cache)[0]!), 'utf8'));
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
    const off = await runCli(['validate'], { env: { CRISIS_CACHE_DIR: cache, CRISIS_NO_CACHE: '1' } });
    expect(off.code).toBe(0);
    expect(entries(cache)).toEqual([]);

    const blocker = join(tempDir(), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const unwritable = await runCli(['validate'], { env: { CRISIS_CACHE_DIR: join(blocker, 'cache') } });
    expect(unwritable.code).toBe(0);
    expect(unwritable.stderr).toBe('');
    expect(unwritable.stdout).toBe(off.stdout);
  });
});

import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cacheDisabled, cacheKey, MAX_ENTRIES, playbookCacheFor, readCached, writeCached, type PlaybookCache } from '../../src/playbook/cache.js';
import { loadPlaybookFile } from '../../src/playbook/load.js';
import { validatePlaybookFile, validationMoment } from '../../src/playbook/validate.js';

const PLAYBOOK = `format: 1
id: sample
lang: en
title: Sample
variables:
  brand: { prompt: Brand, example: Acme }
roles:
  lead: { title: Lead }
severities:
  - { id: minor, title: Minor, update_every: 30m }
phases:
  - id: confirm
    title: Confirm
    steps:
      - { id: devices, check: Test, owner: lead }
      - { id: tell, announce: initial, owner: lead }
messages:
  initial:
    title: First post
    channels:
      x: "{{brand}} is sorry: Messenger is down. Next update at {{next_update}}."
      sms: "{{brand}}: sorry, Messenger is down. It is {{time}}."
`;

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crisis-cache-'));
  dirs.push(dir);
  return dir;
}

/** A folder with `sample.en.yaml` holding `text`, and an empty cache. */
function setup(text = PLAYBOOK, name = 'sample.en.yaml'): { file: string; cache: PlaybookCache } {
  const dir = tempDir();
  const file = join(dir, name);
  writeFileSync(file, text);
  return { file, cache: { dir: join(dir, 'cache'), build: 'test-build' } };
}

const entries = (cache: PlaybookCache) => {
  try {
    return readdirSync(cache.dir).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
};

/** An entry's JSON, after its seal line. */
const entryBody = (text: string) => JSON.parse(text.slice(text.indexOf('\n') + 1));

afterEach(() => {
  vi.useRealTimers();
});

describe('playbook cache', () => {
  it('keeps a valid playbook and gives it back, without parsing, on the next load', async () => {
    const { file, cache } = setup();
    const first = await loadPlaybookFile(file, { cache });
    expect(first.positionOf).toBeDefined(); // parsed
    expect(entries(cache)).toHaveLength(1);
    const second = await loadPlaybookFile(file, { cache });
    expect(second.positionOf).toBeUndefined(); // from the cache: never parsed
    expect(second.playbook).toEqual(first.playbook);
    expect(second.diagnostics).toEqual(first.diagnostics);
  });

  it('keeps the loader warnings with their positions', async () => {
    // the id differs from the file name: a warning at the id
    const { file, cache } = setup(PLAYBOOK, 'other.en.yaml');
    const first = await loadPlaybookFile(file, { cache });
    expect(first.diagnostics).toHaveLength(1);
    expect(first.diagnostics[0]).toMatchObject({ file, line: 2, col: 5, severity: 'warning' });
    const second = await loadPlaybookFile(file, { cache });
    expect(second.positionOf).toBeUndefined();
    expect(second.diagnostics).toEqual(first.diagnostics);
  });

  it('never gives back a stale verdict: an edited file is checked again', async () => {
    const { file, cache } = setup();
    await loadPlaybookFile(file, { cache });
    writeFileSync(file, PLAYBOOK.replace('owner: lead }', 'owner: nobody }'));
    const edited = await loadPlaybookFile(file, { cache });
    expect(edited.playbook).toBeUndefined();
    expect(edited.diagnostics.some((d) => d.severity === 'error' && /nobody/.test(d.message))).toBe(true);
    expect(entries(cache)).toHaveLength(1); // a playbook with an error is not kept
  });

  it('keys entries by build, file name and text', () => {
    const cache: PlaybookCache = { dir: '/nowhere', build: 'a' };
    const key = cacheKey(cache, '/x/sample.en.yaml', PLAYBOOK);
    expect(cacheKey(cache, '/y/sample.en.yaml', PLAYBOOK)).toBe(key); // the folder does not matter
    expect(cacheKey(cache, '/x/sample.fr.yaml', PLAYBOOK)).not.toBe(key);
    expect(cacheKey({ ...cache, build: 'b' }, '/x/sample.en.yaml', PLAYBOOK)).not.toBe(key);
    expect(cacheKey(cache, '/x/sample.en.yaml', `${PLAYBOOK} `)).not.toBe(key);
  });

  it('takes a corrupt, truncated or foreign entry for a miss and writes it again', async () => {
    const { file, cache } = setup();
    const fresh = await loadPlaybookFile(file, { cache });
    const [name] = entries(cache);
    const path = join(cache.dir, name!);
    const good = readFileSync(path, 'utf8');
    const [seal, body] = [good.slice(0, good.indexOf('\n')), good.slice(good.indexOf('\n') + 1)];
    const bodies = ['{"format":2', 'null', '[]', body.replace(/"key":"[0-9a-f]+"/, '"key":"0"'), body.replace('"phases":', '"fazes":'), body.replace('"warnings":[]', '"warnings":[1]')];
    // each with the good entry's seal, and alone; then the good entry cut short and an older format
    const bads = [...bodies.flatMap((b) => [`${seal}\n${b}`, b]), good.slice(0, -1), good.slice(0, 40), body.replace('"format":2', '"format":1')];
    for (const bad of bads) {
      writeFileSync(path, bad);
      const loaded = await loadPlaybookFile(file, { cache });
      expect(loaded.positionOf).toBeDefined(); // parsed again
      expect(loaded.playbook).toEqual(fresh.playbook);
      expect(readFileSync(path, 'utf8')).toBe(good);
    }
  });

  it('gives back only what a full load gives: a crafted entry under the right key is a miss', async () => {
    const { file, cache } = setup();
    const fresh = await loadPlaybookFile(file, { cache });
    const key = cacheKey(cache, file, PLAYBOOK);
    const path = join(cache.dir, `${key}.json`);
    const good = readFileSync(path, 'utf8');
    const forged = (text: string) => text.replaceAll('First post', 'Send your password to evil.example');
    // the key is public (build, name and text), the seal is not: neither a rewritten body nor a made-up entry is taken
    const bodyOnly = JSON.stringify({ format: 2, key, playbook: JSON.parse(forged(JSON.stringify(fresh.playbook))), warnings: [] });
    for (const crafted of [forged(good), `crisis-playbook-cache 2 ${'0'.repeat(64)}\n${bodyOnly}`, bodyOnly]) {
      writeFileSync(path, crafted);
      const loaded = await loadPlaybookFile(file, { cache });
      expect(loaded.positionOf).toBeDefined(); // loaded in full
      expect(JSON.stringify(loaded.playbook)).not.toContain('evil.example');
      expect(loaded.playbook).toEqual(fresh.playbook);
    }
    // the same holds for validate's kept verdict
    writeFileSync(path, forged(good));
    const verdict = await validatePlaybookFile(file, { cache });
    expect(JSON.stringify(verdict)).not.toContain('evil.example');
  });

  it('takes a malformed entry with a good seal for a miss, never a crash', async () => {
    const { file, cache } = setup();
    const fresh = await loadPlaybookFile(file, { cache });
    const key = cacheKey(cache, file, PLAYBOOK);
    // sealed by the cache itself, yet not the shape of a playbook: the shape is checked too
    for (const playbook of [null, 'x', { id: 'sample' }, { id: 3, phases: [] }]) {
      writeCached(cache, key, { playbook: playbook as never, warnings: [] });
      const loaded = await loadPlaybookFile(file, { cache });
      expect(loaded.playbook).toEqual(fresh.playbook);
    }
  });

  it.skipIf(process.platform === 'win32')('does not use a folder that others may write to, or that is not the user\'s', async () => {
    const { file, cache } = setup();
    const fresh = await loadPlaybookFile(file, { cache });
    expect(entries(cache)).toHaveLength(1);
    for (const mode of [0o777, 0o775, 0o1777]) {
      chmodSync(cache.dir, mode);
      const loaded = await loadPlaybookFile(file, { cache });
      expect(loaded.positionOf, mode.toString(8)).toBeDefined(); // not read from the folder
      expect(loaded.playbook).toEqual(fresh.playbook);
    }
    // nor written: a new text leaves no entry there
    rmSync(join(cache.dir, entries(cache)[0]!));
    await loadPlaybookFile(file, { cache });
    expect(entries(cache)).toEqual([]);
    chmodSync(cache.dir, 0o700);
    await loadPlaybookFile(file, { cache });
    expect(entries(cache)).toHaveLength(1);
    // a seal key others can read seals nothing
    chmodSync(join(cache.dir, '.seal-key'), 0o644);
    expect((await loadPlaybookFile(file, { cache })).positionOf).toBeDefined();
    chmodSync(join(cache.dir, '.seal-key'), 0o600);
    expect((await loadPlaybookFile(file, { cache })).positionOf).toBeUndefined();
    if (process.getuid?.() === 0) {
      // as root, the folder can be given to someone else
      chownSync(cache.dir, 65534, 65534);
      expect((await loadPlaybookFile(file, { cache })).positionOf).toBeDefined();
    }
  });

  it.skipIf(process.platform === 'win32')('takes an entry that is a named pipe for a miss, without waiting on it', async () => {
    const { file, cache } = setup();
    await loadPlaybookFile(file, { cache });
    const [name] = entries(cache);
    const path = join(cache.dir, name!);
    rmSync(path);
    execFileSync('mkfifo', [path]);
    const loaded = await loadPlaybookFile(file, { cache });
    expect(loaded.playbook?.id).toBe('sample');
    expect(loaded.positionOf).toBeDefined(); // parsed, not read from the pipe
  });

  it('works on when the cache cannot be written', async () => {
    const { file, cache } = setup();
    const blocker = join(tempDir(), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const unwritable = { ...cache, dir: join(blocker, 'cache') };
    const loaded = await loadPlaybookFile(file, { cache: unwritable });
    expect(loaded.playbook?.id).toBe('sample');
    expect((await validatePlaybookFile(file, { cache: unwritable })).valid).toBe(true);
  });

  it('removes the oldest entries past MAX_ENTRIES', () => {
    const { cache } = setup();
    writeCached(cache, 'first', { playbook: { id: 'x', phases: [] } as never, warnings: [] });
    const old = new Date(Date.now() - 3_600_000);
    for (let i = 0; i < MAX_ENTRIES; i++) {
      const path = join(cache.dir, `old-${i}.json`);
      writeFileSync(path, '{}');
      utimesSync(path, old, old);
    }
    writeCached(cache, 'newest', { playbook: { id: 'x', phases: [] } as never, warnings: [] });
    const left = entries(cache);
    expect(left.length).toBeLessThanOrEqual(MAX_ENTRIES);
    expect(left).toContain('newest.json');
    expect(readCached(cache, 'newest')?.playbook.id).toBe('x');
  });

  it('is turned off by CRISIS_NO_CACHE, and keyed by the build fingerprint', () => {
    expect(cacheDisabled({ CRISIS_NO_CACHE: '1' })).toBe(true);
    expect(cacheDisabled({ CRISIS_NO_CACHE: 'yes' })).toBe(true);
    for (const off of [undefined, '', '0', 'false', ' FALSE ']) expect(cacheDisabled({ CRISIS_NO_CACHE: off })).toBe(false);
    // the build sets the fingerprint (vitest.config.ts sets one for the sources the tests run)
    expect(playbookCacheFor({ CRISIS_CACHE_DIR: tempDir(), CRISIS_NO_CACHE: '1' })).toBeUndefined();
    expect(playbookCacheFor({ CRISIS_CACHE_DIR: tempDir() })?.build).toBe('vitest');
  });
});

describe('validation with the cache', () => {
  it('keeps the verdict, message checks included, and gives the same one back', async () => {
    const { file, cache } = setup();
    const first = await validatePlaybookFile(file, { cache });
    // the x and sms texts give different times: a positioned warning from the message checks
    const mismatch = first.diagnostics.find((d) => /different times/.test(d.message));
    expect(mismatch).toMatchObject({ line: 19, col: 5, severity: 'warning' });
    const [name] = entries(cache);
    expect(entryBody(readFileSync(join(cache.dir, name!), 'utf8')).checks).toHaveLength(first.diagnostics.length);
    const second = await validatePlaybookFile(file, { cache });
    expect(second).toEqual(first);
  });

  it('renders at the validation moment, whatever the time of the run', async () => {
    const { file } = setup();
    vi.useFakeTimers();
    vi.setSystemTime(new Date(2026, 1, 2, 3, 4));
    const early = await validatePlaybookFile(file);
    vi.setSystemTime(new Date(2031, 6, 14, 21, 37));
    const late = await validatePlaybookFile(file);
    expect(late.diagnostics).toEqual(early.diagnostics);
    const moment = validationMoment();
    expect(moment.getDay()).toBe(3); // a Wednesday
    expect(moment.getMonth()).toBe(8); // in September
    // the sms says {{time}}, the x post the next update, half an hour later
    expect(early.diagnostics.map((d) => d.message).join('\n')).toContain('sms says 12:58');
  });

  it('uses no cached checks when asked to render at another moment', async () => {
    const { file, cache } = setup();
    await validatePlaybookFile(file, { cache });
    const other = await validatePlaybookFile(file, { cache, now: new Date(2027, 0, 5, 8, 0) });
    expect(other.diagnostics.map((d) => d.message).join('\n')).toContain('sms says 08:00');
  });
});

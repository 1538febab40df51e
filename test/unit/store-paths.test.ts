import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UserError } from '../../src/errors.js';
import {
  assertIncidentId,
  baseIncidentId,
  incidentDir,
  isIncidentId,
  newIncidentId,
  resolveDataDir,
} from '../../src/incident/paths.js';
import { userCacheDir } from '../../src/user-dirs.js';
import { tempDirs } from '../helpers/store-fixtures.js';

const temp = tempDirs();
afterEach(temp.cleanup);

describe('assertIncidentId', () => {
  it.each(['2026-11-21-messenger-down', 'a', '0-x', 'abc-2'])('accepts %s', (id) => {
    expect(() => assertIncidentId(id)).not.toThrow();
  });

  it.each(['..', '.', '/', 'a/b', '../etc', 'A', 'Abc', '', '-x', 'a_b', 'a b', 'é', 'a\0b', 'x'.repeat(101)])(
    'refuses %j with a UserError saying what is allowed',
    (id) => {
      let caught: unknown;
      try {
        assertIncidentId(id);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(UserError);
      expect((caught as UserError).exitCode).toBe(1);
      if (id !== '') expect((caught as UserError).message).toMatch(/lower-case letters, digits and "-"/);
    },
  );

  it.each(['con', 'nul', 'prn', 'aux', 'com1', 'lpt9'])('refuses %s, a name Windows keeps for a device', (id) => {
    expect(() => assertIncidentId(id)).toThrow(new UserError(`invalid incident id "${id}": Windows keeps that name for a device, so no folder can have it; choose another (such as 2026-11-21-${id}-down)`));
    expect(isIncidentId(id)).toBe(false);
    expect(isIncidentId(`${id}-1`)).toBe(true);
  });

  it('refuses non-strings', () => {
    expect(() => assertIncidentId(undefined)).toThrow(UserError);
  });

  it('checks the id before building a path', () => {
    expect(() => incidentDir('/data', '../../etc')).toThrow(UserError);
    expect(incidentDir('/data', 'x-1')).toBe(join('/data', 'incidents', 'x-1'));
  });
});

describe('resolveDataDir', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('prefers --data-dir, then CRISIS_HOME, then .crisis upwards, then the user data folder', async () => {
    const root = await temp.make();
    const project = join(root, 'repo');
    const deep = join(project, 'a', 'b');
    await mkdir(deep, { recursive: true });
    await mkdir(join(project, '.crisis'));
    vi.stubEnv('XDG_DATA_HOME', join(root, 'xdg'));
    const env = { CRISIS_HOME: join(root, 'home') };
    const base = { cwd: deep };

    expect(resolveDataDir({ ...base, env, dataDir: 'rel' })).toBe(join(deep, 'rel'));
    expect(resolveDataDir({ ...base, env })).toBe(join(root, 'home'));
    expect(resolveDataDir({ ...base, env: { ...env, CRISIS_HOME: '' } })).toBe(join(project, '.crisis'));
    expect(resolveDataDir({ ...base, cwd: root, env: {} })).toBe(join(root, 'xdg', 'crisis'));
  });

  it('ignores a .crisis file that is not a folder', async () => {
    const root = await temp.make();
    await writeFile(join(root, '.crisis'), 'not a folder');
    vi.stubEnv('XDG_DATA_HOME', join(root, 'xdg'));
    expect(resolveDataDir({ cwd: root, env: {} })).toBe(join(root, 'xdg', 'crisis'));
  });

  it('falls back to ~/.local/share/crisis on Linux', () => {
    if (process.platform !== 'linux') return;
    vi.stubEnv('XDG_DATA_HOME', undefined);
    expect(resolveDataDir({ cwd: '/nonexistent-crisis-test', env: {} })).toBe(join(homedir(), '.local', 'share', 'crisis'));
  });
});

describe('userCacheDir', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('prefers CRISIS_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache; never the data directory', () => {
    vi.stubEnv('XDG_CACHE_HOME', '/x');
    expect(userCacheDir({ env: { CRISIS_CACHE_DIR: '/c', CRISIS_HOME: '/h' } })).toBe('/c');
    expect(userCacheDir({ env: { CRISIS_CACHE_DIR: 'rel' }, cwd: '/work' })).toBe(join('/work', 'rel'));
    expect(userCacheDir({ env: { CRISIS_HOME: '/h' } })).toBe(join('/x', 'crisis'));
    if (process.platform !== 'linux') return;
    vi.stubEnv('XDG_CACHE_HOME', undefined);
    expect(userCacheDir({ env: {} })).toBe(join(homedir(), '.cache', 'crisis'));
  });
});

describe('newIncidentId', () => {
  // Local noon: the same date in every time zone the tests may run in.
  const detected = new Date(2026, 10, 21, 12, 0, 0);

  it('names incidents by local date and playbook, with -2, -3 when taken', async () => {
    const dataDir = await temp.make();
    expect(await newIncidentId(dataDir, 'messenger-down', detected)).toBe('2026-11-21-messenger-down');
    expect(await newIncidentId(dataDir, 'messenger-down', detected)).toBe('2026-11-21-messenger-down-2');
    expect(await newIncidentId(dataDir, 'messenger-down', detected)).toBe('2026-11-21-messenger-down-3');
    expect((await readdir(join(dataDir, 'incidents'))).sort()).toEqual([
      '2026-11-21-messenger-down',
      '2026-11-21-messenger-down-2',
      '2026-11-21-messenger-down-3',
    ]);
  });

  it('never hands the same id to concurrent callers', async () => {
    const dataDir = await temp.make();
    const ids = await Promise.all(Array.from({ length: 12 }, () => newIncidentId(dataDir, 'x', detected)));
    expect(new Set(ids).size).toBe(12);
  });

  it("takes the day of detection in the incident's zone, whatever the machine's", () => {
    // 16:11 in London is already the next day in Tokyo, still the same day in New York
    const evening = new Date('2026-12-02T16:11:00Z');
    expect(baseIncidentId('shop-chat-down', evening, 'Europe/London')).toBe('2026-12-02-shop-chat-down');
    expect(baseIncidentId('shop-chat-down', evening, 'Asia/Tokyo')).toBe('2026-12-03-shop-chat-down');
    expect(baseIncidentId('shop-chat-down', new Date('2026-12-03T02:00:00Z'), 'America/New_York')).toBe('2026-12-02-shop-chat-down');
  });

  it('makes any playbook id fit the id pattern', () => {
    expect(baseIncidentId('Big Outage_EU', detected)).toBe('2026-11-21-big-outage-eu');
    expect(() => assertIncidentId(baseIncidentId('x'.repeat(300), detected) + '-999')).not.toThrow();
  });
});

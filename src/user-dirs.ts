/**
 * The user's own folders for crisis, from env-paths: `$XDG_DATA_HOME/crisis`
 * and `$XDG_CACHE_HOME/crisis` (else `~/.local/share/crisis`, `~/.cache/crisis`)
 * on Linux, `~/Library/Application Support/crisis` and `~/Library/Caches/crisis`
 * on macOS, `%LOCALAPPDATA%\crisis\Data` and `...\Cache` on Windows.
 * Neither the playbook cache nor the incident store owns these rules.
 */
import { resolve } from 'node:path';
import envPaths from 'env-paths';

const folders = () => envPaths('crisis', { suffix: '' });

/** Where incidents live when nothing closer (--data-dir, CRISIS_HOME, .crisis/) says otherwise. */
export function userDataDir(): string {
  return folders().data;
}

/**
 * Where crisis keeps what it can always rebuild (see playbook/cache.ts):
 * `CRISIS_CACHE_DIR` (relative to `cwd`), else the user's cache folder.
 * Never the data directory: a team's `.crisis/` folder may be in git.
 */
export function userCacheDir(options: { env: Record<string, string | undefined>; cwd?: string }): string {
  const given = options.env.CRISIS_CACHE_DIR;
  if (given) return resolve(options.cwd ?? process.cwd(), given);
  return folders().cache;
}

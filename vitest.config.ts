import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/** Files that replace a module of src/ (vi.mock): they need a module registry of their own. */
const MOCKING = ['test/unit/report-log.test.ts'];

export default defineConfig({
  // Commands run in process use the playbook cache as the built binary does (src/build.ts): the
  // cache folder below is new for each run, so a fixed fingerprint is never stale. Without it,
  // every in-process command parsed and checked its playbook anew (tests of the uncached path
  // set CRISIS_NO_CACHE, as users may).
  define: { __CRISIS_BUILD__: JSON.stringify('vitest') },
  test: {
    // Most of the suite's time is spent waiting on child processes, terminals and servers, not
    // computing: twice as many workers as cores keeps the cores busy while others wait (vitest's default is one fewer than the cores).
    maxWorkers: '200%',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The command lines the tests run share one playbook cache of their own, never the user's.
    env: { CRISIS_CACHE_DIR: mkdtempSync(join(tmpdir(), 'crisis-test-cache-')) },
    // Each file starts from the same environment variables, whatever the file before it in its worker set.
    setupFiles: ['test/helpers/fresh-env.ts'],
    unstubEnvs: true,
    projects: [
      {
        extends: true,
        // Test files share their worker's modules instead of loading src/ again for each file: loading
        // was a third of the suite's time. Nothing a test keeps in a module outlives its file but caches.
        test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: MOCKING, isolate: false },
      },
      { extends: true, test: { name: 'isolated', include: MOCKING, isolate: true } },
    ],
  },
});

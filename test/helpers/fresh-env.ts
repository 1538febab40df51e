/**
 * Run before each test file (vitest.config.ts setupFiles). Test files share
 * their worker's modules and process, so a file that sets `process.env.TZ`
 * or any other variable at its top would hand it to the next file in the
 * same worker: each file starts from the environment the worker began with.
 */
const KEY = Symbol.for('crisis.test.initialEnv');
const holder = globalThis as { [KEY]?: Record<string, string | undefined> };
const initial = (holder[KEY] ??= { ...process.env });
for (const name of Object.keys(process.env)) if (!(name in initial)) delete process.env[name];
for (const [name, value] of Object.entries(initial)) if (process.env[name] !== value) process.env[name] = value;

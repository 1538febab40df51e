#!/usr/bin/env node
/**
 * `npm test` after the build: the type check of src/ and test/ runs beside
 * vitest instead of before it. Alone, tsc keeps one core busy for about
 * twenty seconds while the other waits; beside the suite, that time is shared.
 * Arguments go to vitest (`npm test -- --reporter=json ...`). The exit code
 * is vitest's, or the type check's when only it failed; the type check's
 * output is printed after the suite's so the two never interleave.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// the packages' own command-line entries (what node_modules/.bin links to)
const modules = fileURLToPath(new URL('../node_modules/', import.meta.url));
const tscBin = `${modules}typescript/bin/tsc`;
const vitestBin = `${modules}vitest/vitest.mjs`;

const run = (args, stdio) => spawn(process.execPath, args, { stdio });
const exit = (child) => new Promise((done) => child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0))));

const tsc = run([tscBin, '-p', 'tsconfig.test.json', '--noEmit'], ['ignore', 'pipe', 'pipe']);
// listened to from the start: the check usually ends long before the suite
const tscDone = exit(tsc);
let checked = '';
tsc.stdout.on('data', (chunk) => (checked += chunk));
tsc.stderr.on('data', (chunk) => (checked += chunk));

const vitestCode = await exit(run([vitestBin, 'run', ...process.argv.slice(2)], 'inherit'));
const tscCode = await tscDone;
if (tscCode !== 0) {
  process.stdout.write(checked);
  process.stderr.write('npm test: the type check of src/ and test/ failed (npm run typecheck)\n');
}
process.exit(vitestCode || tscCode);

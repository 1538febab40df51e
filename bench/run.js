/**
 * Start-up, speed and memory figures of the built command line (run
 * `npm run build` first; `npm run bench` does). Every command runs N times in
 * a child process, and its median wall time is compared with `node -e 0`
 * measured the same way in the same run, so the ratios hold on any machine.
 * Then the absolute time and peak memory of `report`, `timeline` and `status` on an
 * incident of 20,000 events (a long real outage logs a few thousand), run as
 * users run them: plain `node bin/crisis.js`, no runtime flags; and of
 * `validate` on 200 playbooks.
 * `validate` runs twice: as usual (unchanged playbooks come from crisis's
 * cache, filled by a first run) and with CRISIS_NO_CACHE=1 (parsed and
 * checked in full every time, as after an edit).
 *
 * Prints figures; always exits 0 (it measures, it does not test).
 * Usage: node bench/run.js [--runs N] [--events N] [--playbooks N]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeIncident } from './make-incident.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin', 'crisis.js');
const TIME = '/usr/bin/time';

const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = option('runs', 15);
const EVENTS = option('events', 20_000);
const PLAYBOOKS = option('playbooks', 200);

if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
  process.stderr.write('dist/ is missing: run npm run build first (npm run bench does)\n');
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'crisis-bench-'));
const home = join(work, 'home');
mkdirSync(home);
const env = { ...process.env, NO_COLOR: '1', CRISIS_HOME: home, CRISIS_CACHE_DIR: join(work, 'cache') };
for (const name of ['CRISIS_PLAYBOOKS', 'FORCE_COLOR', 'CRISIS_NO_CACHE']) delete env[name];
const noCache = { ...env, CRISIS_NO_CACHE: '1' };

/** Wall time of one run in milliseconds; the command must succeed. */
function timeOnce(args, runEnv = env) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: work, env: runEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return ms;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Medians of several commands, interleaved run by run so that a busy moment hits them all alike. */
function medians(commands) {
  for (const c of commands) timeOnce(c.args, c.env); // warm the file system's cache (and crisis's own)
  const times = commands.map(() => []);
  for (let i = 0; i < RUNS; i++) commands.forEach((c, j) => times[j].push(timeOnce(c.args, c.env)));
  return times.map(median);
}

/** Wall time and peak resident memory of one run, output thrown away. */
function measureOnce(args, runEnv = env) {
  const hasTime = existsSync(TIME);
  const command = hasTime ? TIME : process.execPath;
  const argv = hasTime ? ['-f', '%e %M', process.execPath, ...args] : args;
  const start = process.hrtime.bigint();
  const result = spawnSync(command, argv, { cwd: work, env: runEnv, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`crisis ${args.slice(1).join(' ')} failed (${result.status}): ${result.stderr}`);
  const rssKb = hasTime ? Number(String(result.stderr).trim().split('\n').at(-1)?.split(' ')[1]) : NaN;
  return { ms, mib: rssKb / 1024 };
}

/** The median time and the largest peak memory over a few runs. */
function measure(args, runEnv = env, runs = 3) {
  const all = Array.from({ length: runs }, () => measureOnce(args, runEnv));
  return { ms: median(all.map((r) => r.ms)), mib: Math.max(...all.map((r) => r.mib)) };
}

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const verdict = (ok) => (ok ? 'PASS' : 'FAIL');

// 1. Start-up ratios against bare Node.
const startup = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'crisis --version', args: [BIN, '--version'], target: 1.3 },
  { name: 'crisis --help', args: [BIN, '--help'], target: 1.3 },
  { name: 'crisis list', args: [BIN, 'list'], target: 2.0 },
  { name: 'crisis validate', args: [BIN, 'validate'], target: 3.0 },
  // every run parses and checks in full, as the first run after an edit or an upgrade does
  { name: '  CRISIS_NO_CACHE=1', args: [BIN, 'validate'], env: noCache },
];
const startMedians = medians(startup);
const base = startMedians[0];
process.stdout.write(`crisis ${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}, Node ${process.version}, ${RUNS} runs each (median)\n\n`);
process.stdout.write(`${pad('command', 20)}${lpad('median', 10)}${lpad('ratio', 8)}${lpad('target', 8)}  result\n`);
startup.forEach((c, i) => {
  const ms = startMedians[i];
  const ratio = ms / base;
  const cells = c.target ? [lpad(`${ratio.toFixed(2)}x`, 8), lpad(`${c.target.toFixed(1)}x`, 8), `  ${verdict(ratio <= c.target)}`] : [lpad(`${ratio.toFixed(2)}x`, 8), '', ''];
  process.stdout.write(`${pad(c.name, 20)}${lpad(`${ms.toFixed(0)} ms`, 10)}${cells.join('')}\n`);
});

// 2. Large inputs: time and peak memory.
const TIME_TARGET_MS = 1000;
const MEMORY_TARGET_MIB = 150;
const incident = makeIncident(home, EVENTS);

const playbooksDir = join(work, 'playbooks');
mkdirSync(playbooksDir);
const builtIns = readdirSync(join(ROOT, 'playbooks')).filter((f) => f.endsWith('.yaml'));
for (let i = 0; i < PLAYBOOKS; i++) {
  const file = builtIns[i % builtIns.length];
  const [id, lang] = file.split('.');
  const copy = `${id}-${String(i).padStart(3, '0')}`;
  const text = readFileSync(join(ROOT, 'playbooks', file), 'utf8').replace(new RegExp(`^id: ${id}$`, 'm'), `id: ${copy}`);
  writeFileSync(join(playbooksDir, `${copy}.${lang}.yaml`), text);
}

const large = [
  { name: `report (${EVENTS.toLocaleString('en')} events)`, args: [BIN, 'report', incident.id], targets: true },
  { name: `report --json`, args: [BIN, 'report', '--json', incident.id], targets: true },
  { name: `timeline (${EVENTS.toLocaleString('en')} events)`, args: [BIN, 'timeline', incident.id], targets: true },
  { name: `status (${EVENTS.toLocaleString('en')} events)`, args: [BIN, 'status', incident.id], targets: true },
  { name: `validate (${PLAYBOOKS} playbooks)`, args: [BIN, 'validate', playbooksDir] },
  { name: `  CRISIS_NO_CACHE=1`, args: [BIN, 'validate', playbooksDir], env: noCache },
];
process.stdout.write(`\n${pad('command', 30)}${lpad('time', 10)}${lpad('peak RSS', 12)}  result (target < ${TIME_TARGET_MS / 1000} s, < ${MEMORY_TARGET_MIB} MiB)\n`);
for (const c of large) {
  const { ms, mib } = measure(c.args, c.env);
  const ok = ms < TIME_TARGET_MS && !(mib >= MEMORY_TARGET_MIB);
  const memory = Number.isNaN(mib) ? 'n/a' : `${mib.toFixed(0)} MiB`;
  process.stdout.write(`${pad(c.name, 30)}${lpad(`${(ms / 1000).toFixed(2)} s`, 10)}${lpad(memory, 12)}  ${c.targets ? verdict(ok) : ''}\n`);
}

rmSync(work, { recursive: true, force: true });

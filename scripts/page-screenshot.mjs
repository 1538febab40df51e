/**
 * The README's pictures of the public status page, taken from a real render:
 * the built command line (dist/, `npm run build` first) runs the built-in
 * messenger-down playbook from the test answers file (one incident resolved
 * on 2 October, one open on 21 November), writes the page with
 * `crisis page`, and Chromium photographs it on a desktop in light and on a
 * phone in dark. Run with `npm run screenshot:page`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../', import.meta.url));
const chromiumPath = process.env.CRISIS_CHROMIUM ?? '/usr/bin/chromium';
const { run } = await import(pathToFileURL(join(root, 'dist', 'cli.js')).href);

const work = mkdtempSync(join(tmpdir(), 'crisis-page-shot-'));
const answers = readFileSync(join(root, 'test', 'fixtures', 'answers', 'messenger-down.yaml'), 'utf8');
writeFileSync(join(work, 'past.yaml'), answers.replaceAll('2026-11-21', '2026-10-02'));
writeFileSync(join(work, 'open.yaml'), answers.slice(0, answers.indexOf('  # resolve')));

const env = { ...process.env, NO_COLOR: '1', CRISIS_HOME: join(work, 'home'), CRISIS_CACHE_DIR: join(work, 'cache'), CRISIS_TZ: 'Europe/Paris' };
for (const name of ['LANG', 'LC_ALL', 'LC_MESSAGES', 'LANGUAGE', 'CRISIS_PLAYBOOKS']) delete env[name];

/** One command in this process, at a fixed time so that the picture never changes by itself. */
async function crisis(args, at) {
  let output = '';
  const write = (s) => (output += s);
  const code = await run(['node', 'crisis', ...args], { cwd: work, env, now: () => new Date(at), stdout: { write }, stderr: { write }, stdin: process.stdin });
  if (code !== 0) throw new Error(`crisis ${args.join(' ')} exited ${code}:\n${output}`);
}

await crisis(['start', 'messenger-down', '--answers', 'past.yaml', '--no-input', '--id', '2026-10-02-messenger-down'], '2026-10-03T08:00:00Z');
await crisis(['start', 'messenger-down', '--answers', 'open.yaml', '--no-input', '--id', '2026-11-21-messenger-down'], '2026-11-21T11:40:00Z');
await crisis(['page', '-o', 'status'], '2026-11-21T11:41:00Z');

const docs = join(root, 'docs');
mkdirSync(docs, { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
try {
  const shots = [
    { file: 'status-page.png', viewport: { width: 1024, height: 1100 }, colorScheme: 'light' },
    { file: 'status-page-phone-dark.png', viewport: { width: 360, height: 760 }, colorScheme: 'dark' },
  ];
  for (const shot of shots) {
    const context = await browser.newContext({ viewport: shot.viewport, colorScheme: shot.colorScheme, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(work, 'status', 'index.html')).href);
    await page.screenshot({ path: join(docs, shot.file) });
    await context.close();
    process.stdout.write(`docs/${shot.file}\n`);
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}

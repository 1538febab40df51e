/**
 * Builds dist/ with esbuild: the command line as one small entry and each
 * command (with the libraries it uses) as a chunk loaded only when that
 * command runs. Bundling is about start-up time: unbundled, `crisis validate`
 * loads several hundred ES module files (zod, yaml, date-fns, inquirer...),
 * and resolving, reading and linking them costs more than the work itself.
 * Type checking is tsc's job (`npm run build` runs `tsc --noEmit` first).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import {
  fastSmsGraphemes,
  lazyChildProcessForCommander,
  noPolyfillsForTwitterText,
  noSourceMapForHandlebars,
  slimTwitterText,
  TWITTER_FUNCTIONS,
} from './build-plugins.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = `${root}dist`;

/**
 * The build's fingerprint (src/build.ts): every source file, the build
 * scripts, the manifest and the lockfile. The playbook cache keys entries with it, so a build that
 * checks playbooks differently never reads another build's verdicts.
 */
async function fingerprint() {
  const hash = createHash('sha256');
  const files = (await readdir(join(root, 'src'), { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
  const more = ['scripts/build.mjs', 'scripts/build-plugins.mjs', 'package.json', 'package-lock.json'].map((f) => join(root, f));
  for (const file of [...files, ...more]) {
    hash.update(file.slice(root.length)).update('\0');
    hash.update(await readFile(file).catch(() => Buffer.alloc(0))).update('\0');
  }
  return hash.digest('hex').slice(0, 32);
}

// Sources may use only the twitter-text functions the slim entry exports.
for (const file of ['src/messages/measure.ts', 'src/messages/lint.ts']) {
  const text = await readFile(join(root, file), 'utf8');
  for (const [, name] of text.matchAll(/\btwitter\.(\w+)/g)) {
    if (!TWITTER_FUNCTIONS.includes(name)) throw new Error(`${file} uses twitter.${name}: add it to TWITTER_FUNCTIONS in scripts/build.mjs`);
  }
}

/**
 * Handlebars as one CommonJS file in dist/chunks/, which src/template/handlebars.ts
 * loads synchronously on first use: most runs render every message without it.
 */
const HANDLEBARS_FILE = 'handlebars.cjs';
/** The built-in templates compiled (see below). */
const TEMPLATES_FILE = 'templates.json';
const vendor = await build({
  absWorkingDir: root,
  entryPoints: ['node_modules/handlebars/dist/cjs/handlebars.js'],
  outfile: `dist/chunks/${HANDLEBARS_FILE}`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [noSourceMapForHandlebars],
  metafile: true,
  logLevel: 'warning',
});

const result = await build({
  absWorkingDir: root,
  entryPoints: {
    // bin/crisis.js runs main, which imports cli only when there is more to do than print the version.
    main: 'src/main.ts',
    cli: 'src/cli.ts',
    // A writer process of the store concurrency test imports it on its own.
    'incident/store': 'src/incident/store.ts',
  },
  outdir: 'dist',
  // Chunks sit two levels below the package root, like src/<domain>/<file>.ts, so
  // `new URL('../../templates/', import.meta.url)` finds the same folder.
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Whitespace and syntax only: function and class names stay readable in --debug stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  // clipboardy runs the xsel and Windows binaries it ships, found next to its own files.
  external: ['clipboardy'],
  // CommonJS dependencies (handlebars...) call require() for Node's own modules.
  banner: { js: "import { createRequire as __crisisRequire } from 'node:module'; const require = __crisisRequire(import.meta.url);" },
  // ...and some read __filename (write-file-atomic seeds its temporary file names with it).
  define: {
    __filename: 'import.meta.filename',
    __dirname: 'import.meta.dirname',
    __CRISIS_BUILD__: JSON.stringify(await fingerprint()),
    // src/template/handlebars.ts requires this file, built below, from the chunk it lands in
    __CRISIS_HANDLEBARS__: JSON.stringify(`./${HANDLEBARS_FILE}`),
    // src/template/ahead.ts reads the templates compiled below, from the chunk it lands in
    __CRISIS_TEMPLATES__: JSON.stringify(`./${TEMPLATES_FILE}`),
  },
  plugins: [lazyChildProcessForCommander, slimTwitterText, fastSmsGraphemes, noPolyfillsForTwitterText],
  metafile: true,
  logLevel: 'warning',
});

// The built-in report and timeline templates, compiled now by the engine that renders them
// (src/template/ahead.ts): compiling the report's at run time was most of 100 ms of each report.
// The built-in playbooks' option labels that are templates too: a report printing one ran the compiler for it.
const compiler = join(dist, 'chunks', '.compile-templates.mjs');
await build({
  absWorkingDir: root,
  stdin: {
    contents: "export { compileBuiltInTemplates } from './src/report/render.ts'; export { compileBuiltInLabels } from './src/messages/labels-ahead.ts';",
    resolveDir: root,
    loader: 'ts',
    sourcefile: 'compile-templates.ts',
  },
  outfile: compiler,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: { js: "import { createRequire as __crisisRequire } from 'node:module'; const require = __crisisRequire(import.meta.url);" },
  define: { __CRISIS_HANDLEBARS__: JSON.stringify(`./${HANDLEBARS_FILE}`) },
  plugins: [slimTwitterText, fastSmsGraphemes, noPolyfillsForTwitterText],
  logLevel: 'warning',
});
try {
  const { compileBuiltInTemplates, compileBuiltInLabels } = await import(pathToFileURL(compiler).href);
  const report = compileBuiltInTemplates((name) => readFileSync(join(root, 'templates', name), 'utf8'));
  // and the built-in playbooks' option labels that are templates, by the message engine
  const playbooks = (await readdir(join(root, 'playbooks'))).filter((name) => name.endsWith('.yaml')).sort();
  const messages = compileBuiltInLabels(playbooks.map((name) => ({ name, text: readFileSync(join(root, 'playbooks', name), 'utf8') })));
  await writeFile(join(dist, 'chunks', TEMPLATES_FILE), JSON.stringify({ report, messages }));
} finally {
  await rm(compiler, { force: true });
}

// Files of an earlier build are removed only now, so that dist/cli.js never goes missing
// while another process (a test run, a long command) is using it.
const written = new Set([...Object.keys(result.metafile.outputs), ...Object.keys(vendor.metafile.outputs)].map((file) => join(root, file)));
written.add(join(dist, 'chunks', TEMPLATES_FILE));
for (const entry of await readdir(dist, { recursive: true, withFileTypes: true })) {
  const file = join(entry.parentPath ?? entry.path, entry.name);
  if (entry.isFile() && !written.has(file)) await rm(file);
}
const dirs = (await readdir(dist, { recursive: true, withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
  .sort((a, b) => b.length - a.length);
for (const dir of dirs) if ((await readdir(dir)).length === 0) await rm(dir, { recursive: true });

// `crisis --help` is printed from this file, rendered by commander from the declarations
// just built, so it cannot drift from what the parser would print (a test compares them).
const { renderHelp } = await import(pathToFileURL(join(dist, 'cli.js')).href);
await writeFile(join(dist, 'help.txt'), renderHelp());

// Code that locates playbooks/ or templates/ from import.meta.url must not land in
// dist/cli.js, one level up from where it expects to be.
const cli = await readFile(`${dist}/cli.js`, 'utf8');
if (cli.includes('import.meta.url') && (/\.\.\/\.\.\/(playbooks|templates)\//.test(cli) || cli.includes(HANDLEBARS_FILE) || cli.includes(TEMPLATES_FILE))) {
  throw new Error('dist/cli.js locates playbooks/, templates/ or Handlebars relative to itself: keep that code in a lazily imported command');
}

// The walkthrough imports four inquirer prompts by name (src/ui/inquirer.ts); importing the
// whole package would bring the editor prompt's encoding tables (600 kB) back into every run.
const unwanted = Object.values(result.metafile.outputs)
  .flatMap((output) => Object.entries(output.inputs).filter(([, use]) => use.bytesInOutput > 0).map(([input]) => input))
  .filter((input) => /node_modules[\\/](iconv-lite|@inquirer[\\/]editor)[\\/]/.test(input));
if (unwanted.length > 0) throw new Error(`the bundle holds ${unwanted[0]}: import inquirer prompts by name, in src/ui/inquirer.ts`);

if (process.argv.includes('--analyze')) {
  const { analyzeMetafile } = await import('esbuild');
  process.stdout.write(await analyzeMetafile(result.metafile));
}

/**
 * Builds dist/ with esbuild: the command line as one small entry and each
 * command (with the libraries it uses) as a chunk loaded only when that
 * command runs. Bundling is about start-up time: unbundled, `crisis validate`
 * loads several hundred ES module files (zod, yaml, date-fns, inquirer...),
 * and resolving, reading and linking them costs more than the work itself.
 * Type checking is tsc's job (`npm run build` runs `tsc --noEmit` first).
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = `${root}dist`;

/**
 * commander requires node:child_process at load time, for executable subcommands that
 * crisis does not have; loading it costs several milliseconds of every start-up. This
 * gives commander the same module, loaded on first use.
 */
const lazyChildProcessForCommander = {
  name: 'lazy-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "let cp; const load = () => (cp ??= require('node:child_process')); module.exports = { spawn: (...a) => load().spawn(...a) };",
      loader: 'js',
    }));
  },
};

/**
 * twitter-text's CommonJS entry loads the whole library (autolinking, HTML
 * helpers, their polyfills) to give crisis the two functions it uses; its
 * ES module build, the same code, lets esbuild keep only those. The sources
 * import 'twitter-text' as usual (tests run them unbundled); the build swaps in this.
 */
const TWITTER_FUNCTIONS = ['parseTweet', 'extractUrls'];
const slimTwitterText = {
  name: 'slim-twitter-text',
  setup(b) {
    b.onResolve({ filter: /^twitter-text$/ }, (args) =>
      /[\\/]src[\\/]/.test(args.importer) ? { path: 'twitter-text', namespace: 'slim-twitter-text' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'slim-twitter-text' }, () => ({
      contents: [
        ...TWITTER_FUNCTIONS.map((name) => `import ${name} from 'twitter-text/dist/esm/${name}.js';`),
        `export { ${TWITTER_FUNCTIONS.join(', ')} };`,
        `export default { ${TWITTER_FUNCTIONS.join(', ')} };`,
      ].join('\n'),
      resolveDir: root,
      loader: 'js',
    }));
  },
};

/**
 * sms-segments-calculator splits every text into graphemes the slow way;
 * src/messages/sms-text.ts gives the same split, quickly for common text.
 */
const fastSmsGraphemes = {
  name: 'fast-sms-graphemes',
  setup(b) {
    b.onResolve({ filter: /^\.\/textUtils$/ }, (args) =>
      /[\\/]sms-segments-calculator[\\/]/.test(args.importer) ? { path: join(root, 'src/messages/sms-text.ts') } : undefined,
    );
  },
};

// Sources may use only the twitter-text functions the slim entry exports.
for (const file of ['src/messages/measure.ts', 'src/messages/lint.ts']) {
  const text = await readFile(join(root, file), 'utf8');
  for (const [, name] of text.matchAll(/\btwitter\.(\w+)/g)) {
    if (!TWITTER_FUNCTIONS.includes(name)) throw new Error(`${file} uses twitter.${name}: add it to TWITTER_FUNCTIONS in scripts/build.mjs`);
  }
}

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
  // CommonJS dependencies (handlebars, proper-lockfile...) call require() for Node's own modules.
  banner: { js: "import { createRequire as __crisisRequire } from 'node:module'; const require = __crisisRequire(import.meta.url);" },
  // ...and some read __filename (write-file-atomic seeds its temporary file names with it).
  define: { __filename: 'import.meta.filename', __dirname: 'import.meta.dirname' },
  plugins: [lazyChildProcessForCommander, slimTwitterText, fastSmsGraphemes],
  metafile: true,
  logLevel: 'warning',
});

// Files of an earlier build are removed only now, so that dist/cli.js never goes missing
// while another process (a test run, a long command) is using it.
const written = new Set(Object.keys(result.metafile.outputs).map((file) => join(root, file)));
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
if (cli.includes('import.meta.url') && /\.\.\/\.\.\/(playbooks|templates)\//.test(cli)) {
  throw new Error('dist/cli.js locates playbooks/ or templates/ relative to itself: keep that code in a lazily imported command');
}

if (process.argv.includes('--analyze')) {
  const { analyzeMetafile } = await import('esbuild');
  process.stdout.write(await analyzeMetafile(result.metafile));
}

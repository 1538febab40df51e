/**
 * The esbuild plugins of the build (scripts/build.mjs): each swaps library
 * code that crisis does not need, or has a quicker equivalent of, for
 * start-up time. test/unit/messages-build-swaps.test.ts checks that what is
 * swapped in gives what the library gives.
 *
 * Each reaches past a package's public entry only because the package offers
 * none that does the job: commander has no way to leave child_process unloaded;
 * twitter-text declares no `exports`, and its declared ES module entry
 * (`module: dist/esm`) is the whole library, so the two functions are taken from
 * that same build's per-function files; sms-segments-calculator takes no
 * grapheme splitter; Handlebars has no option to skip source-map. A package
 * that grows such an entry should be used through it and its plugin removed.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/**
 * commander requires node:child_process at load time, for executable subcommands that
 * crisis does not have; loading it costs several milliseconds of every start-up. This
 * gives commander the same module, loaded on first use.
 */
export const lazyChildProcessForCommander = {
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
export const TWITTER_FUNCTIONS = ['parseTweet', 'extractUrls'];
export const slimTwitterText = {
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
export const fastSmsGraphemes = {
  name: 'fast-sms-graphemes',
  setup(b) {
    b.onResolve({ filter: /^\.\/textUtils$/ }, (args) =>
      /[\\/]sms-segments-calculator[\\/]/.test(args.importer) ? { path: join(root, 'src/messages/sms-text.ts') } : undefined,
    );
  },
};

/**
 * twitter-text's ES module build imports core-js 2 polyfills for ES2015
 * features (Array.prototype.reduce, Object.keys...) that every Node.js
 * crisis supports has natively; loading and running 66 of them costs each
 * start-up that measures an X post several milliseconds, for nothing.
 */
export const noPolyfillsForTwitterText = {
  name: 'no-polyfills-for-twitter-text',
  setup(b) {
    b.onResolve({ filter: /^core-js\// }, (args) =>
      /[\\/](twitter-text|twemoji-parser)[\\/]/.test(args.importer) ? { path: args.path, namespace: 'no-polyfill' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'no-polyfill' }, () => ({ contents: '', loader: 'js' }));
  },
};

/**
 * Handlebars' code generator uses the source-map library when it can load it
 * and a small stand-in of its own otherwise (as in browsers). crisis never
 * asks for source maps, so the stand-in does, and 100 kB less is loaded.
 */
export const noSourceMapForHandlebars = {
  name: 'no-source-map-for-handlebars',
  setup(b) {
    b.onResolve({ filter: /^source-map$/ }, (args) =>
      /[\\/]handlebars[\\/]/.test(args.importer) ? { path: 'source-map', namespace: 'no-source-map' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'no-source-map' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

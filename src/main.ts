/**
 * The built entry that bin/crisis.js runs. `crisis --version` (-v, -V) is answered
 * here, before the command line parser is loaded; everything else goes to
 * cli.ts. On a Node with a module compile cache (22.1 and later), it is
 * turned on first, so later runs skip compiling the command modules.
 */
import { readFileSync } from 'node:fs';
import module from 'node:module';
import { VERSION } from './version.js';

/** Runs `crisis` with `argv` as in `process.argv` (node, script, args...). */
export async function run(argv: string[]): Promise<void> {
  const args = argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-v' || args[0] === '-V')) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    const help = storedHelp();
    if (help !== undefined) {
      process.stdout.write(help);
      return;
    }
  }
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  const cli = await import('./cli.js');
  await cli.run(argv);
}

/** The help text the build rendered from the parser's own declarations; undefined if absent. */
function storedHelp(): string | undefined {
  try {
    return readFileSync(new URL('./help.txt', import.meta.url), 'utf8');
  } catch {
    return undefined;
  }
}

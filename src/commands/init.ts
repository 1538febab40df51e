import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { CommandContext } from '../context.js';
import { catalogueOf } from './common.js';

/** The commented team defaults `crisis init` writes, in the language it speaks (English otherwise). */
const CONFIG_DIR = new URL('../../templates/', import.meta.url);
const CONFIG_LANGS = ['en', 'fr'];

/**
 * Everything in .crisis/ but the team defaults stays out of git: incident logs
 * hold names, customer figures and notes written in a hurry.
 */
const GITIGNORE = `# Written by crisis init: incident logs (incidents/) and anything else crisis
# keeps here stay out of version control; only the team defaults are shared.
*
!.gitignore
!config.yaml
`;

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * `crisis init`: a commented `.crisis/config.yaml`, a `.crisis/.gitignore` that
 * keeps incident logs out of git, and a `playbooks/` folder; existing files are left alone.
 */
export async function run(ctx: CommandContext, _input: Record<string, never>): Promise<number> {
  const said: string[] = [];
  const w = catalogueOf(ctx).ui;
  const config = join(ctx.cwd, '.crisis', 'config.yaml');
  if (await exists(config)) {
    said.push(w.leftAsItIs('.crisis/config.yaml'));
  } else {
    await mkdir(join(ctx.cwd, '.crisis'), { recursive: true });
    const lang = CONFIG_LANGS.includes(w.lang) ? w.lang : 'en';
    await writeFileAtomic(config, await readFile(new URL(`config.${lang}.yaml`, CONFIG_DIR), 'utf8'));
    said.push(w.createdConfig);
  }
  const ignore = join(ctx.cwd, '.crisis', '.gitignore');
  if (await exists(ignore)) {
    said.push(w.leftAsItIs('.crisis/.gitignore'));
  } else {
    await writeFileAtomic(ignore, GITIGNORE);
    said.push(w.createdIgnore);
  }
  const playbooks = join(ctx.cwd, 'playbooks');
  if (await exists(playbooks)) {
    said.push(w.leftAsItIs('playbooks/'));
  } else {
    await mkdir(playbooks, { recursive: true });
    said.push(w.createdPlaybooks);
  }
  ctx.stdout.write(`${said.join('\n')}\n\n${w.initNext}\n`);
  return 0;
}

/**
 * Team defaults: `config.yaml` in the data directory (`crisis init` writes a
 * commented one), read by `crisis start` only. The YAML library (with the
 * answers file reader, incident/answers.ts) loads only when the file exists.
 */
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { readTextFile, whyUnreadable } from '../files.js';
import { environmentLanguage } from '../playbook/find.js';
import type { TeamDefaults } from '../incident/answers.js';

/** config.yaml is a few lines; a larger one is refused before it is read. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Team defaults from `<data-dir>/config.yaml`: variables and people used as
 * answers. Its problems are said in the environment's language (`env`): the
 * file is the team's, for every playbook.
 */
export async function readTeamDefaults(dataDir: string, env: Record<string, string | undefined>): Promise<TeamDefaults> {
  const file = join(dataDir, 'config.yaml');
  let text: string;
  try {
    text = readTextFile(file, MAX_CONFIG_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // no file, or no data directory yet (creating the incident says what is wrong with it)
    if (code === 'ENOENT' || code === 'ENOTDIR') return { variables: {}, people: {} };
    throw new UserError((c) => c.errors.teamFile(file, whyUnreadable(error, () => c.errors.larger('1 MiB'), c.authoring.unreadable)));
  }
  // the YAML library, only when there is a file
  const { parseTeamDefaults } = await import('../incident/answers.js');
  return parseTeamDefaults(file, text, environmentLanguage(env));
}

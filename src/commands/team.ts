/**
 * Team defaults: `config.yaml` in the data directory (`crisis init` writes a
 * commented one), read by `crisis start` only. The YAML library (with the
 * answers file reader, incident/answers.ts) loads only when the file exists.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TeamDefaults } from '../incident/answers.js';

export type { TeamDefaults };

/** Team defaults from `<data-dir>/config.yaml`: variables and people used as answers. */
export async function readTeamDefaults(dataDir: string): Promise<TeamDefaults> {
  const file = join(dataDir, 'config.yaml');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { variables: {}, people: {} };
  }
  // the YAML library, only when there is a file
  const { parseTeamDefaults } = await import('../incident/answers.js');
  return parseTeamDefaults(file, text);
}

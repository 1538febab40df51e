/**
 * Team defaults: `config.yaml` in the data directory (`crisis init` writes a
 * commented one), read by `crisis start` only, so that no other command loads
 * the YAML library for it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, LineCounter, parseDocument, type Node } from 'yaml';
import { formatDiagnostic, UserError } from '../errors.js';
import { nameValuePairs } from '../incident/answers.js';

export interface TeamDefaults {
  file?: string;
  variables: Record<string, string>;
  people: Record<string, string>;
}

/** Team defaults from `<data-dir>/config.yaml`: variables and people used as answers. */
export async function readTeamDefaults(dataDir: string): Promise<TeamDefaults> {
  const file = join(dataDir, 'config.yaml');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { variables: {}, people: {} };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const fail = (offset: number | undefined, message: string): never => {
    const pos = offset !== undefined ? lines.linePos(offset) : undefined;
    throw new UserError(formatDiagnostic({ file, ...(pos ? { line: pos.line, col: pos.col } : {}), message, severity: 'error' }));
  };
  const first = doc.errors[0];
  if (first) fail(first.pos[0], first.message.split('\n')[0] ?? 'invalid YAML');
  const root = doc.contents;
  if (root === null) return { file, variables: {}, people: {} };
  if (!isMap(root)) return fail(root.range?.[0], 'config.yaml is a map with variables: and people:');
  const result: TeamDefaults = { file, variables: {}, people: {} };
  for (const pair of root.items) {
    const key = String((pair.key as { value?: unknown } | null)?.value ?? '');
    if (key !== 'variables' && key !== 'people') fail((pair.key as Node | null)?.range?.[0], `unknown key "${key}"; config.yaml holds variables: and people:`);
  }
  for (const group of ['variables', 'people'] as const) {
    // an empty value sets no default
    for (const { name, value } of nameValuePairs(doc, group, (node, message) => fail(node?.range?.[0], message))) if (value !== '') result[group][name] = value;
  }
  return result;
}

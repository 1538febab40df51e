/**
 * What several commands share: the data directory, the incident's playbook,
 * `--var` parsing, team defaults, dates given on the command line.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChalkInstance } from 'chalk';
import { isMap, LineCounter, parseDocument, type Node } from 'yaml';
import type { CommandContext } from '../context.js';
import { formatDiagnostic, UserError } from '../errors.js';
import type { Playbook } from '../playbook/schema.js';
import { resolvePlaybook } from '../playbook/find.js';
import { resolveDataDir } from '../incident/paths.js';
import type { IncidentState } from '../incident/state.js';
import { pickIncident } from '../incident/store.js';
import { nameValuePairs, parseDate } from '../incident/answers.js';
import { makePaint } from '../ui/color.js';

/** Where incidents live for this invocation. */
export function dataDirFor(ctx: CommandContext): string {
  return resolveDataDir({ ...(ctx.dataDir ? { dataDir: ctx.dataDir } : {}), env: ctx.env, cwd: ctx.cwd });
}

/** Chalk set up once for this invocation's colour choice. */
export function paintFor(ctx: CommandContext): ChalkInstance {
  return makePaint(ctx.color);
}

/** Loads a playbook by id or path, with the invocation's search folders. */
export async function loadPlaybook(ctx: CommandContext, ref: string, lang?: string) {
  return resolvePlaybook(ref, { cwd: ctx.cwd, env: ctx.env, playbookDirs: ctx.playbookDirs, ...(lang ? { lang } : {}) });
}

/** The playbook an incident was opened with (same file when it was not a built-in one). */
export async function playbookOfIncident(ctx: CommandContext, state: IncidentState): Promise<Playbook> {
  const ref = state.source !== 'built-in' && state.source.endsWith('.yaml') ? state.source : state.playbook;
  const loaded = await loadPlaybook(ctx, ref, state.lang);
  return loaded.playbook;
}

/**
 * The incident a command works on (named, else the only open one; see
 * pickIncident's options), with its log warnings printed and its playbook loaded.
 */
export async function openIncident(
  ctx: CommandContext,
  id: string | undefined,
  options: { openOnly?: boolean; latestWhenNoneOpen?: boolean } = {},
): Promise<{ dataDir: string; state: IncidentState; playbook: Playbook }> {
  const dataDir = dataDirFor(ctx);
  const { state, warnings } = await pickIncident(dataDir, id, options);
  for (const w of warnings) ctx.stderr.write(`warning: ${w}\n`);
  return { dataDir, state, playbook: await playbookOfIncident(ctx, state) };
}

/** `--var key=value` flags as a map; a flag without `=` is refused. */
export function parseVars(list: unknown, playbook?: Playbook): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const item of (list as string[] | undefined) ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UserError(`--var "${item}" must be written key=value, for example --var brand=Acme`);
    const key = item.slice(0, eq).trim();
    if (playbook && !playbook.variables?.[key]) {
      const known = Object.keys(playbook.variables ?? {});
      throw new UserError(`--var ${key}: playbook "${playbook.id}" has no variable "${key}"`, {
        details: [known.length ? `its variables: ${known.join(', ')}` : 'it has no variables'],
      });
    }
    vars[key] = item.slice(eq + 1);
  }
  return vars;
}

/** A date given on the command line (`--at`). */
export function parseAtOption(value: unknown, flag = '--at'): Date | undefined {
  if (value === undefined) return undefined;
  const d = parseDate(String(value));
  if (!d) throw new UserError(`${flag} "${String(value)}" is not a date and time; write it like 2026-11-21T09:05:00+01:00`);
  return d;
}

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

/** Writes one JSON document on stdout. */
export function printJson(ctx: CommandContext, value: unknown): void {
  ctx.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CommandContext } from '../context.js';
import { formatDiagnosticSaying, UserError, type Diagnostic } from '../errors.js';
import { displayPath, environmentLanguage, findPlaybooks, playbookFilesIn } from '../playbook/find.js';
import { playbookCacheFor } from '../playbook/cache.js';
import { idFromFileName } from '../playbook/names.js';
import { validatePlaybookFile, type FileValidation } from '../playbook/validate.js';
import { makePaint } from '../ui/color.js';
import { catalogueFor } from '../i18n/index.js';
import { dataDirFor, loadPlaybook } from './common.js';

async function filesFor(ctx: CommandContext, paths: string[]): Promise<string[]> {
  if (paths.length === 0) {
    const entries = await findPlaybooks({ cwd: ctx.cwd, env: ctx.env, playbookDirs: ctx.playbookDirs });
    if (entries.length === 0) throw new UserError((c) => c.errors.noPlaybookToValidate, { details: [(c) => c.errors.giveFilesOrFolders] });
    return entries.map((e) => e.file);
  }
  const files: string[] = [];
  for (const path of paths) {
    const full = resolve(ctx.cwd, path);
    const info = await stat(full).catch(() => undefined);
    if (info?.isDirectory()) {
      const found = await playbookFilesIn(full);
      if (found.length === 0) throw new UserError((c) => c.errors.noPlaybookIn(path));
      files.push(...found);
    } else {
      files.push(full); // a missing file is reported as that file's error
    }
  }
  return [...new Set(files)];
}


function jsonOf(result: FileValidation, shown: string) {
  const fromName = idFromFileName(result.file);
  const strip = (d: Diagnostic) => ({ line: d.line ?? null, col: d.col ?? null, message: d.message });
  return {
    file: shown,
    id: result.id ?? fromName.id,
    lang: result.lang ?? fromName.lang ?? null,
    valid: result.valid,
    errors: result.diagnostics.filter((d) => d.severity === 'error').map(strip),
    warnings: result.diagnostics.filter((d) => d.severity === 'warning').map(strip),
  };
}

function diagnosticsJson(diagnostics: Diagnostic[]) {
  const strip = (d: Diagnostic) => ({ line: d.line ?? null, col: d.col ?? null, message: d.message });
  const errors = diagnostics.filter((d) => d.severity === 'error').map(strip);
  return { valid: errors.length === 0, errors, warnings: diagnostics.filter((d) => d.severity === 'warning').map(strip) };
}

/** The data directory's config.yaml checked, when there is one; roles are those of every playbook found. */
async function checkTeamConfig(ctx: CommandContext, results: FileValidation[]): Promise<{ file: string; diagnostics: Diagnostic[] } | undefined> {
  const dataDir = dataDirFor(ctx);
  if (!(await stat(resolve(dataDir, 'config.yaml')).catch(() => undefined))) return undefined;
  // the playbooks validated first; the others found only when a role is missing from those
  const roles = new Set(results.flatMap((r) => Object.keys(r.playbook?.roles ?? {})));
  const allRoles = async (): Promise<Set<string>> => {
    const entries = await findPlaybooks({ cwd: ctx.cwd, env: ctx.env, playbookDirs: ctx.playbookDirs }).catch(() => []);
    for (const entry of entries) {
      const loaded = await loadPlaybook(ctx, entry.file).catch(() => undefined);
      for (const role of Object.keys(loaded?.playbook.roles ?? {})) roles.add(role);
    }
    return roles;
  };
  const { checkConfigFile } = await import('../notify/settings.js');
  return checkConfigFile(dataDir, ctx.env, roles, allRoles);
}

/** `crisis validate [paths...] [--json]`: every check on every playbook; exit 1 when any has an error. */
/** What `crisis validate` takes from the command line. */
export interface ValidateInput {
  paths: string[];
  json?: true | undefined;
}

export async function run(ctx: CommandContext, input: ValidateInput): Promise<number> {
  const paths = input.paths;
  const files = await filesFor(ctx, paths);
  const cache = playbookCacheFor(ctx.env, ctx.cwd);
  const results: FileValidation[] = [];
  const lang = environmentLanguage(ctx.env);
  for (const file of files) results.push(await validatePlaybookFile(file, { cache, lang }));

  // config.yaml's notify: and smtp:, against the roles of every playbook found
  const config = await checkTeamConfig(ctx, results);
  const all = [...results.flatMap((r) => r.diagnostics), ...(config?.diagnostics ?? [])];
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.length - errors;
  const invalid = results.filter((r) => !r.valid).length;
  const configErrors = (config?.diagnostics ?? []).filter((d) => d.severity === 'error').length;

  if (input.json) {
    const files = results.map((r) => jsonOf(r, displayPath(r.file, ctx.cwd)));
    const configJson = config ? { config: { file: displayPath(config.file, ctx.cwd), ...diagnosticsJson(config.diagnostics) } } : {};
    ctx.stdout.write(`${JSON.stringify({ files, valid: invalid === 0 && configErrors === 0, ...configJson }, null, 2)}\n`);
    return invalid === 0 && configErrors === 0 ? 0 : 1;
  }
  const paint = makePaint(ctx.color);
  // in the playbooks' language when they share one (as their diagnostics are), else the environment's
  const langs = new Set(results.map((r) => r.lang ?? idFromFileName(r.file).lang).filter((l): l is string => l !== undefined));
  const [only] = langs;
  const w = catalogueFor(langs.size === 1 ? only : lang).ui;
  for (const d of all) {
    const line = formatDiagnosticSaying({ ...d, file: displayPath(d.file, ctx.cwd) }, `${w.warning}${w.colon}`);
    ctx.stderr.write(`${d.severity === 'error' ? line : paint.yellow(line)}\n`);
  }
  const warned = warnings > 0 ? ` (${w.warningCount(warnings)})` : '';
  if (configErrors > 0) {
    ctx.stdout.write(`${paint.red('✖')} ${w.errorsIn(configErrors, displayPath(config?.file ?? 'config.yaml', ctx.cwd))}\n`);
    if (invalid === 0) return 1;
  }
  if (invalid === 0) {
    ctx.stdout.write(`${paint.green('✔')} ${w.playbooksValid(results.length)}${warned}\n`);
    return 0;
  }
  ctx.stdout.write(`${paint.red('✖')} ${w.errorsInPlaybooks(errors, invalid, results.length)}${warned}\n`);
  return 1;
}

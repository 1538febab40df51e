import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CommandContext } from '../context.js';
import { formatDiagnostic, UserError, type Diagnostic } from '../errors.js';
import { displayPath, findPlaybooks, playbookFilesIn } from '../playbook/find.js';
import { playbookCacheFor } from '../playbook/cache.js';
import { idFromFileName } from '../playbook/names.js';
import { validatePlaybookFile, type FileValidation } from '../playbook/validate.js';
import { makePaint } from '../ui/color.js';

async function filesFor(ctx: CommandContext, paths: string[]): Promise<string[]> {
  if (paths.length === 0) {
    const entries = await findPlaybooks({ cwd: ctx.cwd, env: ctx.env, playbookDirs: ctx.playbookDirs });
    if (entries.length === 0) throw new UserError('no playbook found to validate', { details: ['give files or folders: crisis validate playbooks/'] });
    return entries.map((e) => e.file);
  }
  const files: string[] = [];
  for (const path of paths) {
    const full = resolve(ctx.cwd, path);
    const info = await stat(full).catch(() => undefined);
    if (info?.isDirectory()) {
      const found = await playbookFilesIn(full);
      if (found.length === 0) throw new UserError(`no playbook (*.yaml, *.yml) in ${path}`);
      files.push(...found);
    } else {
      files.push(full); // a missing file is reported as that file's error
    }
  }
  return [...new Set(files)];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

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
  for (const file of files) results.push(await validatePlaybookFile(file, { cache }));

  const all = results.flatMap((r) => r.diagnostics);
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.length - errors;
  const invalid = results.filter((r) => !r.valid).length;

  if (input.json) {
    const files = results.map((r) => jsonOf(r, displayPath(r.file, ctx.cwd)));
    ctx.stdout.write(`${JSON.stringify({ files, valid: invalid === 0 }, null, 2)}\n`);
    return invalid === 0 ? 0 : 1;
  }
  const paint = makePaint(ctx.color);
  for (const d of all) {
    const line = formatDiagnostic({ ...d, file: displayPath(d.file, ctx.cwd) });
    ctx.stderr.write(`${d.severity === 'error' ? line : paint.yellow(line)}\n`);
  }
  const warned = warnings > 0 ? ` (${plural(warnings, 'warning')})` : '';
  if (invalid === 0) {
    ctx.stdout.write(`${paint.green('✔')} ${results.length === 1 ? '1 playbook valid' : `${results.length} playbooks valid`}${warned}\n`);
    return 0;
  }
  ctx.stdout.write(`${paint.red('✖')} ${plural(errors, 'error')} in ${invalid} of ${plural(results.length, 'playbook')}${warned}\n`);
  return 1;
}

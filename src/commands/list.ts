import type { CommandContext } from '../context.js';
import { catalogueFor } from '../i18n/index.js';
import { displayPath, environmentLanguage, findPlaybooks } from '../playbook/find.js';
import { makePaint } from '../ui/color.js';
import { formatTable } from '../ui/table.js';

/** `crisis list [--json]`: the playbooks found, the ones that win for each id and language. */
/** What `crisis list` takes from the command line. */
export interface ListInput {
  json?: true | undefined;
}

export async function run(ctx: CommandContext, input: ListInput): Promise<number> {
  const entries = await findPlaybooks({ cwd: ctx.cwd, env: ctx.env, playbookDirs: ctx.playbookDirs });
  if (input.json) {
    ctx.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return 0;
  }
  const w = catalogueFor(environmentLanguage(ctx.env)).show;
  if (entries.length === 0) {
    ctx.stderr.write(`${w.noPlaybook}\n`);
    return 0;
  }
  const paint = makePaint(ctx.color);
  const rows = entries.map((e) => [e.id, e.lang, e.title, e.source === 'built-in' ? w.builtIn : `${displayPath(e.source, ctx.cwd)}/`]);
  ctx.stdout.write(`${formatTable(['ID', w.colLang, w.colTitle, w.colSource], rows, paint)}\n`);
  return 0;
}

import type { CommandContext } from '../context.js';
import { catalogueOf } from './common.js';
import { playbookJsonSchema } from '../playbook/schema.js';

/** `crisis schema`: the JSON Schema of the playbook format, for editors. */
export async function run(ctx: CommandContext, _input: Record<string, never>): Promise<number> {
  ctx.stdout.write(`${JSON.stringify(playbookJsonSchema(), null, 2)}\n`);
  if (ctx.stdout.isTTY) {
    // only when nobody redirects: a saved schema must stay pure JSON
    const w = catalogueOf(ctx).ui;
    // the lines to copy are written as they are, outside the language's typography
    ctx.stderr.write(`\n${w.schemaSave}\n  crisis schema > playbook.schema.json\n  ${w.schemaThen} # yaml-language-server: $schema=./playbook.schema.json\n`);
  }
  return 0;
}

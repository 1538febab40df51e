import type { CommandContext } from '../context.js';
import { playbookJsonSchema } from '../playbook/schema.js';

/** `crisis schema`: the JSON Schema of the playbook format, for editors. */
export async function run(ctx: CommandContext, _input: Record<string, never>): Promise<number> {
  ctx.stdout.write(`${JSON.stringify(playbookJsonSchema(), null, 2)}\n`);
  if (ctx.stdout.isTTY) {
    // only when nobody redirects: a saved schema must stay pure JSON
    ctx.stderr.write(
      '\nSave it and point your editor at it:\n' +
        '  crisis schema > playbook.schema.json\n' +
        '  then start each playbook with: # yaml-language-server: $schema=./playbook.schema.json\n',
    );
  }
  return 0;
}

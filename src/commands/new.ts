import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { speak, type CommandContext } from '../context.js';
import { catalogueOf } from './common.js';
import { UserError } from '../errors.js';
import { displayPath, resolvePlaybook } from '../playbook/find.js';
import { PLAYBOOK_ID_PATTERN } from '../playbook/names.js';

/** The source text with its top-level `id:` set to `id`; comments and layout are kept. */
export function replaceId(text: string, id: string): string {
  const line = /^id:[ \t]*("[^"]*"|'[^']*'|[^\s#]*)/m;
  if (!line.test(text)) return text.replace(/^(format:.*)$/m, `$1\nid: ${id}`);
  return text.replace(line, `id: ${id}`);
}

/** `crisis new <id> [--from P] [--lang L] [--force]`: a new playbook in ./playbooks/, copied from another. */
/** What `crisis new` takes from the command line. */
export interface NewInput {
  id: string;
  from: string;
  lang?: string | undefined;
  force?: true | undefined;
}

export async function run(ctx: CommandContext, input: NewInput): Promise<number> {
  const id = input.id;
  if (!PLAYBOOK_ID_PATTERN.test(id)) {
    throw new UserError((c) => c.errors.notAPlaybookId(id));
  }
  const from = input.from;
  const lang = input.lang;
  const source = await resolvePlaybook(from, { cwd: ctx.cwd, env: ctx.env, playbookDirs: ctx.playbookDirs, ...(lang ? { lang } : {}) });
  // the new playbook's language from here on
  speak(ctx, source.playbook.lang);
  // the language comes from a validated playbook, so it is a safe part of a file name
  const target = join(ctx.cwd, 'playbooks', `${id}.${source.playbook.lang}.yaml`);
  const shown = displayPath(target, ctx.cwd);
  if (!input.force && (await stat(target).catch(() => undefined))) {
    throw new UserError((c) => c.errors.exists(shown), { details: [(c) => c.errors.otherIdOrForce] });
  }
  const text = replaceId(await readFile(source.file, 'utf8'), id);
  await mkdir(join(ctx.cwd, 'playbooks'), { recursive: true });
  await writeFileAtomic(target, text);
  const w = catalogueOf(ctx).ui;
  ctx.stdout.write(
    `${w.createdFrom(shown, source.playbook.id, source.playbook.lang)}\n\n${w.newNext(shown, id)}\n\n` +
      `${w.newSchema}\n  # yaml-language-server: $schema=../playbook.schema.json\n`,
  );
  return 0;
}

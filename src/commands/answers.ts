/**
 * `crisis answers <playbook> [--lang L] [-o FILE]`: a commented skeleton of
 * the answers file for a playbook, to fill in for a scripted run or a drill.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { CommandContext } from '../context.js';
import { UserError } from '../errors.js';
import { wordsFor } from '../i18n/index.js';
import { isPathRef } from '../playbook/find.js';
import { explainFsError, isErrnoException } from '../incident/paths.js';
import { answersSkeleton, startCommand } from '../ui/answers-skeleton.js';
import { loadPlaybook } from './common.js';

/** What `crisis answers` takes from the command line. */
export interface AnswersInput {
  playbook: string;
  lang?: string | undefined;
  output?: string | undefined;
  force?: true | undefined;
}

export async function run(ctx: CommandContext, input: AnswersInput): Promise<number> {
  const { playbook } = await loadPlaybook(ctx, input.playbook, input.lang);
  // a playbook given by its path is named by that path in the commands suggested: its id alone would not find it
  const ref = isPathRef(input.playbook) ? input.playbook : playbook.id;
  const text = answersSkeleton(playbook, ref);
  const file = input.output;
  if (file === undefined || file === '' || file === '-') {
    ctx.stdout.write(text);
    return 0;
  }
  const path = resolve(ctx.cwd, file);
  if (!input.force && (await stat(path).catch(() => undefined))) {
    throw new UserError((c) => c.errors.exists(file), { details: [(c) => c.errors.otherNameOrForce] });
  }
  try {
    await writeFileAtomic(path, text);
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') throw new UserError((c) => c.errors.noFolder(file));
    throw explainFsError(error, path, 'write', 'output');
  }
  ctx.stderr.write(`${wordsFor(playbook.lang).wroteAnswers(file, startCommand(playbook, ref, file))}\n`);
  return 0;
}

import type { CommandContext } from '../context.js';
import { withdrawLastAnswer } from '../incident/corrections.js';
import { findStep } from '../incident/plan.js';
import { stepTitle } from '../playbook/kinds.js';
import { wordsFor, fill } from '../i18n/index.js';
import { openIncident } from './common.js';

/** `crisis undo [incident]`: withdraws the last answer (a new event); the step is asked again. */
/** What `crisis undo` takes from the command line. */
export interface UndoInput {
  incident?: string | undefined;
}

export async function run(ctx: CommandContext, input: UndoInput): Promise<number> {
  const id = input.incident;
  const { store, state, playbook } = await openIncident(ctx, id, { latestWhenNoneOpen: true });
  const { events, answer } = withdrawLastAnswer(playbook, state, ctx.now());
  await store.append(state.id, events);
  const w = wordsFor(playbook.lang);
  const step = findStep(playbook, answer.step)?.step;
  const what = step ? `${answer.step} (${stepTitle(playbook, step)})` : answer.step;
  ctx.stdout.write(`${fill(w.withdrawnLine, what)}\n${w.askedAgainWith}${w.colon}crisis resume ${state.id}\n`);
  return 0;
}

import type { CommandContext } from '../context.js';
import { statusOf } from '../incident/status.js';
import { formatStatus } from '../ui/status-view.js';
import { openIncident, paintFor, printJson } from './common.js';

/** What `crisis status` takes from the command line. */
export interface StatusInput {
  incident?: string | undefined;
  json?: true | undefined;
}

/** `crisis status [incident]`: where the incident stands. */
export async function run(ctx: CommandContext, input: StatusInput): Promise<number> {
  const id = input.incident;
  const { state, playbook } = await openIncident(ctx, id, { latestWhenNoneOpen: true });
  const now = ctx.now();
  const status = statusOf(playbook, state, now);
  if (input.json) {
    printJson(ctx, status);
    return 0;
  }
  const lines = formatStatus(status, state, playbook, now, paintFor(ctx));
  ctx.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

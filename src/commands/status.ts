import type { CommandContext } from '../context.js';
import { statusOf } from '../incident/status.js';
import { formatStatus } from '../ui/status-view.js';
import { openIncident, paintFor, printJson } from './common.js';

/** `crisis status [incident]`: where the incident stands. */
export async function run(ctx: CommandContext, input: Record<string, unknown>): Promise<number> {
  const [id] = input.args as [string | undefined];
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

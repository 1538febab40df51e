import type { CommandContext } from '../context.js';
import { eventsPath, incidentDir } from '../incident/paths.js';
import { statusOf } from '../incident/status.js';
import { formatStatus } from '../ui/status-view.js';
import { fitToWidth, terminalWidth } from '../ui/format.js';
import { catalogueFor, fill } from '../i18n/index.js';
import { openIncident, paintFor, printJson, sayIfPlaybookChanged } from './common.js';

/** What `crisis status` takes from the command line. */
export interface StatusInput {
  incident?: string | undefined;
  json?: true | undefined;
  watch?: true | undefined;
}

/** `crisis status [incident] [--watch]`: where the incident stands, once or live. */
export async function run(ctx: CommandContext, input: StatusInput): Promise<number> {
  const first = await openIncident(ctx, input.incident, { latestWhenNoneOpen: true });
  await sayIfPlaybookChanged(ctx, first.state);
  if (input.json) {
    printJson(ctx, statusOf(first.playbook, first.state, ctx.now()));
    return 0;
  }
  if (!input.watch) {
    ctx.stdout.write(`${fitToWidth(view(ctx, first), terminalWidth(ctx.stdout))}\n`);
    return 0;
  }
  const id = first.state.id;
  const { liveScreen } = await import('../ui/live-screen.js');
  const w = catalogueFor(first.playbook.lang).live;
  const paint = paintFor(ctx);
  return liveScreen({
    out: ctx.stdout,
    folder: incidentDir(first.dataDir, id),
    file: eventsPath(first.dataDir, id),
    draw: async (columns) => {
      // the named incident from now on, even when it was picked as "the only open one"
      const opened = await openIncident(ctx, id);
      const at = ctx.now();
      const text = `${view(ctx, opened)}\n\n${paint.dim(fill(w.watching, at.toTimeString().slice(0, 8)))}`;
      return ctx.stdout.isTTY ? fitToWidth(text, columns) : text;
    },
    onError: (error) => paint.yellow(fill(w.notRedrawn, error instanceof Error ? error.message : String(error))),
  });
}

function view(ctx: CommandContext, opened: Awaited<ReturnType<typeof openIncident>>): string {
  const now = ctx.now();
  const status = statusOf(opened.playbook, opened.state, now);
  return formatStatus(status, opened.state, opened.playbook, now, paintFor(ctx)).join('\n');
}

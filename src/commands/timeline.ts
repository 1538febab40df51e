/**
 * `crisis timeline [incident] [-o FILE]`: the incident log as a readable
 * Markdown timeline, in the playbook's language.
 */
import type { CommandContext } from '../context.js';
import { buildTimelineView } from '../report/view.js';
import { loadForReport, output, readTemplate, renderWith } from './report.js';

/** `crisis timeline`. */
export async function run(ctx: CommandContext, input: Record<string, unknown>): Promise<number> {
  const [id] = (input.args as [string | undefined] | undefined) ?? [];
  const { events, playbook } = await loadForReport(ctx, id);
  const view = buildTimelineView(events, playbook, { now: ctx.now() });
  const template = await readTemplate(ctx, 'timeline', view.lang, undefined);
  await output(ctx, renderWith(template, view), input.output);
  return 0;
}

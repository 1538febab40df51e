/**
 * `crisis timeline [incident] [-o FILE]`: the incident log as a readable
 * Markdown timeline, in the playbook's language.
 */
import type { CommandContext } from '../context.js';
import { buildTimelineView } from '../report/view.js';
import { limitHeapGrowth, loadForReport, output, readTemplate, renderWith } from './report.js';

/** `crisis timeline`. */
/** What `crisis timeline` takes from the command line. */
export interface TimelineInput {
  incident?: string | undefined;
  output?: string | undefined;
}

export async function run(ctx: CommandContext, input: TimelineInput): Promise<number> {
  limitHeapGrowth();
  const id = input.incident;
  const view = await timelineView(ctx, id);
  const template = await readTemplate(ctx, 'timeline', view.lang, undefined);
  await output(ctx, renderWith(template, view), input.output);
  return 0;
}

/** The view alone: the events it was built from are not kept while rendering. */
async function timelineView(ctx: CommandContext, id: string | undefined) {
  const { events, playbook } = await loadForReport(ctx, id);
  return buildTimelineView(events, playbook, { now: ctx.now() });
}

/**
 * `crisis timeline [incident] [-o FILE]`: the incident log as a readable
 * Markdown timeline, in the playbook's language.
 */
import type { CommandContext } from '../context.js';
import { buildTimelineView } from '../report/view.js';
import { loadForReport, output, readTemplate, renderWith } from './report.js';

/** What `crisis timeline` takes from the command line. */
export interface TimelineInput {
  incident?: string | undefined;
  output?: string | undefined;
}

/** `crisis timeline`. */
export async function run(ctx: CommandContext, input: TimelineInput): Promise<number> {
  const { log, playbook } = await loadForReport(ctx, input.incident);
  const view = buildTimelineView(log, playbook, { now: ctx.now() });
  const template = await readTemplate(ctx, 'timeline', view.lang, undefined);
  await output(ctx, renderWith(template, view), input.output);
  return 0;
}

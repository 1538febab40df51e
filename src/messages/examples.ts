/**
 * Every (message, channel) pair a playbook can render, with the path of the
 * template in the playbook data, rendered with example values. Shared by the
 * message check (errors) and the message lint (advice).
 */
import { suggest, type DataPath, type Problem } from '../playbook/problem.js';
import { authoringWords, type AuthoringWords } from '../playbook/words.js';
import type { ChannelTemplate, Playbook } from '../playbook/schema.js';
import { DEFAULT_TEMPLATE_KEY, knownChannelIds, resolveChannel, type ChannelSpec } from './channels.js';
import { defaultChannelSpec, renderChannel, shownChannels, renderContext, templateFor, type RenderedChannel } from './render.js';
import { TemplateError } from './template.js';
import { exampleView, type View } from './view.js';

/** A path into the playbook data (e.g. `['messages', 'initial', 'channels', 'x']`) and a finding located by one: the playbook's own. */
export type { DataPath, Problem };

/** A channel a message will be rendered for, and the template that serves it. */
export interface MessageTarget {
  messageId: string;
  spec: ChannelSpec;
  /** The channel's own key, or `default`. */
  templateKey: string;
  template: ChannelTemplate;
  /** Path of the template in the playbook. */
  path: DataPath;
}

function unknownChannel(playbook: Playbook, messageId: string, id: string, w: AuthoringWords): string {
  const known = knownChannelIds(playbook);
  return w.messageUnknownChannel(messageId, id, suggest(w, id, known, undefined), known.join(', '));
}

/**
 * The targets of every message: the channels it defines, then those its
 * announce steps list. Unknown channels and step channels with no template
 * come back as errors instead of targets.
 */
export function collectTargets(playbook: Playbook): { targets: MessageTarget[]; problems: Problem[] } {
  const targets: MessageTarget[] = [];
  const problems: Problem[] = [];
  const w = authoringWords({ data: playbook });
  for (const [messageId, message] of Object.entries(playbook.messages ?? {})) {
    const seen = new Set<string>();
    const add = (channel: string, where: DataPath) => {
      if (seen.has(channel)) return;
      seen.add(channel);
      const spec = channel === DEFAULT_TEMPLATE_KEY ? defaultChannelSpec(playbook) : resolveChannel(channel, playbook);
      if (!spec) {
        problems.push({ path: where, message: unknownChannel(playbook, messageId, channel, w), severity: 'error' });
        return;
      }
      const found = templateFor(message, channel);
      if (!found) {
        problems.push({
          path: where,
          message: w.noTemplate(messageId, channel),
          severity: 'error',
        });
        return;
      }
      targets.push({ messageId, spec, templateKey: found.key, template: found.template, path: ['messages', messageId, 'channels', found.key] });
    };
    for (const channel of shownChannels(message)) add(channel, ['messages', messageId, 'channels', channel]);
    playbook.phases.forEach((phase, p) =>
      phase.steps.forEach((step, s) => {
        if (step.announce !== messageId) return;
        (step.channels ?? []).forEach((channel, c) => add(channel, ['phases', p, 'steps', s, 'channels', c]));
      }),
    );
  }
  return { targets, problems };
}

/** A target rendered with example values: the text, or why it failed. */
export interface ExampleRender {
  target: MessageTarget;
  rendered?: RenderedChannel;
  error?: TemplateError;
}

/** Renders every target with `exampleView(playbook, now)`; template errors are returned, not thrown. */
export function renderExamples(playbook: Playbook, now: Date): { view: View; renders: ExampleRender[]; problems: Problem[] } {
  const { targets, problems } = collectTargets(playbook);
  const view = exampleView(playbook, now);
  const ctx = renderContext(playbook, { view, now });
  const renders = targets.map((target): ExampleRender => {
    try {
      return { target, rendered: renderChannel(playbook, target.messageId, target.spec, view, ctx) };
    } catch (error) {
      if (error instanceof TemplateError) return { target, error };
      throw error;
    }
  });
  return { view, renders, problems };
}

/** Where a template field sits: the template's path, plus `subject` / `body` for e-mail maps. */
export function fieldPath(target: MessageTarget, field: 'text' | 'subject' | 'body' | 'label'): DataPath {
  return field === 'subject' || field === 'body' ? [...target.path, field] : target.path;
}

/** True for the `default` template key. */
export function isDefaultTemplate(target: MessageTarget): boolean {
  return target.templateKey === DEFAULT_TEMPLATE_KEY;
}

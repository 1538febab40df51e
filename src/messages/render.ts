/**
 * Rendering a playbook message for its channels, ready to paste, each text
 * measured against its channel's limit; and the `crisis announce --json`
 * document built from it.
 */
import { UserError } from '../errors.js';
import type { ChannelTemplate, Message, Playbook } from '../playbook/schema.js';
import { DEFAULT_TEMPLATE_KEY, knownChannelIds, resolveChannel, type ChannelSpec, type LengthUnit } from './channels.js';
import type { RenderContext } from './helpers.js';
import { measureText, type Measure, type SmsEncoding } from './measure.js';
import { toGsm7 } from './gsm7.js';
import { typeset } from './typography.js';
import { renderAt, templateProblem, TemplateError, type TemplateSite } from './template.js';
import type { View } from './view.js';

export { TemplateError } from './template.js';

/** One channel's text, ready to paste. */
export interface RenderedChannel {
  channel: string;
  label: string;
  text: string;
  /** E-mail (channels with a subject limit) only. */
  subject?: string;
  measure: Measure;
}

/** A message rendered for one or more channels. */
export interface RenderedMessage {
  message: string;
  title: string;
  audience: 'public' | 'private';
  channels: RenderedChannel[];
}

/** How to render: for which channels, with which view, at which moment. */
export interface RenderOptions {
  /** Default: every channel the message defines; `default` only for a private reply (see shownChannels). */
  channels?: readonly string[];
  view: View;
  now: Date;
  /** Default: `view.incident.detected_at`, else `now`. */
  detectedAt?: Date;
  /** IANA zone for times and dates; default the machine's. */
  timeZone?: string;
  /** The time `{{next_update}}` promises (the same on every channel); default `now` + the cadence. */
  nextUpdateAt?: Date;
}

/** The messages a playbook defines, or a UserError naming the known ones. */
export function findMessage(playbook: Playbook, messageId: string): Message {
  const messages = playbook.messages ?? {};
  const message = Object.hasOwn(messages, messageId) ? messages[messageId] : undefined;
  if (!message) {
    const known = Object.keys(messages);
    throw new UserError((c) => c.errors.noMessageIn(playbook.id, messageId, known.join(', ')));
  }
  return message;
}

/** The channels a message defines itself, in its order (`default` excluded). */
export function definedChannels(message: Message): string[] {
  return Object.keys(message.channels).filter((c) => c !== DEFAULT_TEMPLATE_KEY);
}

/**
 * A reply macro's `default` template is pasted wherever the customer wrote:
 * a private inbox. Instagram's, the smallest, takes 1,000 characters.
 */
export const DEFAULT_TEMPLATE_LIMIT = 1000;

/** The `default` template seen as a channel, for reply macros: "Any channel". */
export function defaultChannelSpec(playbook: Pick<Playbook, 'lang'>): ChannelSpec {
  const label = playbook.lang.toLowerCase().startsWith('fr') ? 'Tout canal (par défaut)' : 'Any channel (default)';
  return { id: DEFAULT_TEMPLATE_KEY, label, unit: 'characters', limit: DEFAULT_TEMPLATE_LIMIT };
}

/**
 * The channels a message is shown on when none is asked for: those it
 * defines, and its `default` template too when it is a private reply (or has
 * nothing else), since that is the text the team pastes.
 */
export function shownChannels(message: Message): string[] {
  const own = definedChannels(message);
  const hasDefault = Object.hasOwn(message.channels, DEFAULT_TEMPLATE_KEY);
  return hasDefault && (message.audience === 'private' || own.length === 0) ? [...own, DEFAULT_TEMPLATE_KEY] : own;
}

/** The template used for `channel`: its own, else the message's `default`. */
export function templateFor(message: Message, channel: string): { key: string; template: ChannelTemplate } | undefined {
  for (const key of [channel, DEFAULT_TEMPLATE_KEY]) {
    const template = Object.hasOwn(message.channels, key) ? message.channels[key] : undefined;
    if (template !== undefined) return { key, template };
  }
  return undefined;
}

/** The render context for a view and options. */
export function renderContext(playbook: Playbook, options: RenderOptions): RenderContext {
  const incident = (options.view.incident ?? {}) as { detected_at?: unknown; severity?: unknown };
  const fromView = incident.detected_at instanceof Date ? new Date(incident.detected_at.getTime()) : typeof incident.detected_at === 'string' ? new Date(incident.detected_at) : undefined;
  const detectedAt = options.detectedAt ?? (fromView && !Number.isNaN(fromView.getTime()) ? fromView : options.now);
  const ctx: RenderContext = { lang: playbook.lang, now: options.now, detectedAt, severities: playbook.severities };
  if (typeof incident.severity === 'string') ctx.severity = incident.severity;
  if (options.timeZone !== undefined) ctx.timeZone = options.timeZone;
  if (options.nextUpdateAt !== undefined) ctx.nextUpdate = options.nextUpdateAt;
  return ctx;
}

/** Texts are pasted as they are: no stray blank lines from YAML block scalars. A text that renders empty is an error: nobody posts nothing. */
function tidy(text: string, site: TemplateSite): string {
  const trimmed = text.trim();
  if (trimmed === '') throw new TemplateError(templateProblem('empty', (w) => w.empty), site);
  return trimmed;
}

/**
 * Renders one channel of one message. Throws a TemplateError for template
 * problems (including a `{subject, body}` map given to a channel without a
 * subject), a UserError for an unknown channel or a channel with no template.
 * A plain-text template on e-mail renders as a body without subject.
 */
export function renderChannel(
  playbook: Playbook,
  messageId: string,
  spec: ChannelSpec,
  view: View,
  ctx: RenderContext,
): RenderedChannel {
  const message = findMessage(playbook, messageId);
  const found = templateFor(message, spec.id);
  if (!found) {
    throw new UserError((c) => c.errors.noTemplateFor(messageId, spec.id));
  }
  const site = (field: TemplateSite['field']): TemplateSite => ({ messageId, channel: spec.id, field });
  const { template } = found;
  if (typeof template === 'string') {
    const rendered = tidy(renderAt(site('text'), template, view, ctx), site('text'));
    // an SMS in GSM-7 wherever it can be: one "â" would make every part hold 70 characters instead of 160;
    // elsewhere the language's typography (French: narrow no-break spaces), measured as posted
    const text = spec.unit === 'segments' ? toGsm7(rendered) : typeset(rendered, playbook.lang);
    return { channel: spec.id, label: spec.label, text, measure: measureText(spec, text) };
  }
  if (spec.subjectLimit === undefined) {
    throw new TemplateError(templateProblem('syntax', (w) => w.plainTextOnly(spec.id)), site('text'));
  }
  const subject = typeset(tidy(renderAt(site('subject'), template.subject, view, ctx), site('subject')).replace(/\s*\n\s*/g, ' '), playbook.lang);
  const text = typeset(tidy(renderAt(site('body'), template.body, view, ctx), site('body')), playbook.lang);
  return { channel: spec.id, label: spec.label, text, subject, measure: measureText(spec, text, subject) };
}

/** The channel spec for `id`, or a UserError listing the known channels. */
export function requireChannel(playbook: Playbook, id: string): ChannelSpec {
  if (id === DEFAULT_TEMPLATE_KEY) return defaultChannelSpec(playbook);
  const spec = resolveChannel(id, playbook);
  if (!spec) {
    const known = knownChannelIds(playbook).join(', ');
    throw new UserError((c) => c.errors.unknownChannel(id, known));
  }
  return spec;
}

/**
 * Renders message `messageId` for `options.channels` (default: every channel
 * the message defines, and `default` for a private reply: see shownChannels). A requested channel the message does not define uses
 * its `default` template. Throws TemplateError or UserError (see renderChannel).
 */
export function renderMessage(playbook: Playbook, messageId: string, options: RenderOptions): RenderedMessage {
  const message = findMessage(playbook, messageId);
  const ctx = renderContext(playbook, options);
  const ids = options.channels ?? shownChannels(message);
  const channels = [...new Set(ids)].map((id) => renderChannel(playbook, messageId, requireChannel(playbook, id), options.view, ctx));
  return { message: messageId, title: message.title ?? messageId, audience: message.audience ?? 'public', channels };
}

/** One channel in `crisis announce --json`. */
export interface AnnounceJsonChannel {
  channel: string;
  text: string;
  subject?: string;
  length: number;
  limit: number;
  unit: LengthUnit;
  within_limit: boolean;
  encoding?: SmsEncoding;
}

/** The `crisis announce --json` document, as the CLI spec fixes it. */
export interface AnnounceJson {
  message: string;
  title: string;
  channels: AnnounceJsonChannel[];
}

/** Builds the `crisis announce --json` document from a rendered message. */
export function announceJson(rendered: RenderedMessage): AnnounceJson {
  return {
    message: rendered.message,
    title: rendered.title,
    channels: rendered.channels.map((c) => ({
      channel: c.channel,
      text: c.text,
      ...(c.subject !== undefined ? { subject: c.subject } : {}),
      length: c.measure.length,
      limit: c.measure.limit,
      unit: c.measure.unit,
      within_limit: c.measure.within_limit,
      ...(c.measure.encoding !== undefined ? { encoding: c.measure.encoding } : {}),
    })),
  };
}

/**
 * One notification as each destination wants it: plain text (e-mail body,
 * fallbacks), Slack Block Kit, a Microsoft Teams Adaptive Card for a
 * Workflows webhook, a Discord embed, or crisis's own JSON for a generic
 * webhook. Each stays within its platform's documented limits, cutting the
 * longest part (the public message) first. Pure.
 */
import type { NotificationContent, NotificationQueuedEvent } from '../incident/events.js';
import { notifyWords, type NotifyWords } from './words.js';

/** Slack: blocks per message, characters per section text, per header, per field. */
export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, fieldText: 2000, fields: 10, contextElements: 10, fallback: 4000 } as const;
/** Discord: per embed and across the message's embeds. */
export const DISCORD_LIMITS = { title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, total: 6000 } as const;

/** `text` cut to `max` characters (code points), with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
}

const length = (text: string) => [...text].length;

interface Facts {
  w: NotifyWords;
  facts: Array<[string, string]>;
}

function factsOf(c: NotificationContent, lang: string): Facts {
  const w = notifyWords(lang);
  const facts: Array<[string, string]> = [[w.incident, `${c.title} (${c.incident})`]];
  if (c.severity) facts.push([w.severity, c.severity]);
  facts.push([w.detected, c.detected]);
  if (c.next_update) facts.push([w.nextUpdate, c.next_update]);
  facts.push([w.yourRole, c.role]);
  return { w, facts };
}

/** The notification as plain text: the e-mail body, and the fallback of every card. */
export function plainText(n: Pick<NotificationQueuedEvent, 'content' | 'lang' | 'id'>): string {
  const c = n.content;
  const { w, facts } = factsOf(c, n.lang);
  const lines = [c.drill ? `[${w.drill}] ${c.headline}` : c.headline, ''];
  for (const [name, value] of facts) lines.push(`${name}${w.colon}${value}`);
  if (c.duties.length) {
    lines.push('', `${w.askedTo}${w.colon.trimEnd()}`);
    for (const d of c.duties) lines.push(`- ${d}`);
  }
  lines.push('', `${w.publicMessage}${w.colon.trimEnd()}`, c.public_message ?? `(${w.noPublicMessage})`, '', '-- ', `${w.sentBy} · ${n.id}`);
  return `${lines.join('\n')}\n`;
}

/** Slack mrkdwn with its three special characters escaped. */
const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Quotes every line of `text` as a Slack block quote. */
const slackQuote = (text: string) =>
  text
    .split('\n')
    .map((l) => `>${l}`)
    .join('\n');

/** Slack incoming-webhook payload: Block Kit blocks and a plain-text fallback. */
export function slackPayload(n: NotificationQueuedEvent): { text: string; blocks: Array<Record<string, unknown>> } {
  const c = n.content;
  const { w, facts } = factsOf(c, n.lang);
  const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
  const blocks: Array<Record<string, unknown>> = [
    { type: 'header', text: { type: 'plain_text', text: clip(c.subject, SLACK_LIMITS.headerText), emoji: false } },
    { type: 'section', text: mrkdwn(clip(`*${slackEscape(c.headline)}*`, SLACK_LIMITS.sectionText)) },
    {
      type: 'section',
      fields: facts.slice(0, SLACK_LIMITS.fields).map(([name, value]) => mrkdwn(clip(`*${slackEscape(name)}*\n${slackEscape(value)}`, SLACK_LIMITS.fieldText))),
    },
  ];
  if (c.duties.length) {
    blocks.push({ type: 'section', text: mrkdwn(clip(`*${slackEscape(w.askedTo)}*\n${c.duties.map((d) => `• ${slackEscape(d)}`).join('\n')}`, SLACK_LIMITS.sectionText)) });
  }
  const head = `*${slackEscape(w.publicMessage)}*\n`;
  const body = c.public_message ? slackQuote(slackEscape(c.public_message)) : `_${slackEscape(w.noPublicMessage)}_`;
  blocks.push({ type: 'section', text: mrkdwn(head + clip(body, SLACK_LIMITS.sectionText - length(head))) });
  blocks.push({ type: 'context', elements: [mrkdwn(slackEscape(`${w.sentBy} · ${n.id}`))] });
  return { text: clip(plainText(n), SLACK_LIMITS.fallback), blocks: blocks.slice(0, SLACK_LIMITS.blocks) };
}

/**
 * Microsoft Teams through a Workflows webhook ("When a Teams webhook request
 * is received"): a message with one Adaptive Card (version 1.4) attachment.
 */
export function teamsPayload(n: NotificationQueuedEvent): Record<string, unknown> {
  const c = n.content;
  const { w, facts } = factsOf(c, n.lang);
  const body: Array<Record<string, unknown>> = [
    { type: 'TextBlock', text: c.subject, size: 'Large', weight: 'Bolder', wrap: true },
    { type: 'TextBlock', text: c.headline, wrap: true, color: c.drill ? 'Accent' : 'Attention', weight: 'Bolder' },
    { type: 'FactSet', facts: facts.map(([title, value]) => ({ title, value })) },
  ];
  if (c.duties.length) {
    body.push({ type: 'TextBlock', text: w.askedTo, weight: 'Bolder', wrap: true, spacing: 'Medium' });
    body.push({ type: 'TextBlock', text: c.duties.map((d) => `- ${d}`).join('\n'), wrap: true });
  }
  body.push({ type: 'TextBlock', text: w.publicMessage, weight: 'Bolder', wrap: true, spacing: 'Medium' });
  body.push({
    type: 'Container',
    style: 'emphasis',
    items: [{ type: 'TextBlock', text: c.public_message ?? w.noPublicMessage, wrap: true, isSubtle: !c.public_message }],
  });
  body.push({ type: 'TextBlock', text: `${w.sentBy} · ${n.id}`, size: 'Small', isSubtle: true, wrap: true, spacing: 'Medium' });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', msteams: { width: 'Full' }, body },
      },
    ],
  };
}

/** Discord webhook payload: one embed, mentions disabled (a public message may hold @everyone). */
export function discordPayload(n: NotificationQueuedEvent): Record<string, unknown> {
  const c = n.content;
  const { w, facts } = factsOf(c, n.lang);
  const title = clip(c.subject, DISCORD_LIMITS.title);
  const fields = facts.slice(0, DISCORD_LIMITS.fields).map(([name, value]) => ({ name: clip(name, DISCORD_LIMITS.fieldName), value: clip(value, DISCORD_LIMITS.fieldValue), inline: false }));
  const footer = clip(`${w.sentBy} · ${n.id}`, DISCORD_LIMITS.footer);
  const used = length(title) + length(footer) + fields.reduce((sum, f) => sum + length(f.name) + length(f.value), 0);
  const duties = c.duties.length ? `**${w.askedTo}**\n${c.duties.map((d) => `- ${d}`).join('\n')}\n\n` : '';
  const head = `**${c.headline}**\n\n${duties}**${w.publicMessage}**\n`;
  const quote = c.public_message ? c.public_message.split('\n').map((l) => `> ${l}`).join('\n') : `*${w.noPublicMessage}*`;
  const room = Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.total - used);
  const description = length(head) >= room ? clip(head, room) : head + clip(quote, room - length(head));
  return {
    username: 'crisis',
    allowed_mentions: { parse: [] },
    embeds: [{ title, description, color: c.drill ? 0x3b82f6 : 0xdc2626, fields, footer: { text: footer } }],
  };
}

/** A generic webhook: crisis's own JSON, with the id that is also the Idempotency-Key header. */
export function webhookPayload(n: NotificationQueuedEvent): Record<string, unknown> {
  return {
    id: n.id,
    type: 'crisis.notification',
    trigger: n.trigger,
    incident: n.content.incident,
    role: n.role,
    lang: n.lang,
    queued_at: n.at,
    content: n.content,
    text: plainText(n),
  };
}

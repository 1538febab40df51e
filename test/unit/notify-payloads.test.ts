/**
 * Each platform's payload stays within that platform's limits whatever the
 * content (a public message of 10,000 characters, thirty long duties, a
 * subject of 400): Slack's 50 blocks, 150-character header, 3,000-character
 * sections and 10 fields of 2,000; Discord's 256-character title, 4,096
 * description and 6,000 in all; a Teams Adaptive Card that passes the
 * Adaptive Card 1.4 schema. Texts are escaped where the platform needs it.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { NotificationContent, NotificationQueuedEvent } from '../../src/incident/events.js';
import { DISCORD_LIMITS, discordPayload, plainText, SLACK_LIMITS, slackPayload, teamsPayload, webhookPayload } from '../../src/notify/payloads.js';
import { httpRequest } from '../../src/notify/send.js';

const SCHEMA = JSON.parse(readFileSync('test/fixtures/notify/adaptive-card-1.4.schema.json', 'utf8')) as object;
const ID = '0b7c1e2a-3d4f-5a6b-8c7d-9e0f1a2b3c4d';

function notification(content: Partial<NotificationContent>, lang = 'en'): NotificationQueuedEvent {
  return {
    v: 1,
    seq: 40,
    at: '2026-11-21T08:19:00.000Z',
    type: 'notification_queued',
    id: ID,
    trigger: 'severity',
    cause: 'severity:39',
    cause_seq: 39,
    role: 'lead',
    channel: 'slack',
    destination: 'lead.slack#1a2b3c4d',
    lang,
    content: {
      subject: '[Major] Facebook Messenger is down: Severity Major: you are alerted',
      headline: 'Severity Major: you are alerted',
      incident: '2026-11-21-messenger-down',
      title: 'Facebook Messenger is down',
      severity: 'Major',
      role: 'Incident lead',
      duties: ['Decides the severity and when the incident is over', 'Keeps management and the other teams informed'],
      public_message: 'Messenger is down for everyone. Write to help@acme.example & we <will> answer.',
      next_update: '21 Nov 2026, 10:29 (Europe/Paris, UTC+01:00)',
      detected: '21 Nov 2026, 09:05 (Europe/Paris, UTC+01:00)',
      drill: false,
      ...content,
    },
  };
}

const HUGE = notification({
  subject: `[Critical] ${'Very long title '.repeat(25)}`,
  title: 'Very long title '.repeat(40),
  duties: Array.from({ length: 30 }, (_, i) => `Duty ${i}: ${'do this carefully and tell the others '.repeat(5)}`),
  public_message: `@everyone ${'The platform is down & <nobody> knows when it comes back. '.repeat(180)}`,
});

const chars = (s: string) => [...s].length;

describe('Slack Block Kit', () => {
  it('keeps every block within its limits and gives a plain-text fallback', () => {
    for (const n of [notification({}), HUGE]) {
      const { text, blocks } = slackPayload(n);
      expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
      expect(chars(text)).toBeLessThanOrEqual(SLACK_LIMITS.fallback);
      expect(text.length).toBeGreaterThan(0);
      const header = blocks[0] as { type: string; text: { type: string; text: string } };
      expect(header).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
      expect(chars(header.text.text)).toBeLessThanOrEqual(150);
      for (const block of blocks.slice(1)) {
        const b = block as { type: string; text?: { text: string }; fields?: Array<{ type: string; text: string }>; elements?: unknown[] };
        expect(['section', 'context']).toContain(b.type);
        if (b.text) expect(chars(b.text.text)).toBeLessThanOrEqual(3000);
        if (b.fields) {
          expect(b.fields.length).toBeLessThanOrEqual(10);
          for (const f of b.fields) expect(chars(f.text)).toBeLessThanOrEqual(2000);
        }
        if (b.elements) expect(b.elements.length).toBeLessThanOrEqual(10);
      }
    }
  });

  it("escapes Slack's &, < and > and quotes the public message", () => {
    const json = JSON.stringify(slackPayload(notification({})).blocks);
    expect(json).toContain('help@acme.example &amp; we &lt;will&gt; answer.');
    expect(json).toContain('>Messenger is down for everyone.');
    expect(json).toContain(ID);
  });

  it('cuts the longest part, the public message, and keeps the rest whole', () => {
    const blocks = slackPayload(HUGE).blocks as Array<{ text?: { text: string } }>;
    const message = blocks.find((b) => b.text?.text.startsWith('*Public message*'))!;
    expect(message.text!.text.endsWith('…')).toBe(true);
    expect(chars(message.text!.text)).toBe(3000);
  });
});

describe('Discord embed', () => {
  it('keeps the title, description, fields and the whole embed within their limits, and pings nobody', () => {
    for (const n of [notification({}), HUGE]) {
      const payload = discordPayload(n) as { allowed_mentions: unknown; embeds: Array<{ title: string; description: string; fields: Array<{ name: string; value: string }>; footer: { text: string } }> };
      expect(payload.allowed_mentions).toEqual({ parse: [] });
      expect(payload.embeds).toHaveLength(1);
      const e = payload.embeds[0]!;
      expect(chars(e.title)).toBeLessThanOrEqual(DISCORD_LIMITS.title);
      expect(chars(e.description)).toBeLessThanOrEqual(DISCORD_LIMITS.description);
      expect(e.fields.length).toBeLessThanOrEqual(25);
      for (const f of e.fields) {
        expect(chars(f.name)).toBeLessThanOrEqual(256);
        expect(chars(f.value)).toBeLessThanOrEqual(1024);
      }
      const total = chars(e.title) + chars(e.description) + chars(e.footer.text) + e.fields.reduce((s, f) => s + chars(f.name) + chars(f.value), 0);
      expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.total);
    }
    const full = discordPayload(HUGE) as { embeds: Array<{ description: string }> };
    expect(full.embeds[0]!.description.endsWith('…')).toBe(true);
  });
});

describe('Microsoft Teams Adaptive Card', () => {
  it('passes the Adaptive Card 1.4 schema, in English and in French, short or huge', () => {
    const ajv = new Ajv({ allErrors: true });
    const validate = ajv.compile(SCHEMA);
    for (const n of [notification({}), HUGE, notification({ duties: [], public_message: undefined as unknown as string, severity: undefined as unknown as string }, 'fr'), notification({ drill: true }, 'fr')]) {
      const payload = teamsPayload(n);
      expect(validate(payload), ajv.errorsText(validate.errors)).toBe(true);
    }
    const fr = JSON.stringify(teamsPayload(notification({}, 'fr')));
    expect(fr).toContain('Ce que l’on attend de vous');
    expect(fr).toContain('Prochaine mise à jour publique');
  });

  it('is refused by the schema when a property is not one Adaptive Cards define', () => {
    const ajv = new Ajv({ allErrors: true });
    const validate = ajv.compile(SCHEMA);
    const payload = teamsPayload(notification({})) as { attachments: Array<{ content: { body: Array<Record<string, unknown>> } }> };
    payload.attachments[0]!.content.body[0]!.size = 'Huge';
    expect(validate(payload)).toBe(false);
  });
});

describe('generic webhook and plain text', () => {
  it('sends crisis JSON with the id as its idempotency key, and a plain text with every part', () => {
    const n = notification({});
    const request = httpRequest({ ...n, channel: 'webhook' }, 'webhook');
    expect(request.headers['idempotency-key']).toBe(ID);
    const body = JSON.parse(request.body) as ReturnType<typeof webhookPayload>;
    expect(body).toMatchObject({ id: ID, type: 'crisis.notification', trigger: 'severity', incident: '2026-11-21-messenger-down', role: 'lead', lang: 'en' });
    expect(httpRequest(n, 'slack').headers['idempotency-key']).toBeUndefined();
    expect(httpRequest(n, 'discord').query).toBe('wait=true');
    const text = plainText(n);
    for (const part of ['Severity Major: you are alerted', 'Incident: Facebook Messenger is down (2026-11-21-messenger-down)', 'Severity: Major', 'Next public update: 21 Nov 2026, 10:29 (Europe/Paris, UTC+01:00)', 'Your role: Incident lead', '- Keeps management', 'Public message:', ID]) {
      expect(text).toContain(part);
    }
    const fr = plainText(notification({ public_message: undefined as unknown as string, drill: true }, 'fr'));
    expect(fr).toContain('[EXERCICE] Severity Major');
    expect(fr).toContain('Message public\u202f:\n(aucun publié pour l’instant)');
  });
});

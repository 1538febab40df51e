import { describe, expect, it } from 'vitest';
import { PlaybookSchema, type Playbook } from '../../src/playbook/schema.js';
import { knownChannelIds, resolveChannel, type ChannelSpec } from '../../src/messages/channels.js';
import { countGraphemes, measureText } from '../../src/messages/measure.js';

function playbook(extra: Partial<Playbook> = {}): Playbook {
  return PlaybookSchema.parse({
    format: 1,
    id: 'messenger-down',
    lang: 'en',
    title: 'Messenger is down',
    roles: { lead: { title: 'Incident lead' } },
    severities: [{ id: 'minor', title: 'Minor' }],
    phases: [{ id: 'confirm', title: 'Confirm', steps: [{ id: 'look', check: 'Look' }] }],
    ...extra,
  });
}

const spec = (id: string, pb?: Playbook): ChannelSpec => {
  const s = resolveChannel(id, pb);
  if (!s) throw new Error(`no channel ${id}`);
  return s;
};

describe('channel catalogue', () => {
  it('has the limits of the spec and labels in the playbook language', () => {
    expect(spec('x')).toEqual({ id: 'x', label: 'X (Twitter)', unit: 'weighted', limit: 280 });
    expect(spec('sms').limit).toBe(2);
    expect(spec('sms').unit).toBe('segments');
    expect(spec('email').subjectLimit).toBe(78);
    expect(spec('website').limit).toBe(300);
    expect(spec('facebook').limit).toBe(63206);
    expect(spec('website', playbook({ lang: 'fr' })).label).toBe('Bandeau du site');
    expect(spec('website', playbook()).label).toBe('Website banner');
  });

  it('applies the playbook overrides and accepts declared channels with a limit', () => {
    const pb = playbook({
      channels: {
        sms: { max_segments: 3, label: 'Text message' },
        x: { limit: 25000 },
        email: { subject_limit: 60 },
        mastodon: { limit: 500, label: 'Mastodon' },
        intranet: { label: 'Intranet' },
      },
    });
    expect(spec('sms', pb)).toMatchObject({ limit: 3, label: 'Text message', unit: 'segments' });
    expect(spec('x', pb).limit).toBe(25000);
    expect(spec('email', pb).subjectLimit).toBe(60);
    expect(spec('mastodon', pb)).toEqual({ id: 'mastodon', label: 'Mastodon', unit: 'characters', limit: 500 });
    expect(resolveChannel('intranet', pb)).toBeUndefined();
    expect(knownChannelIds(pb)).toContain('mastodon');
    expect(knownChannelIds(pb)).not.toContain('intranet');
  });

  it('does not treat "default" or unknown ids as channels', () => {
    expect(resolveChannel('default')).toBeUndefined();
    expect(resolveChannel('myspace')).toBeUndefined();
    expect(knownChannelIds()).not.toContain('default');
  });
});

describe('measuring X posts the way X counts', () => {
  const x = spec('x');
  it('counts plain ASCII 1 each and checks 280', () => {
    expect(measureText(x, 'a'.repeat(280))).toMatchObject({ length: 280, within_limit: true, unit: 'weighted' });
    expect(measureText(x, 'a'.repeat(281))).toMatchObject({ length: 281, within_limit: false });
  });
  it('counts a URL as 23 whatever its length', () => {
    expect(measureText(x, 'https://example.com/a/very/long/path/that/goes/on/and/on').length).toBe(23);
    expect(measureText(x, 'see https://a.co').length).toBe(4 + 23);
  });
  it('counts an emoji as 2 and each CJK character as 2', () => {
    expect(measureText(x, '😀').length).toBe(2);
    expect(measureText(x, '日本語').length).toBe(6);
  });
});

describe('measuring SMS in segments', () => {
  const sms = spec('sms');
  it('fits 160 GSM-7 characters in one segment, 161 in two', () => {
    expect(measureText(sms, 'a'.repeat(160))).toMatchObject({ length: 1, limit: 2, unit: 'segments', encoding: 'GSM-7', within_limit: true });
    expect(measureText(sms, 'a'.repeat(161))).toMatchObject({ length: 2, encoding: 'GSM-7' });
    expect(measureText(sms, 'a'.repeat(306)).length).toBe(2);
    expect(measureText(sms, 'a'.repeat(307))).toMatchObject({ length: 3, within_limit: false });
  });
  it('counts GSM extension characters as 2 septets', () => {
    for (const c of ['€', '[', ']', '{', '}', '^', '~', '|', '\\']) {
      expect(measureText(sms, c.repeat(80)), c).toMatchObject({ length: 1, encoding: 'GSM-7', sms_characters: 160 });
      expect(measureText(sms, c.repeat(81)).length, c).toBe(2);
    }
  });
  it('keeps é in GSM-7 but switches to UCS-2 for ê or an emoji, and names them', () => {
    expect(measureText(sms, 'é' + 'a'.repeat(159))).toMatchObject({ length: 1, encoding: 'GSM-7', ucs2_characters: [] });
    const e = measureText(sms, 'é ê ' + 'a'.repeat(66));
    expect(e).toMatchObject({ length: 1, encoding: 'UCS-2', ucs2_characters: ['ê'] });
    expect(measureText(sms, 'ê' + 'a'.repeat(70)).length).toBe(2);
    expect(measureText(sms, 'ê' + 'a'.repeat(133)).length).toBe(2);
    expect(measureText(sms, 'ê' + 'a'.repeat(134)).length).toBe(3);
    expect(measureText(sms, 'Hello 😀 ê 😀')).toMatchObject({ encoding: 'UCS-2', ucs2_characters: ['😀', 'ê'] });
  });
});

describe('measuring other channels in characters a person sees', () => {
  it('counts graphemes, not UTF-16 units', () => {
    expect(countGraphemes('e\u0301')).toBe(1);
    expect(countGraphemes('🇫🇷👍🏽')).toBe(2);
    expect(measureText(spec('website'), 'x'.repeat(301))).toMatchObject({ length: 301, limit: 300, within_limit: false });
  });
  it('checks an e-mail subject against its own limit', () => {
    const m = measureText(spec('email'), 'body', 's'.repeat(79));
    expect(m).toMatchObject({ length: 4, subject_length: 79, subject_limit: 78, within_limit: false });
    expect(measureText(spec('email'), 'body', 's'.repeat(78)).within_limit).toBe(true);
  });
});

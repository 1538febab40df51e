process.env.TZ = 'UTC';
import { describe, expect, it } from 'vitest';
import { PlaybookSchema, type Playbook } from '../../src/playbook/schema.js';
import { announceJson, renderMessage, TemplateError } from '../../src/messages/render.js';
import { channelName } from '../../src/messages/channels.js';
import { formatList, intlLocale, LIST_WORDS } from '../../src/messages/helpers.js';
import { buildView, exampleView, type View, type ViewInput } from '../../src/messages/view.js';

const NOW = new Date('2026-11-21T14:05:00Z');
const DETECTED = '2026-11-21T11:55:00Z';

function playbook(lang: string, channels: Record<string, unknown>, extra: Record<string, unknown> = {}): Playbook {
  return PlaybookSchema.parse({
    format: 1,
    id: 'messenger-down',
    lang,
    title: 'Messenger is down',
    variables: {
      brand: { prompt: 'Brand', example: 'Acme' },
      support_email: { prompt: 'E-mail', example: 'help@acme.example' },
      tagline: { prompt: 'Tagline', default: 'We are here' },
      nothing: { prompt: 'No example' },
    },
    roles: { lead: { title: 'Incident lead' }, community: { title: 'Community manager' } },
    severities: [
      { id: 'minor', title: 'Minor', update_every: '2h' },
      { id: 'major', title: 'Major', update_every: '1h' },
      { id: 'critical', title: 'Critical' },
    ],
    phases: [
      {
        id: 'assess',
        title: 'Assess',
        steps: [
          {
            id: 'alternatives',
            ask: 'Where can customers reach us?',
            type: 'multi',
            save_as: 'alts',
            options: [{ value: 'email', label: 'e-mail ({{support_email}})' }, { value: 'phone', label: 'phone' }, 'website'],
          },
          { id: 'scope', ask: 'Scope?', type: 'choice', save_as: 'scope', options: [{ value: 'all', label: 'everyone' }, 'some'] },
          { id: 'backlog', ask: 'Backlog?', type: 'number', save_as: 'backlog' },
          { id: 'eta', ask: 'Back at?', type: 'datetime', save_as: 'back_at' },
        ],
      },
    ],
    messages: { m: { title: 'The message', channels } },
    ...extra,
  });
}

function input(over: Partial<ViewInput> = {}): ViewInput {
  return {
    variables: { brand: 'Acme', support_email: 'help@acme.example' },
    people: { lead: 'Julie Martin' },
    answers: { alts: ['email', 'phone', 'website'], scope: 'all', back_at: '2026-11-21T15:05:00Z' },
    incident: { id: '2026-11-21-messenger-down', detected_at: DETECTED, severity: 'major' },
    now: NOW,
    ...over,
  };
}

/** Renders one template on x for a language, with the standard input. */
function one(lang: string, template: string, over: Partial<ViewInput> = {}, timeZone = 'UTC'): string {
  const pb = playbook(lang, { x: template });
  const view = buildView(pb, input(over));
  return renderMessage(pb, 'm', { view, now: NOW, timeZone }).channels[0]?.text ?? '';
}

describe('date helpers in the playbook language', () => {
  it('{{time}} is now, {{time iso}} a date of the view', () => {
    expect(one('en', '{{time}}')).toBe('14:05');
    expect(one('fr', '{{time}}')).toBe('14:05');
    expect(one('en-US', '{{time}}')).toBe('2:05 PM');
    expect(one('en', '{{time incident.detected_at}}')).toBe('11:55');
    expect(one('fr', '{{time incident.detected_at}}')).toBe('11:55');
    expect(one('fr', '{{time}}', {}, 'Europe/Paris')).toBe('15:05');
  });
  it('{{date}} and {{date iso}}', () => {
    expect(one('en', '{{date}}')).toBe('21 November 2026');
    expect(one('fr', '{{date}}')).toBe('21 novembre 2026');
    expect(one('en', '{{date "2026-12-01T10:00:00Z"}}')).toBe('1 December 2026');
    expect(one('fr', '{{date back_at}}')).toBe('21 novembre 2026');
  });
  it('{{elapsed}} since detection', () => {
    expect(one('en', '{{elapsed}}')).toBe('2 hours 10 minutes');
    expect(one('fr', '{{elapsed}}')).toBe('2 heures 10 minutes');
    expect(one('en', '{{elapsed}}', { incident: { id: 'i', detected_at: '2026-11-21T14:04:30Z' } })).toBe('0 minutes');
  });
  it('{{relative iso}} in the future and in the past', () => {
    expect(one('en', '{{relative back_at}}')).toBe('in 1 hour');
    expect(one('fr', '{{relative back_at}}')).toBe('dans 1 heure');
    const recent = { incident: { id: 'i', detected_at: '2026-11-21T13:55:00Z' } };
    expect(one('en', '{{relative incident.detected_at}}', recent)).toBe('10 minutes ago');
    expect(one('fr', '{{relative incident.detected_at}}', recent)).toBe('il y a 10 minutes');
  });
  it('{{next_update}} follows the current severity, else the first one', () => {
    expect(one('en', '{{next_update}}')).toBe('15:05');
    expect(one('fr', '{{next_update}}', { incident: { id: 'i', detected_at: DETECTED } })).toBe('16:05');
    expect(() => one('en', '{{next_update}}', { incident: { id: 'i', detected_at: DETECTED, severity: 'critical' } })).toThrow(
      /severity "critical" has no update_every/,
    );
  });
  it('rejects a value that is not a date', () => {
    expect(() => one('en', '{{time brand}}')).toThrow(/"Acme" is not a date/);
  });
});

describe('{{list}}', () => {
  const list = (lang: string, items: string[]) => one(lang, '{{list alts}}', { answers: { alts: items } });
  it('joins with the English conjunction', () => {
    expect(list('en', ['email'])).toBe('e-mail (help@acme.example)');
    expect(list('en', ['email', 'phone'])).toBe('e-mail (help@acme.example) and phone');
    expect(list('en', ['email', 'phone', 'website'])).toBe('e-mail (help@acme.example), phone and website');
  });
  it('joins with the French conjunction', () => {
    const pb = playbook('fr', { x: '{{list a}} | {{list b}} | {{list c}}' });
    const view = { ...buildView(pb, input()), a: ['e-mail'], b: ['e-mail', 'téléphone'], c: ['e-mail', 'téléphone', 'site'] };
    expect(renderMessage(pb, 'm', { view, now: NOW }).channels[0]?.text).toBe('e-mail | e-mail et téléphone | e-mail, téléphone et site');
  });
});

describe('answers in the view', () => {
  it('renders multi answers as their labels, templated labels included', () => {
    expect(one('en', '{{alts}}')).toBe('e-mail (help@acme.example), phone and website');
    expect(one('en', '{{#each alts}}[{{this}}]{{/each}}')).toBe('[e-mail (help@acme.example)][phone][website]');
    expect(one('en', '{{scope}}')).toBe('everyone');
    expect(one('en', '{{scope}}', { answers: { scope: 'some' } })).toBe('some');
  });
  it('prints a number answer the way the playbook language writes numbers, and still tests it as a number', () => {
    expect(one('en', '{{backlog}} waiting', { answers: { backlog: 1400 } })).toBe('1,400 waiting');
    expect(one('fr', '{{backlog}} en attente', { answers: { backlog: 1400.5 } })).toBe('1\u202f400,5 en attente');
    expect(one('en', '{{#if backlog}}some{{else}}none{{/if}}', { answers: { backlog: 0 } })).toBe('none');
    expect(one('en', '{{#each counts}}[{{this}}]{{/each}}', { answers: { counts: [12000, 3] } })).toBe('[12,000][3]');
  });
  it('keeps a phone number in one piece (no-break spaces) on every channel but SMS, which spells them plain', () => {
    const pb = playbook('fr', { x: 'Appelez le {{tel}}.', sms: 'Appelez le {{tel}}.' }, { variables: { support_email: { prompt: 'E-mail' }, tel: { prompt: 'Téléphone', format: 'phone' } } });
    const view = buildView(pb, input({ variables: { support_email: 'help@acme.example', tel: '01 23 45  67 89' } }));
    const texts = renderMessage(pb, 'm', { view, now: NOW, timeZone: 'UTC' }).channels.map((c) => [c.channel, c.text]);
    expect(texts).toEqual([
      ['x', 'Appelez le 01\u00a023\u00a045\u00a067\u00a089.'],
      ['sms', 'Appelez le 01 23 45 67 89.'],
    ]);
  });
  it('gives the variables their default and the incident its severity title', () => {
    expect(one('en', '{{tagline}} / {{incident.severity_title}} / {{people.lead}}')).toBe('We are here / Major / Julie Martin');
  });
  it('fails on a label with a template error, naming the step', () => {
    const pb = playbook('en', { x: 'hi' });
    pb.phases[0]!.steps[0]!.options = [{ value: 'email', label: 'write to {{nope}}' }];
    expect(() => buildView(pb, input({ answers: { alts: ['email'] } }))).toThrow(/step "alternatives", option 1 label: variable "nope" is not defined/);
  });
});

describe('strict templates', () => {
  it('refuses an undefined variable and names message, channel and variable', () => {
    const pb = playbook('en', { x: 'ok', facebook: 'Hello {{brand}}, {{incident.resolved_at}}' });
    const view = buildView(pb, input());
    let error: unknown;
    try {
      renderMessage(pb, 'm', { view, now: NOW });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect(error).toMatchObject({ messageId: 'm', channel: 'facebook', field: 'text', variable: 'incident.resolved_at' });
    expect((error as Error).message).toBe('message "m", channel "facebook": variable "incident.resolved_at" is not defined');
  });
  it('names a variable missing as a helper argument', () => {
    expect(() => one('en', 'at {{time incident.confirmed_at}}')).toThrow(/variable "incident.confirmed_at" is not defined/);
  });
  it('reports syntax errors with the field', () => {
    const pb = playbook('en', { email: { subject: 'Hi {{brand', body: 'ok' } });
    expect(() => renderMessage(pb, 'm', { view: buildView(pb, input()), now: NOW })).toThrow(TemplateError);
    try {
      renderMessage(pb, 'm', { view: buildView(pb, input()), now: NOW });
    } catch (e) {
      expect(e).toMatchObject({ channel: 'email', field: 'subject', kind: 'syntax' });
      expect((e as Error).message).toMatch(/^message "m", channel "email" \(subject\): template syntax error/);
    }
  });
  it('does not HTML-escape', () => {
    expect(one('en', '{{brand}} & <b>', { variables: { brand: 'A&B "Co"', support_email: 'help@acme.example' } })).toBe('A&B "Co" & <b>');
  });
});

describe('renderMessage and the announce JSON', () => {
  const pb = playbook('en', {
    x: '{{brand}} is on it. Write to {{support_email}}.',
    sms: '{{brand}}: écrivez à {{support_email}} ☕',
    email: { subject: '{{brand}}: Messenger is down', body: '\nDear customer,\nwrite to {{support_email}}.\n' },
    default: 'Default for {{brand}}',
  });
  const view: View = buildView(pb, input());

  it('renders every channel the message defines, measured', () => {
    const r = renderMessage(pb, 'm', { view, now: NOW });
    expect(r.title).toBe('The message');
    expect(r.audience).toBe('public');
    expect(r.channels.map((c) => c.channel)).toEqual(['x', 'sms', 'email']);
    expect(r.channels[2]).toMatchObject({ label: 'E-mail', subject: 'Acme: Messenger is down', text: 'Dear customer,\nwrite to help@acme.example.' });
  });

  it('uses the default template for a requested channel the message lacks', () => {
    const r = renderMessage(pb, 'm', { view, now: NOW, channels: ['website', 'x'] });
    expect(r.channels.map((c) => [c.channel, c.text])).toEqual([
      ['website', 'Default for Acme'],
      ['x', 'Acme is on it. Write to help@acme.example.'],
    ]);
    expect(() => renderMessage(pb, 'm', { view, now: NOW, channels: ['myspace'] })).toThrow(/unknown channel "myspace"/);
    expect(() => renderMessage(pb, 'nope', { view, now: NOW })).toThrow(/has no message "nope"; its messages: m/);
  });

  it('builds the JSON shape of the CLI spec', () => {
    const json = announceJson(renderMessage(pb, 'm', { view, now: NOW }));
    expect(json.message).toBe('m');
    expect(json.title).toBe('The message');
    expect(Object.keys(json.channels[0]!)).toEqual(['channel', 'text', 'length', 'limit', 'unit', 'within_limit']);
    expect(json.channels[1]).toMatchObject({ channel: 'sms', length: 1, limit: 2, unit: 'segments', within_limit: true, encoding: 'UCS-2' });
    expect(Object.keys(json.channels[2]!)).toEqual(['channel', 'text', 'subject', 'length', 'limit', 'unit', 'within_limit']);
    expect(json.channels[0]).toMatchObject({ length: 'Acme is on it. Write to help@acme.example.'.length, limit: 280, unit: 'weighted' });
  });
});

describe('exampleView', () => {
  it('uses examples, defaults, placeholders and plausible answers', () => {
    const pb = playbook('en', { x: 'x' });
    const v = exampleView(pb, NOW);
    expect(v).toMatchObject({ brand: 'Acme', tagline: 'We are here', nothing: '<nothing>', scope: 'everyone', backlog: 1, back_at: NOW.toISOString() });
    expect(v.people).toEqual({ lead: 'Incident lead', community: 'Community manager' });
    expect(v.incident).toMatchObject({ severity: 'minor', severity_title: 'Minor', id: '2026-11-21-messenger-down' });
    expect(String(v.alts)).toBe('e-mail (help@acme.example), phone and website');
  });
});

describe('channelName (the report\'s channel names)', () => {
  it('is the playbook label, else the short name or label in the language, else the id made readable', () => {
    expect(channelName('x', 'en')).toBe('X');
    expect(channelName('website', 'fr')).toBe('Bandeau du site');
    expect(channelName('website', 'en-GB')).toBe('Website banner');
    expect(channelName('sms', 'fr', { sms: { label: 'Texto' } })).toBe('Texto');
    expect(channelName('sms', 'fr', { email: { label: 'Courriel' } })).toBe('SMS');
    expect(channelName('my-forum', 'en')).toBe('My forum');
    expect(channelName('toString', 'en')).toBe('ToString');
  });
});

describe('formatList without ICU for en and fr', () => {
  it('writes lists exactly as Intl.ListFormat does', () => {
    const lists = [[], ['a'], ['a', 'b'], ['a', 'b', 'c'], ['e-mail', 'phone', 'form', 'FAQ']];
    for (const lang of Object.keys(LIST_WORDS)) {
      for (const type of ['conjunction', 'disjunction'] as const) {
        const intl = new Intl.ListFormat(intlLocale(lang), { type, style: 'long' });
        for (const items of lists) expect(formatList(items, lang, type), `${lang} ${type} ${items.length}`).toBe(intl.format(items));
      }
    }
    // other languages go through Intl
    expect(formatList(['a', 'b', 'c'], 'en-US')).toBe('a, b, and c');
    expect(formatList(['a', 'b'], 'de')).toBe('a und b');
  });
});

describe('empty messages', () => {
  it('refuses a message that renders as nothing, naming message and channel', () => {
    const pb = playbook('en', { x: 'ok', facebook: '{{#if scope}}{{/if}}  ' });
    expect(() => renderMessage(pb, 'm', { view: buildView(pb, input()), now: NOW })).toThrow(/message "m", channel "facebook": renders as an empty text/);
  });
});

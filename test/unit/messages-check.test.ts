process.env.TZ = 'UTC';
import { describe, expect, it } from 'vitest';
import { PlaybookSchema, type Playbook } from '../../src/playbook/schema.js';
import { checkPlaybookMessages } from '../../src/messages/check.js';

const NOW = new Date('2026-11-21T14:05:00Z');

function playbook(messages: Record<string, unknown>, extra: Record<string, unknown> = {}): Playbook {
  return PlaybookSchema.parse({
    format: 1,
    id: 'messenger-down',
    lang: 'en',
    title: 'Messenger is down',
    variables: { brand: { prompt: 'Brand', example: 'Acme' } },
    roles: { lead: { title: 'Incident lead' } },
    severities: [{ id: 'minor', title: 'Minor', update_every: '1h' }],
    phases: [
      {
        id: 'communicate',
        title: 'Tell',
        steps: [
          { id: 'alts', ask: 'Where?', type: 'multi', save_as: 'alts', options: [{ value: 'email', label: 'e-mail' }, 'phone'] },
          { id: 'first-post', announce: 'initial', channels: ['x', 'website', 'sms'] },
        ],
      },
    ],
    messages,
    ...extra,
  });
}

const errors = (pb: Playbook) => checkPlaybookMessages(pb, NOW).filter((p) => p.severity === 'error');

describe('checkPlaybookMessages', () => {
  it('accepts messages that render within their limits', () => {
    const pb = playbook({
      initial: { channels: { x: 'Sorry, {{brand}} is down; reach us by {{list alts}}.', email: { subject: '{{brand}}', body: 'Hi' }, default: 'Down. {{next_update}}' } },
    });
    expect(checkPlaybookMessages(pb, NOW)).toEqual([]);
  });

  it('reports a text over the limit with its path and by how much', () => {
    const pb = playbook({ initial: { channels: { x: 'a'.repeat(301), default: 'ok' } } });
    expect(errors(pb)).toEqual([
      {
        path: ['messages', 'initial', 'channels', 'x'],
        message: 'message "initial", channel "x": 301 of 280 weighted characters (21 over); shorten it',
        severity: 'error',
      },
    ]);
  });

  it('explains an SMS over its segments by the characters that force UCS-2', () => {
    const pb = playbook({ initial: { channels: { x: 'ok', sms: `Désolé, thé ☕ ${'a'.repeat(140)}`, default: 'ok' } } });
    const [problem] = errors(pb);
    expect(problem?.path).toEqual(['messages', 'initial', 'channels', 'sms']);
    expect(problem?.message).toMatch(/3 of 2 segments \(1 over\), in UCS-2 .* because of "☕"; shorten it or replace those characters/);
    expect(problem?.message).not.toMatch(/"é"/);
  });

  it('points an e-mail subject over 78 at the subject', () => {
    const pb = playbook({ initial: { channels: { email: { subject: 's'.repeat(80), body: 'b' }, default: 'ok' } } });
    expect(errors(pb)).toEqual([
      expect.objectContaining({ path: ['messages', 'initial', 'channels', 'email', 'subject'], message: expect.stringMatching(/subject is 80 of 78 characters \(2 over\)/) }),
    ]);
  });

  it('reports an unknown channel in a message and in a step, with a suggestion', () => {
    const pb = playbook({ initial: { channels: { facebok: 'Hi', default: 'ok' } } });
    pb.phases[0]!.steps[1]!.channels = ['x', 'myspace'];
    const found = errors(pb);
    expect(found).toContainEqual(
      expect.objectContaining({ path: ['messages', 'initial', 'channels', 'facebok'], message: expect.stringMatching(/unknown channel "facebok" \(did you mean "facebook"\?\)/) }),
    );
    expect(found).toContainEqual(expect.objectContaining({ path: ['phases', 0, 'steps', 1, 'channels', 1], message: expect.stringMatching(/unknown channel "myspace"/) }));
  });

  it('accepts a channel the playbook declares with a limit, and checks that limit', () => {
    const pb = playbook({ initial: { channels: { mastodon: 'a'.repeat(20), default: 'ok' } } }, { channels: { mastodon: { limit: 10 } } });
    expect(errors(pb)).toEqual([expect.objectContaining({ message: expect.stringMatching(/channel "mastodon": 20 of 10 characters \(10 over\)/) })]);
  });

  it('names the undefined variable and the template field', () => {
    const pb = playbook({ initial: { channels: { email: { subject: 'ok', body: 'Hi {{customer_name}}' }, default: 'ok' } } });
    expect(errors(pb)).toEqual([
      expect.objectContaining({
        path: ['messages', 'initial', 'channels', 'email', 'body'],
        message: 'message "initial", channel "email" (body): variable "customer_name" is not defined',
      }),
    ]);
  });

  it('reports a broken default template once, and a step channel with no template', () => {
    const pb = playbook({ initial: { channels: { default: 'Hi {{nope}}' } } });
    const found = errors(pb);
    expect(found.filter((p) => /"nope"/.test(p.message))).toHaveLength(1);
    expect(found[0]?.path).toEqual(['messages', 'initial', 'channels', 'default']);

    const noDefault = playbook({ initial: { channels: { x: 'ok' } } });
    expect(errors(noDefault)).toContainEqual(
      expect.objectContaining({ path: ['phases', 0, 'steps', 1, 'channels', 1], message: expect.stringMatching(/no "website" template and no "default"/) }),
    );
  });

  it('wants a subject and a body for e-mail, plain text elsewhere', () => {
    const pb = playbook({ initial: { channels: { email: 'just text', facebook: { subject: 's', body: 'b' }, default: 'ok' } } });
    const found = errors(pb);
    expect(found).toContainEqual(expect.objectContaining({ path: ['messages', 'initial', 'channels', 'email'], message: expect.stringMatching(/needs a subject and a body/) }));
    expect(found).toContainEqual(expect.objectContaining({ path: ['messages', 'initial', 'channels', 'facebook'], message: expect.stringMatching(/plain text/) }));
  });

  it('reports template errors in option labels and syntax errors', () => {
    const pb = playbook({ initial: { channels: { x: 'Hi {{#if brand}}', default: 'ok' } } });
    pb.phases[0]!.steps[0]!.options = [{ value: 'email', label: 'write to {{support}}' }];
    const found = errors(pb);
    expect(found).toContainEqual(
      expect.objectContaining({ path: ['phases', 0, 'steps', 0, 'options', 0, 'label'], message: 'step "alts", option 1 label: variable "support" is not defined' }),
    );
    expect(found).toContainEqual(expect.objectContaining({ path: ['messages', 'initial', 'channels', 'x'], message: expect.stringMatching(/template syntax error/) }));
  });

  it('reports a cadence helper with no cadence', () => {
    const pb = playbook({ initial: { channels: { x: 'Next: {{next_update}}', default: 'ok' } } }, { severities: [{ id: 'minor', title: 'Minor' }] });
    expect(errors(pb)[0]?.message).toMatch(/\{\{next_update\}\} needs an update cadence/);
  });

  it('flags channel settings that need a limit or are ignored', () => {
    const pb = playbook({ initial: { channels: { default: 'ok' } } }, { channels: { intranet: { label: 'Intranet' }, sms: { limit: 300 } } });
    const found = checkPlaybookMessages(pb, NOW);
    expect(found).toContainEqual(expect.objectContaining({ path: ['channels', 'intranet'], severity: 'error' }));
    expect(found).toContainEqual(expect.objectContaining({ path: ['channels', 'sms', 'limit'], severity: 'warning' }));
  });
});

import { describe, expect, it } from 'vitest';
import { checkPlaybookReferences } from '../../src/playbook/references.js';

/** A small valid playbook as plain data; each test breaks one thing. */
function sample(): Record<string, any> {
  return {
    format: 1,
    id: 'sample',
    lang: 'en',
    title: 'Sample',
    variables: { email: { prompt: 'Address', format: 'email', example: 'help@acme.example' } },
    roles: { lead: { title: 'Lead' }, comms: { title: 'Comms' } },
    severities: [
      { id: 'minor', title: 'Minor', notify: ['lead'] },
      { id: 'major', title: 'Major' },
    ],
    phases: [
      {
        id: 'confirm',
        title: 'Confirm',
        steps: [
          { id: 'devices', check: 'Test', owner: 'lead' },
          { id: 'confirmed', ask: 'Down?', type: 'confirm', save_as: 'down', on_no: { goto: 'post' } },
          { id: 'scope', ask: 'What?', type: 'multi', options: ['chat', { value: 'bots', label: 'Bots' }], save_as: 'scope' },
          { id: 'level', ask: 'How bad?', type: 'severity' },
        ],
      },
      {
        id: 'tell',
        title: 'Tell',
        steps: [
          { id: 'post', announce: 'initial', channels: ['x', 'mastodon'], when: { scope: ['bots'], down: 'yes', severity: 'major' } },
          { id: 'tip', info: 'Breathe' },
        ],
      },
    ],
    channels: { mastodon: { limit: 500 } },
    messages: { initial: { channels: { default: 'Down', x: 'Down' } } },
  };
}

const messages = (data: unknown) => checkPlaybookReferences(data).map((p) => `${p.path.join('.')}: ${p.message}`);

describe('checkPlaybookReferences', () => {
  it('finds nothing wrong in a sound playbook', () => {
    expect(messages(sample())).toEqual([]);
  });

  it('resolves owners and notify to roles, with a hint', () => {
    const pb = sample();
    pb.phases[0].steps[0].owner = 'leed';
    pb.severities[0].notify = ['boss'];
    expect(messages(pb)).toEqual([
      'severities.0.notify.0: notify "boss" is not a role of this playbook; roles: lead, comms',
      'phases.0.steps.0.owner: owner "leed" is not a role of this playbook (did you mean "lead"?)',
    ]);
  });

  it('resolves replies to private messages', () => {
    const pb = sample();
    pb.messages.reply = { audience: 'private', channels: { default: 'Hi' } };
    pb.phases[1].steps[1].replies = ['reply', 'replyy', 'initial'];
    expect(messages(pb)).toEqual([
      'phases.1.steps.1.replies.1: message "replyy" is not defined under "messages:" (did you mean "reply"?)',
      'phases.1.steps.1.replies.2: message "initial" is not a reply macro; add "audience: private" to it, or list it in an announce step',
    ]);
  });

  it('resolves announce to a message and channels to the catalogue or the playbook', () => {
    const pb = sample();
    pb.phases[1].steps[0].announce = 'intial';
    pb.phases[1].steps[0].channels = ['x', 'tiktok'];
    const out = messages(pb);
    expect(out).toContain('phases.1.steps.0.announce: message "intial" is not defined under "messages:" (did you mean "initial"?)');
    expect(out.some((m) => m.startsWith('phases.1.steps.0.channels.1: unknown channel "tiktok"'))).toBe(true);
  });

  it('needs a text for every channel an announce step lists, or a default', () => {
    const pb = sample();
    pb.messages.initial.channels = { x: 'Down' };
    expect(messages(pb)).toEqual([
      'phases.1.steps.0.channels.1: message "initial" has no text for channel "mastodon" and no "default" text; add one under messages.initial.channels',
    ]);
  });

  it('checks conditions: known answers, earlier answers, possible values', () => {
    const pb = sample();
    pb.phases[1].steps[0].when = { scope: ['robots'], down: 'maybe', severity: 'huge', nope: 1 };
    pb.phases[0].steps[0].when = { scope: 'chat' };
    const out = messages(pb);
    expect(out).toContain('phases.0.steps.0.when.scope: condition on "scope", which is only asked later (step "scope"); a condition can only use earlier answers');
    expect(out).toContain('phases.1.steps.0.when.scope.0: "robots" is never an answer to "scope" (did you mean "bots"?)');
    expect(out).toContain('phases.1.steps.0.when.down: "maybe" is never an answer to "down"; possible answers: yes, no, true, false');
    expect(out).toContain('phases.1.steps.0.when.severity: "huge" is never an answer to "severity"; possible answers: minor, major');
    expect(out.some((m) => m.startsWith('phases.1.steps.0.when.nope: condition on "nope", which no question saves'))).toBe(true);
  });

  it('accepts booleans for confirm answers', () => {
    const pb = sample();
    pb.phases[1].steps[0].when = { down: true };
    expect(messages(pb)).toEqual([]);
  });

  it('lets goto only skip ahead, to a step that exists', () => {
    const pb = sample();
    pb.phases[0].steps[1].on_no = { goto: 'devices' };
    expect(messages(pb)).toEqual(['phases.0.steps.1.on_no.goto: goto "devices" points back to an earlier step (or itself); goto can only skip ahead']);
    pb.phases[0].steps[1].on_no = { goto: 'psot' };
    expect(messages(pb)).toEqual(['phases.0.steps.1.on_no.goto: goto "psot": no step has this id (did you mean "post"?)']);
  });

  it('refuses duplicate ids and points at the first one', () => {
    const pb = sample();
    pb.phases[1].steps[1].id = 'devices';
    pb.phases[1].id = 'confirm';
    pb.severities[1].id = 'minor';
    pb.phases[0].steps[2].options = ['chat', 'chat'];
    const problems = checkPlaybookReferences(pb);
    const step = problems.find((p) => p.message.startsWith('duplicate step id'));
    expect(step).toMatchObject({ path: ['phases', 1, 'steps', 1, 'id'], related: ['phases', 0, 'steps', 0, 'id'] });
    expect(problems.map((p) => p.message.split(';')[0])).toEqual(
      expect.arrayContaining(['duplicate severity id "minor"', 'duplicate phase id "confirm"', 'duplicate option "chat"']),
    );
  });

  it('wants exactly one kind per step, and the keys that go with it', () => {
    const pb = sample();
    pb.phases[0].steps[0] = { id: 'devices', check: 'Test', info: 'Also', type: 'text' };
    pb.phases[1].steps[1] = { id: 'tip' };
    const out = messages(pb);
    expect(out).toContain('phases.0.steps.0.info: step "devices" has both "check" and "info"; a step does one thing: keep one, or split it into two steps');
    expect(out).toContain('phases.1.steps.1: step "tip" needs exactly one of check, ask, announce, info (what the operator does)');
  });

  it('ties type, options, save_as, channels, repeat and on_no to their kinds', () => {
    const pb = sample();
    pb.phases[0].steps[0] = { id: 'devices', check: 'Test', type: 'text', save_as: 'x', channels: ['x'], repeat: 'cadence', options: ['a'], on_no: { end: 'false-alarm' } };
    pb.phases[0].steps[2] = { id: 'scope', ask: 'What?', type: 'choice' };
    pb.phases[0].steps[3] = { id: 'level', ask: 'How bad?', type: 'text', options: ['a'], on_no: { end: 'false-alarm' } };
    pb.phases[1].steps[1] = { id: 'tip', ask: 'Why?' };
    pb.phases[1].steps[0].when = {};
    const out = messages(pb).map((m) => m.split(':')[0]);
    expect(out).toEqual([
      'phases.0.steps.0.type',
      'phases.0.steps.0.save_as',
      'phases.0.steps.0.channels',
      'phases.0.steps.0.repeat',
      'phases.0.steps.0.options',
      'phases.0.steps.0.on_no',
      'phases.0.steps.2',
      'phases.0.steps.3.options',
      'phases.0.steps.3.on_no',
      'phases.1.steps.1',
    ]);
  });

  it('checks variable examples and defaults against their format', () => {
    const pb = sample();
    pb.variables.email.example = 'not-an-address';
    pb.variables.site = { prompt: 'Site', format: 'url', default: 'acme' };
    pb.variables.phone = { prompt: 'Phone', format: 'phone', example: '+1 212 555 0142' };
    expect(messages(pb)).toEqual([
      'variables.email.example: example "not-an-address" is not an e-mail address, as "format: email" requires',
      'variables.site.default: default "acme" is not a web address such as acme.example or https://acme.example/help, as "format: url" requires',
    ]);
  });

  it('reads a url default or example as the prompt does: a bare host is a web address', () => {
    const pb = sample();
    pb.variables.site = { prompt: 'Site', format: 'url', default: 'latelier-co.fr', example: 'www.acme.example/aide' };
    expect(messages(pb)).toEqual([]);
  });

  it('wants a limit on channels the catalogue does not know', () => {
    const pb = sample();
    pb.channels = { mastodon: { label: 'Mastodon' }, x: { label: 'X' } };
    expect(messages(pb)[0]).toMatch(/^channels\.mastodon: channel "mastodon" is not in the catalogue, so it needs a "limit"/);
  });

  it('checks the channel keys of messages', () => {
    const pb = sample();
    pb.messages.initial.channels.facebok = 'Down';
    expect(messages(pb)[0]).toMatch(/^messages\.initial\.channels\.facebok: unknown channel "facebok" \(did you mean "facebook"\?\)/);
  });

  it('survives data the schema would refuse', () => {
    for (const data of [null, 3, 'x', [], { phases: 'x', roles: [1], severities: {} }, { phases: [null, { steps: [null, 3, { when: 'x' }] }] }]) {
      expect(() => checkPlaybookReferences(data)).not.toThrow();
    }
  });
});

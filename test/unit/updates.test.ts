/**
 * Public updates: one next-update time per announcement, the same on every
 * channel and kept by the messages that follow; a `repeat: cadence` update
 * offered when it falls due, early from the waiting menu; its news line.
 */
process.env.TZ = 'UTC';
import type { Playbook } from '../../src/playbook/schema.js';
import { describe, expect, it } from 'vitest';
import { tinyPlaybook } from '../helpers/playbooks.js';
import type { IncidentEvent, MessagePostedEvent } from '../../src/incident/events.js';
import { announceForStep, questionOptions } from '../../src/incident/announce.js';
import { walk, type WalkDeps, type WalkEvent } from '../../src/incident/walkthrough.js';
import { chainPrompters, type Prompter, type WaitingChoice } from '../../src/incident/prompter.js';
import { nextAction, nextUpdateDue } from '../../src/incident/engine.js';
import { parseAnswers } from '../../src/incident/answers.js';
import { scriptedPrompter } from '../../src/incident/scripted.js';
import { memoryIncident } from '../helpers/memory-log.js';

const T0 = new Date('2026-11-21T09:00:00Z');
const min = (m: number, s = 0) => new Date(T0.getTime() + m * 60_000 + s * 1000);

const playbook = tinyPlaybook({
  phases: [
    {
      id: 'communicate',
      title: 'Communicate',
      due: '30m',
      steps: [
        { id: 'first-post', announce: 'initial', channels: ['x', 'email'] },
        { id: 'redirect', announce: 'redirect', channels: ['x'] },
      ],
    },
    {
      id: 'monitor',
      title: 'Monitor',
      steps: [
        { id: 'update', announce: 'update', repeat: 'cadence', channels: ['x'] },
        { id: 'watch', check: 'Watch the status page' },
      ],
    },
    { id: 'resolve', title: 'Resolve', steps: [{ id: 'banner', check: 'Remove banners' }] },
  ],
  messages: {
    initial: { channels: { x: 'Tiny is down. Next update at {{next_update}}.', email: { subject: 'Tiny is down', body: 'Sorry. Next update at {{next_update}}.' } } },
    redirect: { channels: { x: 'Write to us by e-mail. Next update at {{next_update}}.' } },
    update: { channels: { x: 'Still down.{{#if whats_new}} {{whats_new}}{{/if}} Next update at {{next_update}}.' } },
  },
});

function incident() {
  return memoryIncident(T0);
}

/** A person who posts on every channel offered, taking `seconds` per answer; `waiting` scripts the waiting menu. */
function person(clock: { t: number }, seconds: number, waiting: WaitingChoice[] = ['quit'], news?: string): Prompter & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async answer(q) {
      asked.push(q.step.id);
      clock.t += seconds * 1000;
      if (q.step.announce) return { answer: { kind: 'announce', posted: q.channels ?? [] } };
      if (q.step.check) return { answer: { kind: 'check', status: 'done' } };
      return undefined;
    },
    async variable() {
      return undefined;
    },
    async waiting() {
      return waiting.shift() ?? 'quit';
    },
    async whatsNew() {
      return news;
    },
  };
}

async function run(prompter: Prompter, clock: { t: number }, inc = incident(), display: WalkDeps['display'] = () => undefined, book: Playbook = playbook) {
  inc.state.severity = 'major';
  await walk({
    playbook: book,
    state: inc.state,
    append: inc.append,
    prompter,
    live: true,
    now: () => new Date(clock.t),
    announce: (s, step, at, whatsNew) => announceForStep(book, s, step, at, whatsNew),
    options: (s, step) => questionOptions(book, s, step, new Date(clock.t)),
    display,
  });
  return inc;
}

const posts = (events: IncidentEvent[]) => events.filter((e): e is MessagePostedEvent => e.type === 'message_posted');

describe('one next-update time per announcement', () => {
  it('is the same on every channel and in the messages that follow, however long each takes to post', async () => {
    const clock = { t: min(10).getTime() };
    // each post takes 50 seconds: the e-mail and the redirect are rendered well after the X post
    const { events } = await run(person(clock, 50), clock);
    const early = posts(events).filter((p) => p.message !== 'update');
    expect(early.map((p) => p.channel)).toEqual(['x', 'email', 'x']);
    // the first post is reached at 09:10:00 and promises 09:40; confirmed 50 s later, it does not move
    expect(new Set(early.map((p) => p.next_update_at))).toEqual(new Set([min(40).toISOString()]));
    for (const p of early) expect(p.text).toContain('09:40');
  });
});

describe('a repeat: cadence update', () => {
  it('is not offered before it is due: the walkthrough goes on with the other steps, then waits', async () => {
    const clock = { t: min(10).getTime() };
    const p = person(clock, 10);
    const { state } = await run(p, clock);
    expect(p.asked).toEqual(['first-post', 'redirect', 'watch']);
    expect(state.steps.update).toBeUndefined();
    expect(nextUpdateDue(playbook, state)?.toISOString()).toBe(min(40).toISOString());
    expect(nextAction(playbook, state, min(39, 59), { offerRepeats: true })).toMatchObject({ kind: 'waiting' });
    expect(nextAction(playbook, state, min(40), { offerRepeats: true })).toMatchObject({ kind: 'step', step: { id: 'update' } });
  });

  it('can be posted early from the waiting menu, and then counts the next one from it', async () => {
    const clock = { t: min(10).getTime() };
    const p = person(clock, 10, ['update', 'quit'], 'The cause is found.');
    const { state, events } = await run(p, clock);
    expect(p.asked).toEqual(['first-post', 'redirect', 'watch', 'update']);
    const update = posts(events).find((e) => e.message === 'update')!;
    // reached at 09:10:30, before the first promise (09:40): it promises the next one a cadence later
    expect(update.text).toBe('Still down. The cause is found. Next update at 09:40.');
    expect(update.next_update_at).toBe(min(40, 30).toISOString());
    expect(nextUpdateDue(playbook, state)?.toISOString()).toBe(min(40, 30).toISOString());
  });

  it("asks for a news line only when the update's texts carry one: a line typed for a text without {{whats_new}} would appear nowhere", async () => {
    const plain = { ...playbook, messages: { ...playbook.messages, update: { channels: { x: 'Still down. Next update at {{next_update}}.' } } } };
    for (const [book, asked] of [[playbook, 1], [plain, 0]] as const) {
      const clock = { t: min(10).getTime() };
      const p = person(clock, 10, ['update', 'quit'], 'The cause is found.');
      let questions = 0;
      const counting: Prompter = { ...p, whatsNew: async (q) => (questions++, p.whatsNew!(q)) };
      const { events } = await run(counting, clock, incident(), () => undefined, book);
      expect(questions).toBe(asked);
      expect(posts(events).find((e) => e.message === 'update')?.text).toBe(asked ? 'Still down. The cause is found. Next update at 09:40.' : 'Still down. Next update at 09:40.');
    }
  });

  it('posted early from the waiting menu, is shown as its step of the plan (step 3 of 5), not of none', async () => {
    const clock = { t: min(10).getTime() };
    const shown: WalkEvent[] = [];
    await run(person(clock, 10, ['update', 'quit']), clock, incident(), (e) => shown.push(e));
    const steps = shown.flatMap((e) => (e.type === 'step' ? [e.action] : []));
    expect(steps.find((a) => a.step.id === 'update')).toMatchObject({ index: 3, total: 5, repeat: false });
  });

  it('takes its news line from an answers file (whats_new), for every repeat', () => {
    const text = [
      'steps:',
      '  update:',
      `    - { posted: [x], at: ${min(40).toISOString()}, whats_new: "A fix is being tested." }`,
      `    - { posted: [x], at: ${min(70).toISOString()} }`,
      '',
    ].join('\n');
    const { answers, diagnostics } = parseAnswers('a.yaml', text, playbook, { detectedAt: T0, now: min(90) });
    expect(diagnostics).toEqual([]);
    const [first, second] = answers!.steps.get('update')!;
    expect(first!.whatsNew).toBe('A fix is being tested.');
    expect(second!.whatsNew).toBeUndefined();
    // a news line for an update whose texts do not print it would appear nowhere: refused, at its line
    const plain = { ...playbook, messages: { ...playbook.messages, update: { channels: { x: 'Still down. Next update at {{next_update}}.' } } } };
    const unprinted = parseAnswers('a.yaml', `steps:\n  update:\n    - { posted: [x], at: ${min(40).toISOString()}, whats_new: "A fix." }\n`, plain, { detectedAt: T0, now: min(90) });
    expect(unprinted.diagnostics[0]).toMatchObject({ line: 3, severity: 'error' });
    expect(unprinted.diagnostics[0]!.message).toMatch(/step "update": whats_new is given, but message "update" does not print \{\{whats_new\}\}/);
    const bad = parseAnswers('a.yaml', 'steps:\n  watch: { status: done, whats_new: x }\n', playbook, { detectedAt: T0, now: min(90) });
    expect(bad.diagnostics[0]!.message).toMatch(/unknown key "whats_new"/);
  });

  it('from an answers file, puts the news line in the text posted', async () => {
    const text = [
      'steps:',
      `  first-post: { posted: [x], at: ${min(10).toISOString()} }`,
      `  redirect: { posted: [x], at: ${min(12).toISOString()} }`,
      `  update: { posted: [x], at: ${min(41).toISOString()}, whats_new: "A fix is being tested." }`,
      `  watch: { status: done, at: ${min(42).toISOString()} }`,
      '',
    ].join('\n');
    const { answers } = parseAnswers('a.yaml', text, playbook, { detectedAt: T0, now: min(90) });
    const clock = { t: min(90).getTime() };
    const inc = incident();
    inc.state.severity = 'major';
    await walk({
      playbook,
      state: inc.state,
      append: inc.append,
      prompter: chainPrompters(scriptedPrompter(answers!)),
      live: false,
      now: () => new Date(clock.t),
      announce: (s, step, at, whatsNew) => announceForStep(playbook, s, step, at, whatsNew),
      options: () => [],
      display: () => undefined,
    });
    const update = posts(inc.events).find((e) => e.message === 'update')!;
    expect(update.text).toBe('Still down. A fix is being tested. Next update at 10:11.');
    expect(update.at).toBe(min(41).toISOString());
  });
});

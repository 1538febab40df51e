/**
 * The times the walkthrough records: an answer is stamped when it is
 * confirmed, an answers file's `at` is kept for every kind of step, an info
 * step takes the time of the answer before it. A fake clock drives it all.
 */
import { describe, expect, it } from 'vitest';
import { tinyPlaybook } from '../helpers/playbooks.js';
import type { IncidentEvent } from '../../src/incident/events.js';
import { announceForStep, questionOptions } from '../../src/incident/announce.js';
import { walk, type WalkEvent } from '../../src/incident/walkthrough.js';
import { chainPrompters, type Prompter, type StepQuestion, type TimedAnswer } from '../../src/incident/prompter.js';
import { scriptedPrompter } from '../../src/incident/scripted.js';
import { memoryIncident } from '../helpers/memory-log.js';
import { parseAnswers } from '../../src/incident/answers.js';
import { statusOf } from '../../src/incident/status.js';

const T0 = new Date('2026-11-21T09:00:00Z');
const min = (m: number) => new Date(T0.getTime() + m * 60_000);

const playbook = tinyPlaybook({
  phases: [
    {
      id: 'confirm',
      title: 'Confirm',
      due: '15m',
      steps: [
        { id: 'devices', check: 'Test devices' },
        { id: 'real', ask: 'Is it real?', type: 'confirm' },
      ],
    },
    {
      id: 'communicate',
      title: 'Communicate',
      due: '30m',
      steps: [
        { id: 'post', announce: 'initial' },
        { id: 'tip', info: 'Be kind' },
      ],
    },
    { id: 'resolve', title: 'Resolve', steps: [{ id: 'banner', check: 'Remove banners' }] },
  ],
  messages: { initial: { channels: { x: 'Tiny is down. Next update at {{next_update}}.' } } },
});

/** An incident in memory, folded as the store folds it. */
function incident(detectedAt = T0) {
  return memoryIncident(detectedAt);
}

/** A clock the test moves; a prompter may move it while "the operator" thinks. */
function clock(start: Date) {
  let t = start.getTime();
  return { now: () => new Date(t), set: (d: Date) => (t = d.getTime()) };
}

async function run(prompter: Prompter, c: ReturnType<typeof clock>, options: { live?: boolean; resolvedAt?: Date } = {}) {
  const inc = incident();
  const seen: WalkEvent[] = [];
  const outcome = await walk({
    playbook,
    state: inc.state,
    append: inc.append,
    prompter,
    live: options.live ?? false,
    now: c.now,
    announce: (s, step, at) => announceForStep(playbook, s, step, at),
    options: (s, step) => questionOptions(playbook, s, step, c.now()),
    display: (e) => seen.push(e),
    ...(options.resolvedAt ? { resolvedAt: options.resolvedAt } : {}),
  });
  return { ...inc, outcome, seen };
}

const answered = (events: IncidentEvent[], step: string) => events.find((e) => e.type === 'step_answered' && e.step === step)?.at;

describe('the time an answer is recorded', () => {
  it('is when the operator confirms it, not when the question appeared', async () => {
    const c = clock(min(1));
    // each answer takes the operator two minutes: the clock moves while the prompt is open
    const slow: Prompter = {
      async answer(q: StepQuestion): Promise<TimedAnswer | undefined> {
        c.set(new Date(c.now().getTime() + 2 * 60_000));
        if (q.step.check) return { answer: { kind: 'check', status: 'done' } };
        if (q.step.announce) return { answer: { kind: 'announce', posted: ['x'] } };
        if (q.step.type === 'confirm') return { answer: { kind: 'ask', value: true } };
        return undefined;
      },
      async variable() {
        return undefined;
      },
    };
    const { events } = await run(slow, c);
    expect(answered(events, 'devices')).toBe(min(3).toISOString());
    expect(answered(events, 'real')).toBe(min(5).toISOString());
    // the post: reached at 5, pasted for two minutes, confirmed at 7
    expect(answered(events, 'post')).toBe(min(7).toISOString());
    expect(events.find((e) => e.type === 'message_posted')?.at).toBe(min(7).toISOString());
    // the info step is read right after the post
    expect(answered(events, 'tip')).toBe(min(7).toISOString());
  });

  it('keeps an answers file\'s `at` for every kind of step, info included, however late the run', async () => {
    const text = [
      'steps:',
      `  devices: { status: done, at: ${min(2).toISOString()} }`,
      `  real: { value: yes, at: ${min(4).toISOString()} }`,
      `  post: { posted: [x], at: ${min(12).toISOString()} }`,
      `  tip: { at: ${min(13).toISOString()} }`,
      `  banner: { status: done, at: ${min(95).toISOString()} }`,
      `resolved_at: ${min(90).toISOString()}`,
      '',
    ].join('\n');
    // the replay runs eleven days later
    const c = clock(new Date(T0.getTime() + 11 * 24 * 3600_000));
    const { answers, diagnostics } = parseAnswers('a.yaml', text, playbook, { detectedAt: T0, now: c.now() });
    expect(diagnostics).toEqual([]);
    const { events, state } = await run(scriptedPrompter(answers!), c, { resolvedAt: answers!.resolvedAt! });
    expect(answered(events, 'tip')).toBe(min(13).toISOString());
    expect(answered(events, 'post')).toBe(min(12).toISOString());
    // the post's text promises the next update for when it was posted
    const posted = events.find((e) => e.type === 'message_posted');
    expect(posted && posted.type === 'message_posted' ? posted.text : '').toContain('09:42');
    const communicate = statusOf(playbook, state, c.now()).deadlines.find((d) => d.phase === 'communicate');
    expect(communicate?.status).toBe('met');
    expect(new Date(communicate!.met_at!).toISOString()).toBe(min(12).toISOString());
  });

  it('gives an info step without `at` the time of the answer before it', async () => {
    const text = ['steps:', '  devices: done', '  real: yes', `  post: { posted: [x], at: ${min(20).toISOString()} }`, ''].join('\n');
    const c = clock(min(60));
    const { answers } = parseAnswers('a.yaml', text, playbook, { detectedAt: T0, now: c.now() });
    const { events } = await run(scriptedPrompter(answers!), c);
    expect(answered(events, 'tip')).toBe(min(20).toISOString());
    // answers without a time take the time of the run
    expect(answered(events, 'devices')).toBe(min(60).toISOString());
  });

  it('asks a person only for what the file leaves out, stamping those when confirmed', async () => {
    const c = clock(min(30));
    const text = ['steps:', `  devices: { status: done, at: ${min(3).toISOString()} }`, ''].join('\n');
    const { answers } = parseAnswers('a.yaml', text, playbook, { detectedAt: T0, now: c.now() });
    const person: Prompter = {
      async answer(q) {
        c.set(new Date(c.now().getTime() + 60_000));
        if (q.step.type === 'confirm') return { answer: { kind: 'ask', value: true } };
        if (q.step.announce) return { answer: { kind: 'announce', posted: [] } };
        return undefined;
      },
      async variable() {
        return undefined;
      },
    };
    const { events } = await run(chainPrompters(scriptedPrompter(answers!), person), c);
    expect(answered(events, 'devices')).toBe(min(3).toISOString());
    expect(answered(events, 'real')).toBe(min(31).toISOString());
  });
});

describe('times in an answers file lie between the detection and now', () => {
  const now = min(60);
  const parse = (lines: string[], detectedAt?: Date) => parseAnswers('answers.yaml', `${lines.join('\n')}\n`, playbook, { now, ...(detectedAt ? { detectedAt } : {}) });

  it('refuses an `at` before the detection, at its own line, saying how to fix it', () => {
    const { answers, diagnostics } = parse(['steps:', '  devices:', '    status: done', `    at: ${min(-5).toISOString()}`], T0);
    expect(answers).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: 'answers.yaml', line: 4 });
    expect(diagnostics[0]!.message).toMatch(/before the incident was detected.*fix the time/);
  });

  it('refuses an `at` in the future, for an info step too', () => {
    const { diagnostics } = parse(['steps:', `  tip: { at: ${min(61).toISOString()} }`], T0);
    expect(diagnostics[0]).toMatchObject({ line: 2 });
    expect(diagnostics[0]!.message).toMatch(/step "tip".*in the future/);
  });

  it('measures from the file\'s detected_at when the incident is not open yet, and checks resolved_at', () => {
    const { diagnostics } = parse([`detected_at: ${min(10).toISOString()}`, 'steps:', `  devices: { status: done, at: ${min(5).toISOString()} }`, `resolved_at: ${min(70).toISOString()}`]);
    expect(diagnostics.map((d) => d.line)).toEqual([4, 3]);
    expect(diagnostics.find((d) => d.line === 3)!.message).toMatch(/or set detected_at earlier/);
    expect(diagnostics.find((d) => d.line === 4)!.message).toMatch(/"resolved_at".*in the future/);
  });

  it('refuses a detected_at in the future', () => {
    const { diagnostics } = parse([`detected_at: ${min(61).toISOString()}`]);
    expect(diagnostics[0]).toMatchObject({ line: 1 });
  });

  it('accepts the edges: at the detection and at now', () => {
    const { diagnostics } = parse(['steps:', `  devices: { status: done, at: ${T0.toISOString()} }`, `  real: { value: yes, at: ${now.toISOString()} }`], T0);
    expect(diagnostics).toEqual([]);
  });
});

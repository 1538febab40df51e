import { mkdtempSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';

import { runInProcess } from '../helpers/in-process.js';

const PLAYBOOK = resolve('test/fixtures/playbooks/mini-down.en.yaml');
let home: string;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crisis-walk-'));
  home = join(dir, 'home');
});

// the incidents run in UTC whatever the machine's zone, so JSON times read +00:00
const env = () => ({ CRISIS_HOME: home, CRISIS_TZ: 'UTC' });
const events = (id: string) =>
  readFileSync(join(home, 'incidents', id, 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const answersFile = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

const FULL = `
detected_at: 2026-11-21T09:00:00Z
variables: { brand: Acme, support_email: help@acme.example, signature: Julie }
people: { lead: Julie Martin, community: Karim }
steps:
  devices: done
  downdetector: { status: done, note: "2,300 reports", at: 2026-11-21T09:04:00Z }
  hashtags: skipped
  confirmed: { value: yes, at: 2026-11-21T09:06:00Z }
  severity: major
  services: [dm, bots]
  backlog: 120
  legal: na
  first-post: { posted: [x, sms], at: 2026-11-21T09:20:00Z }
  update:
    - { posted: [x], at: 2026-11-21T10:20:00Z }
    - { posted: [x], at: 2026-11-21T11:25:00Z }
  banner: { status: done, at: 2026-11-21T12:10:00Z }
resolved_at: 2026-11-21T12:00:00Z
`;

describe('start and resume from an answers file', () => {
  it('walks a whole playbook from an answers file and records every answer', async () => {
    const file = answersFile('full.yaml', FULL);
    const r = await runInProcess(['start', PLAYBOOK, '--answers', file, '--no-input', '--id', 'full-run'], { env: env() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Incident full-run opened');
    const log = events('full-run');
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    const answered = log.filter((e) => e.type === 'step_answered').map((e) => e.step);
    expect(answered).toEqual(['devices', 'downdetector', 'hashtags', 'confirmed', 'severity', 'services', 'backlog', 'legal', 'tip', 'first-post', 'update', 'update', 'banner']);
    expect(log.find((e) => e.step === 'downdetector')).toMatchObject({ note: '2,300 reports', at: '2026-11-21T09:04:00.000Z' });
    expect(log.find((e) => e.type === 'severity_changed')).toMatchObject({ severity: 'major', notify: ['lead', 'management'] });
    const posts = log.filter((e) => e.type === 'message_posted');
    expect(posts.map((p) => p.channel)).toEqual(['x', 'sms', 'x', 'x']);
    expect(String(posts[0]?.text)).toContain('write to help@acme.example');
    expect(log.find((e) => e.type === 'resolved')).toMatchObject({ at: '2026-11-21T12:00:00.000Z' });

    // once nothing is open, status (like report) takes the most recent incident
    const status = await runInProcess(['status', '--json'], { env: env() });
    expect(status.code).toBe(0);
    const s = JSON.parse(status.stdout);
    expect(s).toMatchObject({
      id: 'full-run',
      playbook: 'mini-down',
      lang: 'en',
      state: 'resolved',
      severity: 'major',
      time_zone: 'UTC',
      detected_at: '2026-11-21T09:00:00+00:00',
      resolved_at: '2026-11-21T12:00:00+00:00',
      next_step: null,
      steps: { done: 12, total: 12 },
      next_update_due_at: null,
    });
    expect(s.deadlines).toEqual([
      { phase: 'confirm', due_at: '2026-11-21T09:15:00+00:00', met_at: '2026-11-21T09:06:00+00:00', status: 'met' },
      { phase: 'assess', due_at: '2026-11-21T09:30:00+00:00', met_at: expect.any(String), status: expect.stringMatching(/met|missed/) },
      { phase: 'communicate', due_at: '2026-11-21T09:30:00+00:00', met_at: '2026-11-21T09:20:00+00:00', status: 'met' },
    ]);
    expect(Object.keys(s).sort()).toEqual(
      ['id', 'playbook', 'lang', 'state', 'severity', 'detected_at', 'resolved_at', 'phase', 'next_step', 'steps', 'deadlines', 'next_update_due_at', 'drill', 'title', 'time_zone'].sort(),
    );
  });

  it('a partial answers file saves, exits 3 naming the next step; resume with the rest completes', async () => {
    const partial = answersFile('partial.yaml', FULL.replace(/ {2}severity: major[\s\S]*$/, ''));
    const r = await runInProcess(['start', PLAYBOOK, '--answers', partial, '--id', 'part'], { env: env() });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('step "severity"');
    expect(r.stderr).toContain('crisis resume part --answers FILE');
    expect(events('part').filter((e) => e.type === 'step_answered')).toHaveLength(4);

    const status = JSON.parse((await runInProcess(['status', '--json'], { env: env() })).stdout);
    expect(status).toMatchObject({ state: 'open', next_step: 'severity', phase: 'assess', steps: { done: 4 } });

    // the same full file again: answered steps are ignored, the rest applied
    const full = answersFile('full.yaml', FULL);
    const again = await runInProcess(['resume', 'part', '--answers', full], { env: env() });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const log = events('part');
    expect(log.filter((e) => e.step === 'devices' && e.type === 'step_answered')).toHaveLength(1);
    expect(log.at(-1)).toMatchObject({ type: 'phase_completed', phase: 'resolve' });
  });

  it('resume records the repeats of a cadence step that a killed run left out, once', async () => {
    // as a run killed after the first update: the step is answered, its second repeat is not
    const cut = answersFile('cut.yaml', FULL.replace('    - { posted: [x], at: 2026-11-21T11:25:00Z }\n', ''));
    const r = await runInProcess(['start', PLAYBOOK, '--answers', cut, '--no-input', '--id', 'cut'], { env: env() });
    expect(r.code, r.stderr).toBe(0);
    const updates = () => events('cut').filter((e) => e.type === 'step_answered' && e.step === 'update');
    expect(updates()).toHaveLength(1);

    const full = answersFile('full.yaml', FULL);
    const resumed = await runInProcess(['resume', 'cut', '--answers', full, '--no-input'], { env: env() });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(updates().map((e) => e.at)).toEqual(['2026-11-21T10:20:00.000Z', '2026-11-21T11:25:00.000Z']);
    expect(events('cut').filter((e) => e.type === 'message_posted' && e.at === '2026-11-21T11:25:00.000Z')).toHaveLength(1);

    // the same file once more adds nothing
    const before = events('cut').length;
    expect((await runInProcess(['resume', 'cut', '--answers', full, '--no-input'], { env: env() })).code).toBe(0);
    expect(events('cut')).toHaveLength(before);
  });

  it('a confirm answered no ends the incident as a false alarm', async () => {
    const file = answersFile('no.yaml', 'variables: { brand: A, support_email: a@b.example }\nsteps: { devices: done, downdetector: done, hashtags: done, confirmed: no }\n');
    const r = await runInProcess(['start', PLAYBOOK, '--answers', file, '--id', 'nope'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('false alarm');
    const status = JSON.parse((await runInProcess(['status', 'nope', '--json'], { env: env() })).stdout);
    expect(status.state).toBe('false-alarm');
  });

  it('stops without an answers file and without a terminal, naming what is missing (never waits on stdin)', async () => {
    const r = await runInProcess(['start', PLAYBOOK, '--var', 'brand=Acme'], { env: env(), input: '' });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('"support_email"');
  });

  it('an optional variable left unset but used by a message stops with exit 3 naming it, not a crash', async () => {
    const file = answersFile('nosig.yaml', FULL.replace(', signature: Julie', ''));
    const r = await runInProcess(['start', PLAYBOOK, '--answers', file, '--id', 'nosig'], { env: env() });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/variable "signature"/);
    expect(r.stderr).toContain('crisis resume nosig --answers FILE');
    const resumed = await runInProcess(['resume', 'nosig', '--answers', answersFile('sig.yaml', 'variables: { signature: Julie }\n' + FULL.replace(/^variables:.*$/m, ''))], { env: env() });
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
  });

  it('refuses bad answers files with file:line:col', async () => {
    const file = answersFile('bad.yaml', 'variables: { brand: A }\nsteps:\n  devices: maybe\n  nosuch: done\n');
    const r = await runInProcess(['start', PLAYBOOK, '--answers', file], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.yaml:3:\d+: step "devices": a checklist item is answered with done, skipped or na/);
    expect(r.stderr).toMatch(/bad\.yaml:4:3: unknown step "nosuch"/);
  });

  it('refuses --var without = and incident ids that try to leave the data directory', async () => {
    const a = await runInProcess(['start', PLAYBOOK, '--var', 'brand'], { env: env() });
    expect(a.code).toBe(1);
    expect(a.stderr).toContain('key=value');
    const b = await runInProcess(['start', PLAYBOOK, '--id', '../evil'], { env: env() });
    expect(b.code).toBe(1);
    const c = await runInProcess(['status', '../../etc'], { env: env() });
    expect(c.code).toBe(1);
    expect(c.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('a log with a torn last line still loads', async () => {
    const file = answersFile('full.yaml', FULL);
    await runInProcess(['start', PLAYBOOK, '--answers', file, '--id', 'torn'], { env: env() });
    appendFileSync(join(home, 'incidents', 'torn', 'events.jsonl'), '{"v":1,"seq":99,"at":"2026-11-21T1');
    const r = await runInProcess(['status', 'torn', '--json'], { env: env() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).state).toBe('resolved');
    expect(r.stderr).toMatch(/cut off/);
  });
});

describe('concurrent writers', () => {
  it('many crisis log processes beside a walkthrough lose nothing and keep seq contiguous', async () => {
    const file = answersFile('full.yaml', FULL);
    const notes = Array.from({ length: 12 }, (_, i) => runInProcess(['log', 'busy', `note ${i}`], { env: env() }));
    const walk = runInProcess(['start', PLAYBOOK, '--answers', file, '--id', 'busy'], { env: env() });
    const walkResult = await walk;
    const results = await Promise.all(notes);
    expect(walkResult.code).toBe(0);
    const log = events('busy');
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    const written = results.filter((r) => r.code === 0).length;
    expect(log.filter((e) => e.type === 'note')).toHaveLength(written);
    // notes sent before the incident existed fail clearly, the others are all kept
    for (const r of results) if (r.code !== 0) expect(r.stderr).toMatch(/no open incident|no incident/);
    const more = await Promise.all(Array.from({ length: 10 }, (_, i) => runInProcess(['log', 'busy', `later ${i}`, '--as', 'lead'], { env: env() })));
    expect(more.every((r) => r.code === 0)).toBe(true);
    const after = events('busy');
    expect(after.filter((e) => e.type === 'note' && String(e.text).startsWith('later'))).toHaveLength(10);
    expect(after.map((e) => e.seq)).toEqual(after.map((_, i) => i + 1));
  });
});


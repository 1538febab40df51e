/**
 * An incident's life on the command line: opened with --at and --drill, left
 * open, listed, resolved with the stand-down steps, then listed as closed.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

import { runInProcess } from '../helpers/in-process.js';

const PLAYBOOK = resolve('test/fixtures/playbooks/mini-down.en.yaml');

describe('an incident from start to resolve', () => {
  it('start --at --drill, incidents, resolve --at with the stand-down, incidents --all, timeline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crisis-life-'));
    // the incident's zone, whatever the machine's: JSON times carry its offset
    const env = { CRISIS_HOME: join(dir, 'home'), CRISIS_TZ: 'Europe/Paris' };
    const before = join(dir, 'before.yaml');
    writeFileSync(
      before,
      `variables: { brand: Acme, support_email: help@acme.example, signature: Julie }
steps: { devices: done, downdetector: done, hashtags: done, confirmed: yes, severity: minor, services: [dm], backlog: 3,
         first-post: { posted: [x] }, update: { posted: [x] } }
`,
    );
    const start = await runInProcess(['start', PLAYBOOK, '--answers', before, '--at', '2026-11-21T09:00:00Z', '--drill', '--no-input'], { env });
    // every step before resolution is answered: the incident stays open, and says what to do next
    expect(start.code).toBe(0);
    expect(start.stdout).toContain('(drill)');
    expect(start.stdout).toContain('crisis resolve');

    const open = await runInProcess(['incidents', '--json'], { env });
    expect(JSON.parse(open.stdout)).toEqual([
      expect.objectContaining({ id: '2026-11-21-mini-down', state: 'open', drill: true, detected_at: '2026-11-21T10:00:00+01:00', severity: 'minor' }),
    ]);
    const text = await runInProcess(['incidents'], { env });
    expect(text.stdout).toMatch(/^2026-11-21-mini-down\s+open\s/m);
    // in the environment's language
    const french = await runInProcess(['incidents'], { env: { ...env, LANG: 'fr_FR.UTF-8' } });
    expect(french.stdout).toMatch(/^ID +ÉTAT +DÉTECTÉ +GRAVITÉ +TITRE\n2026-11-21-mini-down +en cours +/);

    // the stand-down step comes only after resolution; without an answer it is a missing one
    const stuck = await runInProcess(['resolve', '--at', '2026-11-21T11:00:00Z', '--yes', '--no-input'], { env });
    expect(stuck.code).toBe(3);
    expect(stuck.stderr).toContain('step "banner"');
    const after = join(dir, 'after.yaml');
    writeFileSync(after, 'steps: { banner: done }\n');
    const rest = await runInProcess(['resume', '--answers', after], { env });
    expect(rest.code).toBe(0);

    const none = await runInProcess(['incidents'], { env });
    expect(none.stdout).toContain('No open incident (1 closed; crisis incidents --all shows them)');
    const aucun = await runInProcess(['incidents'], { env: { ...env, LC_ALL: 'fr_CA.UTF-8' } });
    expect(aucun.stdout).toContain('Aucun incident en cours (1 clos\u202f; crisis incidents --all les montre).');
    const all = JSON.parse((await runInProcess(['incidents', '--all', '--json'], { env })).stdout);
    expect(all[0]).toMatchObject({ state: 'resolved', ended_at: '2026-11-21T12:00:00+01:00', time_zone: 'Europe/Paris' });

    const status = JSON.parse((await runInProcess(['status', '--json'], { env })).stdout);
    expect(status).toMatchObject({ state: 'resolved', resolved_at: '2026-11-21T12:00:00+01:00', drill: true, next_step: null });

    // once resolved, announce without an id picks the most recent incident; an update would say
    // the outage goes on, so it is refused unless forced
    const refused = await runInProcess(['announce', 'update', '--channel', 'x'], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--force');
    const again = await runInProcess(['announce', 'update', '--channel', 'x', '--force'], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Acme');

    const timeline = await runInProcess(['timeline'], { env });
    expect(timeline.code).toBe(0);
    expect(timeline.stdout).toMatch(/^# /m);
    expect(timeline.stdout).toContain('Incident resolved');
  });

  it('resolve refuses an incident that is already closed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crisis-life-'));
    const env = { CRISIS_HOME: join(dir, 'home') };
    const file = join(dir, 'no.yaml');
    writeFileSync(file, 'variables: { brand: A, support_email: a@b.example }\nsteps: { devices: done, downdetector: done, hashtags: done, confirmed: no }\n');
    expect((await runInProcess(['start', PLAYBOOK, '--answers', file, '--id', 'fa'], { env })).code).toBe(0);
    const r = await runInProcess(['resolve', 'fa'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('already closed as a false alarm');
  });

  it('takes team defaults from .crisis/config.yaml, under the answers file, and refuses a bad config at its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crisis-team-'));
    mkdirSync(join(dir, '.crisis'));
    const config = join(dir, '.crisis', 'config.yaml');
    writeFileSync(config, 'variables:\n  brand: Acme\n  support_email: team@acme.example\n  signature:\npeople:\n  lead: Julie Martin\n');
    const answers = join(dir, 'a.yaml');
    writeFileSync(answers, 'variables: { signature: Karim, support_email: crisis@acme.example }\nsteps: { devices: done, downdetector: done, hashtags: done, confirmed: no }\n');
    // no CRISIS_HOME: the .crisis folder above the current one is the data directory
    const r = await runInProcess(['start', PLAYBOOK, '--answers', answers, '--id', 'team'], { cwd: dir, env: { CRISIS_HOME: undefined } });
    expect(r.code, r.stderr).toBe(0);
    // shown, not asked, with where each value comes from
    expect(r.stdout).toMatch(/^Given, not asked:\n {2}brand +Acme +config\.yaml\n/m);
    expect(r.stdout).toMatch(/^ {2}support_email +crisis@acme\.example +answers file$/m);
    expect(r.stdout).toMatch(/^ {2}lead +Julie Martin +config\.yaml$/m);
    const events = readFileSync(join(dir, '.crisis', 'incidents', 'team', 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(events.find((e) => e.type === 'variables_set')).toMatchObject({
      variables: { brand: 'Acme', support_email: 'crisis@acme.example', signature: 'Karim' },
      source: 'config+answers',
    });
    expect(events.find((e) => e.type === 'people_set')).toMatchObject({ people: { lead: 'Julie Martin' } });

    writeFileSync(config, 'variables:\n  brand:\n    name: Acme\n');
    const bad = await runInProcess(['start', PLAYBOOK, '--answers', answers, '--id', 'team-2'], { cwd: dir, env: { CRISIS_HOME: undefined } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('config.yaml:3:5: "variables.brand" must be a single value');
    writeFileSync(config, 'variables: {}\nteam: x\n');
    const unknown = await runInProcess(['start', PLAYBOOK, '--answers', answers, '--id', 'team-3'], { cwd: dir, env: { CRISIS_HOME: undefined } });
    expect(unknown.stderr).toContain('config.yaml:2:1: unknown key "team"; config.yaml holds variables:, people:, page:, notify:, smtp: and timezone:');
  });
});

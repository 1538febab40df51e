/**
 * Taking back mistakes on the command line: a false alarm reopened, an answer
 * undone and given again, a stray incident discarded; and after resolution,
 * only the stand-down steps.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess as runCli } from '../helpers/in-process.js';

const PLAYBOOK = resolve('test/fixtures/playbooks/mini-down.en.yaml');
const VARS = 'variables: { brand: Acme, support_email: help@acme.example, signature: Julie }\n';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'crisis-fix-'));
  const env = { CRISIS_HOME: join(dir, 'home') };
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const log = (id: string) =>
    readFileSync(join(env.CRISIS_HOME, 'incidents', id, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { env, file, log };
}

describe('reopen, undo, discard', () => {
  it('a false alarm reopened asks its confirmation again; undo withdraws an answer, which is asked again', async () => {
    const { env, file, log } = setup();
    const no = file('no.yaml', `${VARS}steps: { devices: done, downdetector: done, hashtags: done, confirmed: no }\n`);
    expect((await runCli(['start', PLAYBOOK, '--answers', no, '--id', 'fa', '--no-input'], { env })).code).toBe(0);

    const reopened = await runCli(['reopen'], { env });
    expect(reopened.code, reopened.stderr).toBe(0);
    expect(reopened.stdout).toContain('Incident fa is open again.');
    expect(reopened.stdout).toContain('crisis resume fa');
    const status = JSON.parse((await runCli(['status', '--json'], { env })).stdout);
    expect(status).toMatchObject({ state: 'open', next_step: 'confirmed' });

    const yes = file('yes.yaml', 'steps: { confirmed: yes, severity: major }\n');
    expect((await runCli(['resume', '--answers', yes, '--no-input'], { env })).code).toBe(3);
    const undone = await runCli(['undo'], { env });
    expect(undone.code, undone.stderr).toBe(0);
    expect(undone.stdout).toContain('Answer withdrawn (kept in the log): severity (How serious is it?)');
    const after = JSON.parse((await runCli(['status', '--json'], { env })).stdout);
    expect(after).toMatchObject({ state: 'open', severity: null, next_step: 'severity' });

    const minor = file('minor.yaml', 'steps: { severity: minor }\n');
    expect((await runCli(['resume', '--answers', minor, '--no-input'], { env })).code).toBe(3);
    const events = log('fa');
    expect(events.filter((e) => e.type === 'step_answered' && e.step === 'severity').map((e) => e.value)).toEqual(['major', 'minor']);
    expect(events.filter((e) => e.type === 'answer_withdrawn').map((e) => e.step)).toEqual(['confirmed', 'severity']);
    expect(JSON.parse((await runCli(['status', '--json'], { env })).stdout)).toMatchObject({ severity: 'minor', next_step: 'services' });

    const report = await runCli(['report', '--json'], { env });
    expect(JSON.parse(report.stdout).figures ?? JSON.parse(report.stdout)).toMatchObject({ severity: { id: 'minor' } });
  });

  it('discard hides a stray incident from incidents and from commands without an id; reopen brings it back', async () => {
    const { env, file } = setup();
    const part = file('part.yaml', `${VARS}steps: { devices: done }\n`);
    expect((await runCli(['start', PLAYBOOK, '--answers', part, '--id', 'real', '--no-input'], { env })).code).toBe(3);
    expect((await runCli(['start', PLAYBOOK, '--answers', part, '--id', 'stray', '--new', '--no-input'], { env })).code).toBe(3);
    expect((await runCli(['status'], { env })).stderr).toContain('2 incidents are open');

    const discarded = await runCli(['discard', 'stray'], { env });
    expect(discarded.code, discarded.stderr).toBe(0);
    expect(discarded.stdout).toContain('crisis reopen stray');
    const listed = JSON.parse((await runCli(['incidents', '--json'], { env })).stdout) as Array<{ id: string }>;
    expect(listed.map((i) => i.id)).toEqual(['real']);
    const all = JSON.parse((await runCli(['incidents', '--all', '--json'], { env })).stdout) as Array<{ id: string; state: string }>;
    expect(all).toContainEqual(expect.objectContaining({ id: 'stray', state: 'discarded' }));
    // the only open one again: commands without an id work
    expect(JSON.parse((await runCli(['status', '--json'], { env })).stdout)).toMatchObject({ id: 'real' });
    // with the real one discarded too, "the latest incident" is never a discarded one
    expect((await runCli(['discard', 'real'], { env })).code).toBe(0);
    expect((await runCli(['report'], { env })).stderr).toContain('no open incident');

    expect((await runCli(['discard'], { env })).code).toBe(2);
    expect((await runCli(['reopen', 'stray'], { env })).code).toBe(0);
    expect(JSON.parse((await runCli(['status', '--json'], { env })).stdout)).toMatchObject({ id: 'stray', state: 'open' });
  });

  it('after resolution, resume walks only the stand-down steps', async () => {
    const { env, file } = setup();
    const part = file('part.yaml', `${VARS}steps: { devices: done, downdetector: done, hashtags: done, confirmed: yes, severity: minor }\n`);
    expect((await runCli(['start', PLAYBOOK, '--answers', part, '--no-input', '--at', '2026-11-21T09:00:00Z'], { env })).code).toBe(3);
    const resolved = await runCli(['resolve', '--yes', '--no-input', '--at', '2026-11-21T10:00:00Z'], { env });
    expect(resolved.code).toBe(3);
    expect(resolved.stderr).toContain('step "banner"');
    expect(resolved.stdout).not.toMatch(/Tell the community|Assess the impact/);
    const status = JSON.parse((await runCli(['status', '--json'], { env })).stdout);
    expect(status).toMatchObject({ state: 'resolved', next_step: 'banner' });
    const rest = file('rest.yaml', 'steps: { banner: done }\n');
    const end = await runCli(['resume', '--answers', rest, '--no-input'], { env });
    expect(end.code, end.stderr).toBe(0);
    expect(end.stdout).toContain('Stand down');
    expect(end.stdout).not.toContain('Tell the community');
  });

  it('a second start of the same playbook is refused, naming the open one; --new opens another', async () => {
    const { env, file } = setup();
    const part = file('part.yaml', `${VARS}steps: { devices: done }\n`);
    expect((await runCli(['start', PLAYBOOK, '--answers', part, '--no-input'], { env })).code).toBe(3);
    const again = await runCli(['start', PLAYBOOK, '--answers', part, '--no-input'], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/incident \d{4}-\d\d-\d\d-mini-down of playbook "mini-down" is open; continue it with: crisis resume \d{4}-\d\d-\d\d-mini-down/);
    expect(again.stderr).toContain('--new');
    expect(JSON.parse((await runCli(['incidents', '--json'], { env })).stdout)).toHaveLength(1);
    const other = await runCli(['start', PLAYBOOK, '--answers', part, '--no-input', '--new'], { env });
    expect(other.code).toBe(3);
    expect(other.stdout).toMatch(/Incident \S+-mini-down-2 opened/);
  });

  it('resolve without a terminal needs --yes: exit 3, nothing recorded', async () => {
    const { env, file, log } = setup();
    const part = file('part.yaml', `${VARS}steps: { devices: done }\n`);
    expect((await runCli(['start', PLAYBOOK, '--answers', part, '--no-input', '--id', 'r'], { env })).code).toBe(3);
    const before = log('r').length;
    const r = await runCli(['resolve'], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('add --yes');
    expect(log('r')).toHaveLength(before);
    const yes = await runCli(['resolve', '--yes', '--no-input'], { env });
    expect(yes.stdout).toContain('Incident r resolved at');
    expect(log('r').some((e) => e.type === 'resolved')).toBe(true);
  });
});

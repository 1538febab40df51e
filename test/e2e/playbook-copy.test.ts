/**
 * The incident keeps its playbook: renaming a step in the file after the
 * start changes neither its progress nor what resume asks, and resume and
 * status say the file has changed.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';

const NOW = new Date('2026-11-21T10:00:00Z');

describe('the playbook an incident runs', () => {
  it('is the copy taken at the start, whatever happens to the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crisis-copy-'));
    const env = { CRISIS_HOME: join(dir, 'home') };
    const playbook = join(dir, 'mini-down.en.yaml');
    const original = readFileSync(resolve('test/fixtures/playbooks/mini-down.en.yaml'), 'utf8');
    writeFileSync(playbook, original);
    const answers = join(dir, 'a.yaml');
    writeFileSync(answers, 'variables: { brand: Acme, support_email: help@acme.example }\nsteps:\n  devices: { status: done, at: 2026-11-21T09:02:00Z }\n');
    const start = await runInProcess(['start', playbook, '--answers', answers, '--no-input', '--id', 'kept', '--at', '2026-11-21T09:00:00Z'], { env, now: NOW });
    expect(start.code).toBe(3);
    const copy = join(env.CRISIS_HOME, 'incidents', 'kept', 'playbook.yaml');
    expect(readFileSync(copy, 'utf8')).toBe(original);
    const before = JSON.parse((await runInProcess(['status', 'kept', '--json'], { env, now: NOW })).stdout) as { steps: { done: number }; next_step: string };
    expect(before.steps.done).toBe(1);

    // the step answered is renamed in the file
    writeFileSync(playbook, original.replace('id: devices', 'id: two-devices'));
    const status = await runInProcess(['status', 'kept', '--json'], { env, now: NOW });
    expect(JSON.parse(status.stdout)).toMatchObject({ steps: { done: 1 }, next_step: before.next_step });
    expect(status.stderr).toContain(`warning: the playbook ${playbook} has changed since incident kept opened; it goes on with the copy it opened with (${copy})`);
    const resume = await runInProcess(['resume', 'kept', '--no-input'], { env, now: NOW });
    expect(resume.stderr).toContain('has changed since incident kept opened');
    // resume asks the next step, not the renamed one
    expect(resume.stderr).toContain(`step "${before.next_step}"`);
    expect(resume.stderr).not.toContain('two-devices');

    // a status of an incident whose file is as it was says nothing
    writeFileSync(playbook, original);
    expect((await runInProcess(['status', 'kept'], { env, now: NOW })).stderr).toBe('');
    expect(existsSync(copy)).toBe(true);
  });
});

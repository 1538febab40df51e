/**
 * What the notification hook says when it cannot queue the team's
 * notifications is said in the incident's language, its reason too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/context.js';
import type { IncidentState } from '../../src/incident/state.js';
import { notifyHook } from '../../src/notify/hooks.js';
import { resolvePlaybook } from '../../src/playbook/find.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function hookWarning(playbookFile: string, role: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'crisis-hook-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'config.yaml'), `notify:\n  ${role}: { email: ${role}@acme.example }\n`);
  let stderr = '';
  const ctx = {
    cwd: dir,
    env: { CRISIS_NOTIFY_BACKGROUND: '0' },
    now: () => new Date('2026-11-21T10:00:00Z'),
    stdout: { write: () => true },
    stderr: { write: (text: string) => ((stderr += text), true) },
  } as unknown as CommandContext;
  const { playbook } = await resolvePlaybook(resolve(playbookFile), { cwd: dir, env: {}, playbookDirs: [] });
  // an incident whose log is gone: nothing can be queued for it
  const state = { id: '2026-11-21-absent', notifications: {} } as unknown as IncidentState;
  const hook = await notifyHook(ctx, dir, playbook, state);
  hook?.stop();
  return stderr;
}

describe('a notification that cannot be queued', () => {
  it('is said in French in a French incident', async () => {
    const said = await hookWarning('test/fixtures/playbooks/panne-messagerie.fr.yaml', 'pilote');
    expect(said).toMatch(/^attention\s: les notifications de l’équipe n’ont pas pu être mises en file d’attente\s: /);
    expect(said).toContain('2026-11-21-absent');
    expect(said).not.toMatch(/\b(warning|could not|no incident)\b/i);
  });

  it('is said in English in an English one', async () => {
    const said = await hookWarning('test/fixtures/playbooks/mini-down.en.yaml', 'lead');
    expect(said).toMatch(/^warning: team notifications could not be queued: .*2026-11-21-absent/);
  });
});

/**
 * Where crisis writes: `report -o` / `timeline -o` only to a regular file or
 * a new path (`-o -` and /dev/stdout are standard output); an incident whose
 * folder or log is a link leading out of the data directory is not written;
 * messages never quote what a linked file holds; ids and dates that cannot be.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAtOption } from '../../src/commands/common.js';
import { UserError } from '../../src/errors.js';
import { eventsPath } from '../../src/incident/paths.js';
import { appendEvents, createIncident, readEvents } from '../../src/incident/store.js';
import { runInProcess } from '../helpers/in-process.js';
import { note, opened, rejection, tempDirs } from '../helpers/store-fixtures.js';

const temp = tempDirs();
afterEach(temp.cleanup);

async function withIncident(): Promise<{ home: string; cwd: string; env: Record<string, string> }> {
  const home = await temp.make();
  const cwd = await temp.make();
  await createIncident(home, 'inc', opened({ at: '2026-11-21T09:05:00Z', detected_at: '2026-11-21T09:05:00Z' }));
  return { home, cwd, env: { CRISIS_HOME: home } };
}

describe.skipIf(process.platform === 'win32')('report -o and timeline -o', () => {
  it.each(['report', 'timeline'])('%s: -o - and -o /dev/stdout write to standard output', async (command) => {
    const { cwd, env } = await withIncident();
    const dash = await runInProcess([command, 'inc', '-o', '-'], { env, cwd });
    expect(dash.code, dash.stderr).toBe(0);
    expect(dash.stdout).toMatch(/^# /);
    const dev = await runInProcess([command, 'inc', '-o', '/dev/stdout'], { env, cwd });
    expect(dev.code, dev.stderr).toBe(0);
    expect(dev.stdout).toBe(dash.stdout);
  });

  it.each(['report', 'timeline'])('%s: refuses a named pipe and a device, and leaves them as they were', async (command) => {
    const { cwd, env } = await withIncident();
    const fifo = join(cwd, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const r = await runInProcess([command, 'inc', '-o', 'pipe'], { env, cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('crisis: cannot write pipe: it is a named pipe, and -o writes only to a regular file or a new path\n');
    expect(r.stderr).toContain('-o -');
    expect(lstatSync(fifo).isFIFO()).toBe(true);

    const device = await runInProcess([command, 'inc', '-o', '/dev/null'], { env, cwd });
    expect(device.code).toBe(1);
    expect(device.stderr).toContain('crisis: cannot write /dev/null: it is a device, and -o writes only to a regular file or a new path\n');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);

    // a link to a device is judged by what it leads to
    await symlink('/dev/null', join(cwd, 'sink'));
    expect((await runInProcess([command, 'inc', '-o', 'sink'], { env, cwd })).stderr).toContain('it is a device');
    expect(lstatSync(join(cwd, 'sink')).isSymbolicLink()).toBe(true);
  });

  it('writes a new path and replaces a regular file; refuses a folder', async () => {
    const { cwd, env } = await withIncident();
    const fresh = await runInProcess(['report', 'inc', '-o', 'report.md'], { env, cwd });
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stderr).toBe('crisis: wrote report.md\n');
    await writeFile(join(cwd, 'old.md'), 'old');
    expect((await runInProcess(['timeline', 'inc', '-o', 'old.md'], { env, cwd })).code).toBe(0);
    expect(await readFile(join(cwd, 'old.md'), 'utf8')).toMatch(/^# /);
    await mkdir(join(cwd, 'folder'));
    const folder = await runInProcess(['report', 'inc', '-o', 'folder'], { env, cwd });
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain('crisis: cannot write folder: it is a folder\n');
  });
});

describe.skipIf(process.platform === 'win32')('links in the data directory', () => {
  it('refuses to write through an incident folder linked from outside, and says which link', async () => {
    const { home, env } = await withIncident();
    const outside = await temp.make();
    await createIncident(outside, 'elsewhere', opened());
    const before = await readFile(eventsPath(outside, 'elsewhere'), 'utf8');
    const link = join(home, 'incidents', 'elsewhere');
    await symlink(join(outside, 'incidents', 'elsewhere'), link);
    const r = await runInProcess(['log', 'elsewhere', 'a', 'note'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`crisis: will not write to incident elsewhere: ${link} is a symbolic link leading out of the data directory ${home}\n`);
    expect(await readFile(eventsPath(outside, 'elsewhere'), 'utf8')).toBe(before);
  });

  it('refuses a log linked to a file outside, and never quotes what that file holds', async () => {
    const { home, env } = await withIncident();
    const outside = await temp.make();
    const secret = join(outside, 'secret.txt');
    const event = JSON.stringify({ v: 1, seq: 1, at: '2026-11-21T09:05:00Z', type: 'opened', incident: 'x' });
    await writeFile(secret, `token=hunter2-very-secret\n${event}\n`);
    await mkdir(join(home, 'incidents', 'linked'));
    const file = eventsPath(home, 'linked');
    await symlink(secret, file);
    const error = await rejection(appendEvents(home, 'linked', [note('x')]));
    expect(error.message).toBe(`will not write to incident linked: ${file} is a symbolic link leading out of the data directory ${home}`);
    expect(await readFile(secret, 'utf8')).toBe(`token=hunter2-very-secret\n${event}\n`);
    const status = await runInProcess(['status', 'linked'], { env });
    expect(status.code).toBe(1);
    expect(status.stderr).toContain(`${file}:1: not valid JSON`);
    expect(status.stderr).not.toMatch(/token|hunter|secret\b/);
  });

  it('follows links that stay inside the data directory', async () => {
    const { home } = await withIncident();
    await symlink(join(home, 'incidents', 'inc'), join(home, 'incidents', 'alias'));
    const [event] = await appendEvents(home, 'alias', [note('through the alias')]);
    expect(event?.seq).toBe(2);
    expect((await readEvents(home, 'inc')).events).toHaveLength(2);
  });

  it('does not open an incident when incidents/ leads out of the data directory', async () => {
    const home = await temp.make();
    const outside = await temp.make();
    await symlink(outside, join(home, 'incidents'));
    const error = await rejection(createIncident(home, 'new-one', opened()));
    expect(error.message).toBe(`will not write to incident new-one: ${join(home, 'incidents')} is a symbolic link leading out of the data directory ${home}`);
    await rm(join(home, 'incidents'));
    expect(await readdir(outside)).toEqual([]);
  });
});

describe('--at', () => {
  it('refuses year 0000 and other years before any incident', () => {
    expect(() => parseAtOption('0000-01-01T00:00:00Z')).toThrow(
      new UserError('--at "0000-01-01T00:00:00Z" is before 1970; give the time it happened, like 2026-11-21T09:05:00+01:00'),
    );
    expect(parseAtOption('2026-11-21T09:05:00Z')?.toISOString()).toBe('2026-11-21T09:05:00.000Z');
  });
});

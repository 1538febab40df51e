/**
 * The small conventions a shell user expects: -v, `-o -` for stdout, a
 * missing argument that says what to type, and `crisis init` keeping
 * incident logs out of git. -v is answered by the binary's start-up before
 * the command line is parsed, so it runs as a process; the rest in process,
 * through the same entry as the binary.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';
import { ROOT, runCli, tempDir } from './helpers.js';

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('conventions', () => {
  it('-v prints the version, alone and after another option', async () => {
    for (const args of [['-v'], ['--no-color', '-v']]) {
      expect(await runCli(args), args.join(' ')).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

  it('a missing argument says what to type and which command lists the choices (exit 2)', async () => {
    const start = await runInProcess(['start']);
    expect(start.code).toBe(2);
    expect(start.stderr).toContain('missing playbook');
    expect(start.stderr).toContain('crisis list');
    expect(start.stderr).toContain('usage: crisis start');
    const log = await runInProcess(['log']);
    expect(log.code).toBe(2);
    expect(log.stderr).toContain('the note in quotes');
  });

  it('-o - writes the timeline to stdout, not to a file named "-"', async () => {
    const home = tempDir('crisis-home-');
    const cwd = tempDir();
    const playbook = join(ROOT, 'test/fixtures/playbooks/mini-down.en.yaml');
    const started = await runInProcess(['start', playbook, '--no-input', '--id', 'dash', '--var', 'brand=Acme', '--var', 'support_email=a@b.example'], { env: { CRISIS_HOME: home }, cwd });
    expect(started.code).toBe(3);
    const r = await runInProcess(['timeline', 'dash', '-o', '-'], { env: { CRISIS_HOME: home }, cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dash');
    expect(existsSync(join(cwd, '-'))).toBe(false);
  });

  it('init writes .crisis/.gitignore: incident logs are ignored by git, config.yaml is not', async () => {
    const cwd = tempDir();
    execFileSync('git', ['init', '-q'], { cwd });
    const r = await runInProcess(['init'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('created .crisis/.gitignore');
    mkdirSync(join(cwd, '.crisis', 'incidents', 'x'), { recursive: true });
    writeFileSync(join(cwd, '.crisis', 'incidents', 'x', 'events.jsonl'), '{}\n');
    const ignored = (path: string) => {
      try {
        execFileSync('git', ['check-ignore', '-q', path], { cwd });
        return true;
      } catch {
        return false;
      }
    };
    expect(ignored('.crisis/incidents/x/events.jsonl')).toBe(true);
    expect(ignored('.crisis/config.yaml')).toBe(false);
    const again = await runInProcess(['init'], { cwd });
    expect(again.stdout).toContain('.crisis/.gitignore already exists; left as it is');
  });
});

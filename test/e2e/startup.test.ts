import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers.js';

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('crisis --version and --help', () => {
  it('prints the version alone, by the short path (--version, -V) and through the parser (with another option)', async () => {
    for (const args of [['--version'], ['-V'], ['--no-color', '--version'], ['--debug', '-V']]) {
      const r = await runCli(args);
      expect(r, args.join(' ')).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

  it('--help from the stored text is exactly what the parser prints', async () => {
    const stored = await runCli(['--help']);
    const parsed = await runCli(['--no-color', '--help']);
    const command = await runCli(['help']);
    expect(stored.code).toBe(0);
    expect(stored.stdout).toBe(parsed.stdout);
    expect(stored.stdout).toBe(command.stdout);
    expect(stored.stdout).toContain('Examples:');
  });

  it('--help lists every command', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const name of ['list', 'show', 'validate', 'init', 'new', 'schema', 'start', 'resume', 'incidents', 'status', 'log', 'announce', 'resolve', 'report', 'timeline']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    }
  });
});

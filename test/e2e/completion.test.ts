/**
 * Shell completion: the bash script, sourced in a real bash, registered with
 * `complete`, completes commands, options, and the live data: playbook ids,
 * incident ids, message ids and channels. Without the bash-completion package
 * (as on this machine) too. zsh and fish scripts call the same protocol.
 * What bash runs is the built binary; the incidents it completes, and the
 * scripts, come from commands run in process through the same entry.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runInProcess as runCli } from '../helpers/in-process.js';
import { BIN, ROOT, tempDir } from './helpers.js';

const hasBash = spawnSync('bash', ['--version']).status === 0;
const PLAYBOOK = join(ROOT, 'test/fixtures/playbooks/mini-down.en.yaml');
let home = '';
let script = '';

/** What bash offers for `line` (the cursor at its end), through the function `complete` registered for crisis. */
function complete(line: string): string[] {
  const driver = `
crisis() { ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"; }
source ${JSON.stringify(script)}
spec=$(complete -p crisis)
fn=$(sed -E 's/.*-F ([^ ]+) .*/\\1/' <<<"$spec")
read -r -a COMP_WORDS <<<${JSON.stringify(line)}
${line.endsWith(' ') ? 'COMP_WORDS+=("")' : ''}
COMP_CWORD=$((\${#COMP_WORDS[@]} - 1))
COMP_LINE=${JSON.stringify(line)}
COMP_POINT=\${#COMP_LINE}
COMPREPLY=()
"$fn" crisis "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}" 2>/dev/null
printf '%s\\n' "\${COMPREPLY[@]}"
`;
  const out = execFileSync('bash', ['--norc', '--noprofile', '-c', driver], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', CRISIS_HOME: home, NO_COLOR: '1' } });
  return out.split('\n').filter(Boolean);
}

describe.skipIf(!hasBash)('crisis completion', () => {
  beforeAll(async () => {
    home = tempDir('crisis-home-');
    for (const id of ['mini-1', 'mini-2']) {
      const r = await runCli(['start', PLAYBOOK, '--no-input', '--new', '--id', id, '--var', 'brand=Acme', '--var', 'support_email=help@acme.example'], { env: { CRISIS_HOME: home } });
      expect(r.code, r.stderr).toBe(3);
    }
    const r = await runCli(['completion', 'bash']);
    expect(r.code, r.stderr).toBe(0);
    script = join(tempDir(), 'crisis.bash');
    writeFileSync(script, r.stdout);
  });

  it('registers a completion function for crisis with bash\'s complete', () => {
    const out = execFileSync('bash', ['--norc', '--noprofile', '-c', `source ${JSON.stringify(script)}; complete -p crisis`], { encoding: 'utf8' });
    expect(out).toMatch(/^complete -F \S+ crisis$/m);
  });

  it('completes commands and options', () => {
    expect(complete('crisis sta')).toEqual(['start', 'status']);
    expect(complete('crisis status --w')).toEqual(['--watch']);
    expect(complete('crisis completion ')).toEqual(expect.arrayContaining(['bash', 'zsh', 'fish']));
  });

  it('completes playbook ids from the playbooks found', () => {
    expect(complete('crisis start ')).toEqual(expect.arrayContaining(['messenger-down', 'whatsapp-down', 'social-media-crisis']));
    expect(complete('crisis show wh')).toEqual(['whatsapp-down']);
  });

  it('completes incident ids from the data directory', () => {
    expect(complete('crisis status ').sort()).toEqual(['mini-1', 'mini-2']);
    expect(complete('crisis resume mini-')).toEqual(expect.arrayContaining(['mini-1', 'mini-2']));
    expect(complete('crisis report mini-2')).toEqual(['mini-2']);
  });

  it("completes message ids and channels from the open incidents' playbook", () => {
    expect(complete('crisis announce mini-1 ')).toEqual(expect.arrayContaining(['initial', 'update']));
    expect(complete('crisis announce mini-1 initial --channel ')).toEqual(['x', 'sms', 'email']);
  });

  it('prints zsh and fish scripts that ask crisis the same way, and refuses another shell (exit 2)', async () => {
    for (const shell of ['zsh', 'fish']) {
      const r = await runCli(['completion', shell]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('crisis complete --');
    }
    const other = await runCli(['completion', 'tcsh']);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('bash, zsh, fish, powershell');
  });
});

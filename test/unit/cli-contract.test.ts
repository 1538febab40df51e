/**
 * The parser's contract: for every command, argv in, the typed input its
 * module receives out (nothing is run). A renamed flag or a changed default
 * shows here before it reaches a user's script.
 */
import { describe, expect, it } from 'vitest';
import { buildProgram, type Dispatch } from '../../src/cli.js';

async function parse(...argv: string[]): Promise<{ name: string; input: unknown; globals: unknown }> {
  let seen: { name: string; input: unknown } | undefined;
  const dispatch: Dispatch = async (name, _load, input) => {
    seen = { name, input };
  };
  const program = buildProgram(dispatch);
  for (const c of [program, ...program.commands]) c.exitOverride();
  await program.parseAsync(['node', 'crisis', ...argv]);
  if (!seen) throw new Error(`no command ran for ${argv.join(' ')}`);
  return { ...seen, globals: program.opts() };
}

describe('argv to each command input', () => {
  it.each([
    [['list', '--json'], 'list', { json: true }],
    [['show', 'messenger-down', '--lang', 'fr', '--json'], 'show', { playbook: 'messenger-down', lang: 'fr', json: true }],
    [['validate'], 'validate', { paths: [] }],
    [['validate', 'a.yaml', 'dir/', '--json'], 'validate', { paths: ['a.yaml', 'dir/'], json: true }],
    [['init'], 'init', {}],
    [['new', 'panne', '--lang', 'fr'], 'new', { id: 'panne', from: 'messenger-down', lang: 'fr' }],
    [['new', 'x-down', '--from', 'whatsapp-down', '--force'], 'new', { id: 'x-down', from: 'whatsapp-down', force: true }],
    [['schema'], 'schema', {}],
    [['start', 'messenger-down'], 'start', { playbook: 'messenger-down', input: true }],
    [
      ['start', 'whatsapp-down', '--lang', 'fr', '--var', 'brand=Acme', '--var', 'x=1', '--answers', 'a.yaml', '--no-input', '--at', '2026-11-21T09:05:00+01:00', '--id', 'drill-1', '--drill'],
      'start',
      { playbook: 'whatsapp-down', lang: 'fr', var: ['brand=Acme', 'x=1'], answers: 'a.yaml', input: false, at: '2026-11-21T09:05:00+01:00', id: 'drill-1', drill: true },
    ],
    [['resume'], 'resume', { incident: undefined, input: true }],
    [['resume', 'inc-1', '--answers', 'b.yaml', '--no-input'], 'resume', { incident: 'inc-1', answers: 'b.yaml', input: false }],
    [['incidents', '--all', '--json'], 'incidents', { all: true, json: true }],
    [['status', 'inc-1', '--json'], 'status', { incident: 'inc-1', json: true }],
    [['status', '--watch'], 'status', { incident: undefined, watch: true }],
    [['completion', 'bash'], 'completion', { shell: 'bash' }],
    [['complete', '--', 'status', ''], 'completion', { words: ['status', ''] }],
    [['log', 'inc-1', 'Legal', 'informed', '--as', 'lead'], 'log', { words: ['inc-1', 'Legal', 'informed'], as: 'lead' }],
    [
      ['announce', 'update', '--channel', 'x', '--channel', 'sms', '--var', 'brand=B', '--copy', '--posted', '--json'],
      'announce',
      { args: ['update'], channel: ['x', 'sms'], var: ['brand=B'], copy: true, posted: true, json: true },
    ],
    [['announce', 'inc-1', 'update', '--force'], 'announce', { args: ['inc-1', 'update'], force: true }],
    [['announce', '--playbook', 'messenger-down', '--lang', 'fr', 'initial'], 'announce', { args: ['initial'], playbook: 'messenger-down', lang: 'fr' }],
    [['resolve', '--at', '2026-11-21T13:10:00+01:00', '--no-input'], 'resolve', { incident: undefined, at: '2026-11-21T13:10:00+01:00', input: false }],
    [['resolve', 'inc-1', '--yes'], 'resolve', { incident: 'inc-1', yes: true, input: true }],
    [['start', 'messenger-down', '--new'], 'start', { playbook: 'messenger-down', new: true, input: true }],
    [['start', 'messenger-down', '--tz', 'Europe/Paris'], 'start', { playbook: 'messenger-down', tz: 'Europe/Paris', input: true }],
    [['reopen'], 'reopen', { incident: undefined }],
    [['reopen', 'inc-1'], 'reopen', { incident: 'inc-1' }],
    [['undo', 'inc-1'], 'undo', { incident: 'inc-1' }],
    [['discard', 'inc-2'], 'discard', { incident: 'inc-2' }],
    [['report', 'inc-1', '-o', 'pm.md', '--template', 't.hbs'], 'report', { incident: 'inc-1', output: 'pm.md', template: 't.hbs' }],
    [['report', '--json'], 'report', { incident: undefined, json: true }],
    [['timeline', '--output', 't.md'], 'timeline', { incident: undefined, output: 't.md' }],
    [['answers', 'messenger-down'], 'answers', { playbook: 'messenger-down' }],
    [['answers', 'whatsapp-down', '--lang', 'fr', '-o', 'drill.yaml', '--force'], 'answers', { playbook: 'whatsapp-down', lang: 'fr', output: 'drill.yaml', force: true }],
    [['page'], 'page', { incident: undefined, output: 'status' }],
    [['page', 'inc-1', '-o', 'public', '--watch', '--template', 'p.hbs'], 'page', { incident: 'inc-1', output: 'public', watch: true, template: 'p.hbs' }],
    [['notify'], 'notify', { incident: undefined }],
    [['notify', 'inc-1', '--flush', '--json'], 'notify', { incident: 'inc-1', flush: true, json: true }],
    [['notify', 'inc-1', '--flush', '--background'], 'notify', { incident: 'inc-1', flush: true, background: true }],
  ] as [string[], string, Record<string, unknown>][])('%j', async (argv, name, input) => {
    const seen = await parse(...argv);
    expect(seen.name).toBe(name);
    expect(seen.input).toEqual(input);
  });

  it('reads the global options wherever they stand', async () => {
    const seen = await parse('--data-dir', '/tmp/d', 'status', '--playbooks', 'p1', '--playbooks', 'p2', '--no-color', '--debug');
    expect(seen.globals).toEqual({ dataDir: '/tmp/d', playbooks: ['p1', 'p2'], color: false, debug: true });
  });
});

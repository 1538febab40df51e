/**
 * Drives the walkthrough in a real pseudo-terminal (util-linux `script`), with
 * keystrokes: answers a few steps, presses Ctrl-C, then resumes; and (tmux) the
 * yes/no questions, where Enter alone records nothing, and the confirmations
 * before what ends an incident, where Enter alone ends nothing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, runCli } from './helpers.js';
import { hasTmux, openTmux, type TmuxPane } from '../helpers/tmux.js';

const hasScript = spawnSync('script', ['--version']).status === 0;
const PLAYBOOK = resolve('test/fixtures/playbooks/mini-down.en.yaml');
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

interface Pty {
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  send(keys: string): void;
  exit: Promise<number | null>;
  screen(): string;
}

function openPty(args: string[], env: Record<string, string>): Pty {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    env: { ...withoutCi(process.env), TERM: 'xterm-256color', NO_COLOR: '1', COLUMNS: '120', LINES: '40', ...env },
    stdio: 'pipe',
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
  const exit = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
  const screen = () => out.replace(ANSI, '');
  let consumed = 0;
  return {
    screen,
    exit,
    send: (keys) => child.stdin.write(keys),
    async waitFor(pattern, timeoutMs = 10_000) {
      const start = Date.now();
      for (;;) {
        const text = screen();
        const rest = text.slice(consumed);
        const m = pattern.exec(rest);
        if (m) {
          consumed += m.index + m[0].length;
          return;
        }
        if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${pattern}; screen:\n${text.slice(-1500)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

/** The environment without CI, under which crisis never prompts. */
function withoutCi(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { CI: _ci, ...rest } = env;
  return rest;
}

const ENTER = '\r';
const DOWN = '\x1b[B';
const CTRL_C = '\x03';

describe.skipIf(!hasScript)('in a terminal', () => {
  it('asks what the answers file leaves out, keeps answers on Ctrl-C (exit 130), and resumes at the right step', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crisis-pty-'));
    const home = join(dir, 'home');
    const answers = join(dir, 'answers.yaml');
    writeFileSync(answers, 'variables: { brand: Acme, support_email: help@acme.example, signature: Julie }\nsteps: { devices: done, downdetector: done }\n');

    const pty = openPty(['start', PLAYBOOK, '--answers', answers, '--id', 'live'], { CRISIS_HOME: home });
    // the file gives every required variable but nobody to lead: the terminal asks once
    await pty.waitFor(/Incident lead: who is it for this incident\? \(Enter to skip\)/);
    pty.send(`Julie Martin${ENTER}`);
    // the file answered the first two steps; the terminal asks the third
    await pty.waitFor(/\[step 3 of \d+\]/);
    await pty.waitFor(/Search the hashtags/);
    pty.send(ENTER); // Done
    await pty.waitFor(/Is the outage on the platform's side\?/);
    pty.send('y');
    pty.send(ENTER);
    await pty.waitFor(/How serious is it\?/);
    pty.send(DOWN);
    pty.send(ENTER); // Major
    await pty.waitFor(/Alert: Incident lead \(Julie Martin\), Management/);
    await pty.waitFor(/Which services are affected\?/);
    pty.send(CTRL_C);
    expect(await pty.exit).toBe(130);
    expect(pty.screen()).toContain('Everything answered so far is saved');
    expect(pty.screen()).toContain('crisis resume live');

    const log = readFileSync(join(home, 'incidents', 'live', 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(log.find((e) => e.type === 'people_set')).toMatchObject({ people: { lead: 'Julie Martin' }, source: 'walkthrough' });
    expect(log.filter((e) => e.type === 'step_answered').map((e) => [e.step, e.status ?? e.value])).toEqual([
      ['devices', 'done'],
      ['downdetector', 'done'],
      ['hashtags', 'done'],
      ['confirmed', true],
      ['severity', 'major'],
    ]);

    const again = openPty(['resume'], { CRISIS_HOME: home });
    await again.waitFor(/Resuming live/);
    await again.waitFor(/Which services are affected\?/);
    expect(again.screen()).not.toMatch(/Search the hashtags|Brand name|who is it for/);
    again.send(' '); // tick the first option
    again.send(ENTER);
    await again.waitFor(/How many conversations are waiting\?/);
    again.send(CTRL_C);
    expect(await again.exit).toBe(130);
    const after = readFileSync(join(home, 'incidents', 'live', 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(after.find((e) => e.step === 'services')).toMatchObject({ value: ['dm'] });
  });

  it('speaks French around a French playbook: inquirer\'s hints, key help and refusals, and the announcement blocks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crisis-pty-fr-'));
    const answers = join(dir, 'answers.yaml');
    writeFileSync(
      answers,
      'variables: { brand: Acme, signature: Julie, support_email: aide@acme.example, website: https://acme.example }\n' +
        'steps: { devices: done, downdetector: done, hashtags: done, official: done, platform: yes, full-outage: yes, services: [private-messages], risks: [lost-sales], severity: minor, priorities: done, alternatives: [email], tone: done }\n',
    );
    const pty = openPty(['start', 'messenger-down', '--lang', 'fr', '--answers', answers, '--id', 'fr'], { CRISIS_HOME: join(dir, 'home') });
    // the answers file leaves the two optional variables to the terminal
    await pty.waitFor(/Numéro de téléphone du service client/);
    pty.send(`abc${ENTER}`);
    await pty.waitFor(/numéro de téléphone attendu/);
    pty.send(`\x15${ENTER}`); // left empty: it is optional
    await pty.waitFor(/Adresse de la page d'aide/);
    pty.send(ENTER);
    // nobody named to lead: asked once, in French, and may be left blank
    await pty.waitFor(/Responsable de l.incident\u202f: qui est-ce pour cet incident\u202f\? \(Entrée pour\s+passer\)/);
    pty.send(ENTER);
    await pty.waitFor(/La panne vient-elle bien de Messenger/);
    await pty.waitFor(/\? \(o\/n\)/);
    pty.send('x');
    pty.send(ENTER);
    await pty.waitFor(/Répondez par «\u202fOui\u202f» ou «\u202fNon\u202f»/);
    pty.send('\x15o'); // clear the line, then o for Oui
    pty.send(ENTER);
    await pty.waitFor(/✔ La panne vient-elle bien de Messenger[^✔]*\? Oui/);
    await pty.waitFor(/↑↓ naviguer • ⏎ choisir/);
    pty.send(ENTER); // Fait
    await pty.waitFor(/Combien de conversations clients/);
    pty.send(`beaucoup${ENTER}`);
    await pty.waitFor(/Saisissez un nombre/);
    pty.send(`\x1512${ENTER}`);
    await pty.waitFor(/sur 280 caractères pondérés/);
    // under the blocks, the copy keys; Enter goes on to where it was posted
    await pty.waitFor(/Copier un texte\u202f: tapez son numéro/);
    pty.send(ENTER);
    await pty.waitFor(/↑↓ naviguer • espace cocher • a tout • i inverser • ⏎ valider/);
    pty.send(CTRL_C);
    expect(await pty.exit).toBe(130);
    expect(pty.screen()).toContain('Journal\u202f: ');
    expect(pty.screen()).toContain('Interrompu. Toutes les réponses données jusqu’ici sont enregistrées.');
    expect(pty.screen()).toContain('Pour reprendre\u202f: crisis resume fr');
    expect(pty.screen()).not.toMatch(/\(Y\/n\)|\(O\/n\)|navigate|You must| of \d+ |Log:|Interrupted/);
    const log = readFileSync(join(dir, 'home', 'incidents', 'fr', 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(log.find((e) => e.step === 'confirmed')).toMatchObject({ value: true });
    expect(log.find((e) => e.step === 'backlog')).toMatchObject({ value: 12 });
  });

  it('never prompts under CI, even on a terminal: a missing answer exits 3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crisis-pty-ci-'));
    const pty = openPty(['start', PLAYBOOK, '--var', 'brand=Acme', '--var', 'support_email=a@b.example'], { CRISIS_HOME: join(dir, 'home'), CI: 'true' });
    expect(await pty.exit).toBe(3);
    expect(pty.screen()).toContain('step "devices"');
  });
});

describe.skipIf(!hasTmux)('confirmation before what ends an incident, in a terminal (tmux)', () => {
  let pane: TmuxPane | undefined;
  afterEach(() => pane?.close());
  const events = (home: string, id: string) =>
    readFileSync(join(home, 'incidents', id, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; step?: string });
  const env = (home: string) => ({ CRISIS_HOME: home, TERM: 'xterm-256color', NO_COLOR: '1' });
  const VARS = 'variables: { brand: Acme, support_email: help@acme.example, signature: Julie }\npeople: { lead: Julie Martin }\n';

  it('answering no at the false-alarm question, Enter alone at its confirmation ends nothing; yes closes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crisis-tmux-fa-'));
    const home = join(dir, 'home');
    const answers = join(dir, 'answers.yaml');
    writeFileSync(answers, `${VARS}steps: { devices: done, downdetector: done, hashtags: done }\n`);
    pane = openTmux([process.execPath, BIN, 'start', PLAYBOOK, '--answers', answers, '--id', 'fa'], env(home), { columns: 100 });
    await pane.waitFor(/Is the outage on the platform's side\? \(y\/n\)/);
    // Enter alone answers nothing: a yes/no that changes the facts is typed
    pane.keys('Enter');
    await pane.waitFor(/> Type y for yes or n for no, then Enter/);
    expect(events(home, 'fa').some((e) => e.type === 'step_answered' && e.step === 'confirmed')).toBe(false);
    pane.type('n');
    pane.keys('Enter');
    await pane.waitFor(/End the incident as a false alarm\? \(y\/N\)/);
    pane.keys('Enter'); // Enter alone: the default is no
    // the question is asked again, and nothing that ends the incident was written
    await pane.waitFor(/false alarm\? No\n\? Is the outage on the platform's side\? \(y\/n\)/);
    expect(pane.screen()).not.toContain('Closed as a false alarm');
    expect(events(home, 'fa').map((e) => e.type)).not.toContain('false_alarm');
    expect(events(home, 'fa').some((e) => e.type === 'step_answered' && e.step === 'confirmed')).toBe(false);

    pane.type('n');
    pane.keys('Enter');
    await pane.waitFor(/End the incident as a false alarm\? \(y\/N\)\s*$/);
    pane.type('y');
    pane.keys('Enter');
    await pane.waitFor(/Closed as a false alarm/);
    expect(await pane.exited()).toBe(0);
    expect(events(home, 'fa').map((e) => e.type)).toContain('false_alarm');
  });

  it('crisis resolve: Enter alone at the confirmation resolves nothing; yes resolves and walks the stand-down', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crisis-tmux-resolve-'));
    const home = join(dir, 'home');
    const answers = join(dir, 'answers.yaml');
    writeFileSync(answers, `${VARS}steps: { devices: done, downdetector: done, hashtags: done, confirmed: yes, severity: minor }\n`);
    const started = await runCli(['start', PLAYBOOK, '--answers', answers, '--no-input', '--id', 'up'], { env: { CRISIS_HOME: home } });
    expect(started.code, started.stderr).toBe(3);

    pane = openTmux([process.execPath, BIN, 'resolve'], env(home), { columns: 100 });
    await pane.waitFor(/Is the platform back\? Mark the incident resolved\? \(y\/N\)/);
    pane.keys('Enter');
    await pane.waitFor(/Not resolved; nothing changed\./);
    expect(await pane.exited()).toBe(0);
    expect(events(home, 'up').map((e) => e.type)).not.toContain('resolved');
    pane.close();

    pane = openTmux([process.execPath, BIN, 'resolve'], env(home), { columns: 100 });
    await pane.waitFor(/Mark the incident resolved\? \(y\/N\)/);
    pane.type('y');
    pane.keys('Enter');
    await pane.waitFor(/Incident up resolved at/);
    await pane.waitFor(/Remove the banner/);
    pane.keys('Enter'); // Done
    expect(await pane.exited()).toBe(0);
    expect(events(home, 'up').map((e) => e.type)).toContain('resolved');
    expect(JSON.parse((await runCli(['status', '--json'], { env: { CRISIS_HOME: home } })).stdout)).toMatchObject({ state: 'resolved' });
  });
});

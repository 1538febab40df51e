/**
 * config.yaml's notify: and smtp: as validate and start read them: each
 * problem at its line, secrets never repeated in a message, a warning when
 * others can read a config.yaml that holds secrets.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTeamDefaults } from '../../src/incident/answers.js';
import { maskUrl, redact, secretsOf } from '../../src/notify/secrets.js';
import { UserError } from '../../src/errors.js';
import { runInProcess } from '../helpers/in-process.js';
import { httpRecorder } from '../helpers/notify-servers.js';
import { tempDir } from '../e2e/helpers.js';

const PLAYBOOK = resolve('test/fixtures/playbooks/mini-down.en.yaml');
const ANSWERS = resolve('test/fixtures/answers/messenger-down.yaml');
const SLACK = 'https://hooks.slack.com/services/T0AAA/B0BBB/SeCrEtSlackToken123';
const DISCORD = 'https://discord.com/api/webhooks/1234567890/DiScOrDsEcReTtOkEn';

const GOOD = `variables:
  brand: Acme
notify:
  lead: { slack: "${SLACK}", email: lead@acme.example }
  management:
    email: [ceo@acme.example, cfo@acme.example]
    discord: "${DISCORD}"
smtp: { url: "smtps://crisis:Pa55w0rdSecret@mail.acme.example", from: "Acme crisis <crisis@acme.example>" }
`;

function problem(text: string): string {
  try {
    parseTeamDefaults('config.yaml', text);
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
  return '';
}

function home(config: string, mode = 0o600): string {
  const dir = tempDir('crisis-notify-config-');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.yaml'), config);
  chmodSync(join(dir, 'config.yaml'), mode);
  return dir;
}

describe('notify: and smtp: in config.yaml', () => {
  it('reads one destination per address or webhook, each with a printable key and its line', () => {
    const team = parseTeamDefaults('config.yaml', GOOD);
    const destinations = team.notify?.destinations ?? [];
    expect(destinations.map((d) => [d.role, d.kind, d.line])).toEqual([
      ['lead', 'slack', 4],
      ['lead', 'email', 4],
      ['management', 'email', 6],
      ['management', 'email', 6],
      ['management', 'discord', 7],
    ]);
    expect(destinations.map((d) => d.key)).toContain('management.email:cfo@acme.example');
    const slackKey = destinations[0]!.key;
    expect(slackKey).toMatch(/^lead\.slack#[0-9a-f]{8}$/);
    expect(team.notify?.smtp).toMatchObject({ from: 'Acme crisis <crisis@acme.example>', line: 8 });
  });

  it('names the line and the fix of a malformed URL, a plain-http URL, an unknown kind, a bad address or SMTP URL, without repeating the URL', () => {
    const cases: Array<[string, string]> = [
      ['notify:\n  lead:\n    slack: "hooks.slack.com/services/T0/B0/secretpath"\n', 'config.yaml:3:12: notify.lead.slack is not a URL; paste the whole webhook address, starting with https://'],
      ['notify:\n  lead: { teams: "http://prod.example.com/workflows/secretpath" }\n', 'config.yaml:2:18: notify.lead.teams must start with https://'],
      ['notify:\n  lead: { telegram: "https://t.example/x" }\n', 'config.yaml:2:11: unknown destination "telegram" in notify.lead; use slack, teams, discord, webhook, email'],
      ['notify:\n  lead:\n    email: [ok@acme.example, "not an address"]\n', 'config.yaml:3:30: notify.lead.email is not an e-mail address; write it like lead@acme.example'],
      ['notify:\n  lead: https://hooks.slack.com/x\n', 'config.yaml:2:9: notify.lead is a map such as'],
      ['smtp:\n  url: "http://mail.acme.example"\n', 'config.yaml:2:8: smtp.url must start with smtps:// or smtp://, not http://'],
      ['smtp: { url: "" }\n', 'config.yaml:1:14: smtp.url is missing'],
      ['notify:\n  Lead Team: { email: a@acme.example }\n', 'config.yaml:2:3: notify: "Lead Team" is not a role id'],
    ];
    for (const [text, expected] of cases) {
      const message = problem(text);
      expect(message, text).toContain(expected);
      expect(message).not.toContain('secretpath');
    }
  });

  it('masks webhook URLs and the SMTP password, and redacts them from any text', () => {
    expect(maskUrl(SLACK)).toBe('https://hooks.slack.com/•••');
    expect(maskUrl('smtps://crisis:Pa55w0rdSecret@mail.acme.example:465')).toBe('smtps://crisis:•••@mail.acme.example:465');
    const team = parseTeamDefaults('config.yaml', GOOD);
    const secrets = secretsOf(team.notify, team.notify?.smtp);
    const said = redact(`POST ${SLACK} failed; token SeCrEtSlackToken123; auth Pa55w0rdSecret refused; ${DISCORD}`, secrets);
    for (const secret of ['SeCrEtSlackToken123', 'Pa55w0rdSecret', 'DiScOrDsEcReTtOkEn', 'T0AAA/B0BBB']) expect(said).not.toContain(secret);
    expect(said).toContain('https://hooks.slack.com/•••');
  });
});

describe('crisis validate and start check config.yaml', () => {
  it('validate reports a role no playbook has at its line, and passes a good config', async () => {
    const dir = home(GOOD.replace('management:', 'board:'));
    const bad = await runInProcess(['validate', PLAYBOOK], { env: { CRISIS_HOME: dir } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/config\.yaml:5:3: notify: no playbook has the role "board"; roles: .*lead/);
    const json = await runInProcess(['validate', PLAYBOOK, '--json'], { env: { CRISIS_HOME: dir } });
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout) as { valid: boolean; config: { valid: boolean; errors: Array<{ line: number; message: string }> } };
    expect(doc.valid).toBe(false);
    expect(doc.config.errors[0]).toMatchObject({ line: 5 });

    const good = await runInProcess(['validate', PLAYBOOK], { env: { CRISIS_HOME: home(GOOD) } });
    expect(good.code, good.stderr).toBe(0);
    const malformed = await runInProcess(['validate', PLAYBOOK], { env: { CRISIS_HOME: home(GOOD.replace('lead@acme.example', 'lead-at-acme')) } });
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('config.yaml:4:');
    expect(malformed.stderr).toContain('notify.lead.email is not an e-mail address');
    for (const r of [bad, json, good, malformed]) expect(r.stdout + r.stderr).not.toContain('SeCrEt');
  });

  it('start refuses a malformed config.yaml or CRISIS_SMTP_URL, warns of a role the playbook lacks and of a config.yaml others can read', async () => {
    const args = ['start', 'messenger-down', '--answers', ANSWERS, '--no-input', '--id', 'x'];
    const env = { CRISIS_NOTIFY_BACKGROUND: '0' };
    const malformed = await runInProcess(args, { env: { ...env, CRISIS_HOME: home(GOOD.replace(SLACK, 'https//hooks.slack.com/SeCrEt')) } });
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('config.yaml:4:18: notify.lead.slack is not a URL');
    expect(malformed.stderr).not.toContain('SeCrEt');

    const badEnv = await runInProcess(args, { env: { ...env, CRISIS_HOME: home(GOOD), CRISIS_SMTP_URL: 'mail.acme.example:SeCrEt' } });
    expect(badEnv.code).toBe(1);
    expect(badEnv.stderr).toContain('CRISIS_SMTP_URL ');
    expect(badEnv.stderr).not.toContain('SeCrEt');

    const open = await runInProcess(args, { env: { ...env, CRISIS_HOME: home(GOOD.replace('management:', 'board:'), 0o644) } });
    expect(open.code, open.stderr).toBe(0);
    expect(open.stderr).toMatch(/config\.yaml:5:1: warning: notify: playbook "messenger-down" has no role "board"/);
    expect(open.stderr).toMatch(/holds webhook URLs or an SMTP password and other users can read it; make it private with: chmod 600 .*config\.yaml/);

    const closed = await runInProcess(args, { env: { ...env, CRISIS_HOME: home(GOOD) } });
    expect(closed.code, closed.stderr).toBe(0);
    expect(closed.stderr).not.toContain('other users can read it');
    for (const r of [open, closed]) expect(r.stdout + r.stderr).not.toContain('SeCrEt');
  });

  it('takes a webhook URL from the environment ($NAME), so config.yaml holds no secret: unset is a warning, malformed an error naming the variable', async () => {
    const http = await httpRecorder();
    try {
      const text = 'notify:\n  lead: { webhook: $CRISIS_HOOK_LEAD, slack: "${CRISIS_SLACK_LEAD}", email: lead@acme.example }\n';
      const team = parseTeamDefaults('config.yaml', text);
      expect(team.notify?.destinations.map((d) => d.env)).toEqual(['CRISIS_HOOK_LEAD', 'CRISIS_SLACK_LEAD', undefined]);
      const dir = home(text, 0o644);
      const args = ['start', 'messenger-down', '--answers', ANSWERS, '--no-input', '--id', 'env'];
      const unset = await runInProcess(args, { env: { CRISIS_HOME: dir, CRISIS_NOTIFY_BACKGROUND: '0' } });
      expect(unset.code, unset.stderr).toBe(0);
      expect(unset.stderr).toContain('warning: notify.lead.webhook (config.yaml line 2) names $CRISIS_HOOK_LEAD, which is not set: lead gets no webhook notification');
      // nothing secret in the file itself: no chmod warning
      expect(unset.stderr).not.toContain('other users can read it');

      const secret = http.url('/hook/SeCrEtFromEnv');
      const badEnv = { CRISIS_HOME: home(text), CRISIS_NOTIFY_BACKGROUND: '0', CRISIS_HOOK_LEAD: 'not-a-url-SeCrEt' };
      const bad = await runInProcess(args, { env: badEnv });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('$CRISIS_HOOK_LEAD, named by notify.lead.webhook (config.yaml line 2), is not a URL');
      const validate = await runInProcess(['validate', PLAYBOOK], { env: badEnv });
      expect(validate.code).toBe(1);
      expect(validate.stderr).toContain('$CRISIS_HOOK_LEAD, named by notify.lead.webhook');

      const env = { CRISIS_HOME: home(text), CRISIS_NOTIFY_BACKGROUND: '0', CRISIS_HOOK_LEAD: secret };
      const good = await runInProcess(args, { env });
      expect(good.code, good.stderr).toBe(0);
      const flush = await runInProcess(['notify', 'env', '--flush'], { env });
      expect(flush.code, flush.stderr).toBe(0);
      expect(http.requests.filter((r) => r.path === '/hook/SeCrEtFromEnv')).toHaveLength(2);
      for (const r of [unset, bad, validate, good, flush]) expect(r.stdout + r.stderr).not.toContain('SeCrEt');
    } finally {
      await http.close();
    }
  });

  it.each([
    ['en', {}, ['lead.slack CRISIS_SLACK_LEAD', 'lead.email:lead@acme.example', 'management.email:ceo@acme.example'], 'Acme crisis <crisis@acme.example>'],
    ['fr', { LANG: 'fr_FR.UTF-8' }, ['lead.slack CRISIS_SLACK_LEAD', 'lead.email:responsable@acme.fr', 'management.email:direction@acme.fr'], 'Cellule de crise Acme <crise@acme.fr>'],
  ] as const)("crisis init's commented config (%s), uncommented, is a valid config that holds no secret", async (lang, env, destinations, from) => {
    const cwd = tempDir('crisis-notify-init-');
    expect((await runInProcess(['init'], { cwd, env })).code).toBe(0);
    const text = readFileSync(join(cwd, '.crisis', 'config.yaml'), 'utf8');
    // its comments speak the language crisis speaks
    expect(text.split('\n')[0]).toBe(lang === 'fr' ? '# Valeurs d’équipe pour crisis.' : '# Team defaults for crisis.');
    const example = text
      .split('\n')
      .filter((l) => /^# ?(notify:|smtp:| {2}\w+: \{)/.test(l))
      .map((l) => l.replace(/^# /, ''))
      .join('\n');
    const team = parseTeamDefaults('config.yaml', example);
    expect(team.notify?.destinations.map((d) => `${d.key.replace(/#.*/, '')} ${d.env ?? ''}`.trim())).toEqual(destinations);
    expect(team.notify?.smtp).toMatchObject({ from });
    expect(secretsOf(team.notify, team.notify?.smtp)).toEqual([]);
    // the variables, people and zone examples too
    const defaults = parseTeamDefaults('config.yaml', text.replace(/^( {2})# (\w+: )/gm, '$1$2').replace(/^# (timezone: )/m, '$1'));
    expect(Object.keys(defaults.variables)).toEqual(['brand', 'support_email', 'support_phone', 'website', 'signature']);
    expect(Object.keys(defaults.people)).toEqual(['lead', 'community', 'tech', 'support']);
  });
});

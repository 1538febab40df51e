/**
 * The notification settings in force for a data directory: config.yaml's
 * `notify:` and `smtp:`, `CRISIS_SMTP_URL`, and the secrets they hold (to
 * mask them in whatever is printed or logged).
 */
import { join } from 'node:path';
import { formatDiagnosticSaying, UserError, type Diagnostic } from '../errors.js';
import type { Playbook } from '../playbook/schema.js';
import type { TeamDefaults } from '../incident/answers.js';
import { catalogueFor } from '../i18n/index.js';
import { environmentLanguage } from '../playbook/find.js';
import { resolveEnv, smtpInForce, unknownRoles, type NotifyConfig, type Say, type SmtpConfig } from './config.js';
import { readableByOthers, secretsOf } from './secrets.js';

export interface NotifySettings {
  /** config.yaml's path. */
  file: string;
  config: NotifyConfig;
  smtp?: SmtpConfig;
  secrets: string[];
  /** `$NAME` destinations whose variable is unset (left out), in words. */
  warnings: Say[];
}

/** The config.yaml of a data directory. */
export const configFile = (dataDir: string) => join(dataDir, 'config.yaml');

/**
 * The settings from team defaults already read, or undefined when nobody is
 * to be notified. A malformed `CRISIS_SMTP_URL` is a UserError.
 */
export function settingsFrom(dataDir: string, team: TeamDefaults, env: Record<string, string | undefined>): NotifySettings | undefined {
  const smtp = smtpInForce(team.notify, env);
  if (smtp && 'error' in smtp) throw new UserError((c) => smtp.error(c.authoring.config), { details: [(c) => c.authoring.config.smtpEnvHint] });
  const resolved = resolveEnv(team.notify ?? { destinations: [], roleLines: {} }, env);
  const [first, ...others] = resolved.errors;
  if (first) throw new UserError((c) => first(c.authoring.config), { details: others.map((say) => (c) => say(c.authoring.config)) });
  const config = resolved.config;
  if (config.destinations.length === 0 && resolved.warnings.length === 0) return undefined;
  return { file: team.file ?? configFile(dataDir), config, ...(smtp ? { smtp } : {}), secrets: secretsOf(config, smtp), warnings: resolved.warnings };
}

/** Reads config.yaml (when it exists) and returns the settings; see settingsFrom. */
export async function loadSettings(dataDir: string, env: Record<string, string | undefined>): Promise<NotifySettings | undefined> {
  const { readTeamDefaults } = await import('../commands/team.js');
  return settingsFrom(dataDir, await readTeamDefaults(dataDir, env), env);
}

/**
 * What `start` says about the settings before the incident opens: roles the
 * playbook does not have (not notified by it), and a config.yaml with
 * secrets that others can read. Warnings only: config.yaml is the team's,
 * for every playbook.
 */
export function warningsAtStart(settings: NotifySettings, playbook: Playbook): string[] {
  const words = catalogueFor(playbook.lang);
  const w = words.authoring.config;
  const warning = `${words.ui.warning}${words.ui.colon}`;
  const warnings: string[] = settings.warnings.map((say) => `${warning}${say(w)}`);
  for (const { role, line } of unknownRoles(settings.config, new Set(Object.keys(playbook.roles)))) {
    warnings.push(
      formatDiagnosticSaying({
        file: settings.file,
        ...(line !== undefined ? { line } : {}),
        message: w.playbookLacksRole(playbook.id, role, Object.keys(playbook.roles).join(', ')),
        severity: 'warning',
      }, warning),
    );
  }
  const open = readableByOthers(settings.file, settings.config);
  if (open) warnings.push(`${warning}${open(w)}`);
  return warnings;
}

/**
 * What `crisis validate` says about config.yaml: the first problem of the
 * file, roles that no playbook has, and secrets readable by others.
 */
export async function checkConfigFile(
  dataDir: string,
  env: Record<string, string | undefined>,
  known: ReadonlySet<string>,
  more: () => Promise<ReadonlySet<string>>,
): Promise<{ file: string; diagnostics: Diagnostic[] } | undefined> {
  const file = configFile(dataDir);
  // config.yaml is the team's, for every playbook: said in the environment's language
  const words = catalogueFor(environmentLanguage(env));
  const w = words.authoring.config;
  const { readTeamDefaults } = await import('../commands/team.js');
  let team: TeamDefaults;
  try {
    team = await readTeamDefaults(dataDir, env);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { file, diagnostics: [diagnosticOf(file, error.message)] };
  }
  if (!team.file) return undefined;
  const diagnostics: Diagnostic[] = [];
  const smtp = smtpInForce(team.notify, env);
  if (smtp && 'error' in smtp) diagnostics.push({ file: 'CRISIS_SMTP_URL', message: smtp.error(w), severity: 'error' });
  if (team.notify) {
    const roles = unknownRoles(team.notify, known).length > 0 ? await more() : known;
    for (const { role, line } of unknownRoles(team.notify, roles)) {
      diagnostics.push({
        file,
        ...(line !== undefined ? { line, col: 3 } : {}),
        message: w.noRole(role, [...roles].sort().join(', ')),
        severity: 'error',
      });
    }
    const open = readableByOthers(file, team.notify);
    if (open) diagnostics.push({ file, message: open(w), severity: 'warning' });
    const resolved = resolveEnv(team.notify, env);
    for (const say of resolved.errors) diagnostics.push({ file, message: say(w), severity: 'error' });
    for (const say of resolved.warnings) diagnostics.push({ file, message: say(w), severity: 'warning' });
  }
  return { file, diagnostics };
}

/** A UserError's `file:line:col: message` back into a diagnostic. */
function diagnosticOf(file: string, message: string): Diagnostic {
  const match = message.startsWith(file) ? /^:(\d+):(\d+): (.*)$/s.exec(message.slice(file.length)) : null;
  if (!match) return { file, message: message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message, severity: 'error' };
  return { file, line: Number(match[1]), col: Number(match[2]), message: match[3]!, severity: 'error' };
}

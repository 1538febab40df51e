import { readFileSync } from 'node:fs';
import type { CommandContext } from '../context.js';
import { UserError } from '../errors.js';
import { assertIncidentId } from '../incident/paths.js';
import type { IncidentStore } from '../incident/log-store.js';
import { listIncidents } from '../incident/pick.js';
import { foldEvents } from '../incident/state.js';
import type { NewEvent } from '../incident/events.js';
import { checkFormat } from '../ui/prompts.js';
import { fitToWidth, terminalWidth } from '../ui/format.js';
import { alignRows } from '../ui/table.js';
import { normaliseValue } from '../playbook/formats.js';
import { wordsFor, type Words } from '../i18n/index.js';
import { dataDirFor, loadPlaybook, parseAtOption, parseVars, storeFor } from './common.js';
import { readTeamDefaults } from './team.js';
import { pickTimeZone } from '../zone.js';
import { incidentAppender, readAnswersFile, runWalk } from './walk.js';

/** `crisis start <playbook>`: opens an incident and walks through the playbook. */
/** What `crisis start` takes from the command line. */
export interface StartInput {
  playbook: string;
  lang?: string | undefined;
  var?: string[] | undefined;
  answers?: string | undefined;
  /** false with --no-input */
  input: boolean;
  at?: string | undefined;
  id?: string | undefined;
  drill?: true | undefined;
  /** Open another incident even though one of this playbook is open. */
  new?: true | undefined;
  /** The zone times are shown in (IANA name). */
  tz?: string | undefined;
}

export async function run(ctx: CommandContext, input: StartInput): Promise<number> {
  const ref = input.playbook;
  const { playbook, source, file } = await loadPlaybook(ctx, ref, input.lang);
  const flags = parseVars(input.var, playbook);
  if (input.id !== undefined) assertIncidentId(input.id);
  const dataDir = dataDirFor(ctx);
  const team = await readTeamDefaults(dataDir, ctx.env);
  const timeZone = pickTimeZone({ flag: input.tz, env: ctx.env.CRISIS_TZ, config: team.timezone }, (message) => {
    throw new UserError(message);
  });
  const at = parseAtOption(input.at, '--at', { now: ctx.now() }, timeZone);
  const answers = await readAnswersFile(ctx, input.answers, playbook, at, timeZone);
  if (team.notify || ctx.env.CRISIS_SMTP_URL) {
    const { settingsFrom, warningsAtStart } = await import('../notify/settings.js');
    const settings = settingsFrom(dataDir, team, ctx.env);
    for (const warning of settings ? warningsAtStart(settings, playbook) : []) ctx.stderr.write(`${warning}\n`);
  }

  // team defaults < answers file < --var; where each value comes from, for the summary
  const variables: Record<string, string> = {};
  const origin: Record<string, Origin> = {};
  const take = (values: Record<string, string> | undefined, from: Origin, known: (k: string) => boolean, into: Record<string, string>) => {
    for (const [k, v] of Object.entries(values ?? {})) {
      if (!known(k)) continue;
      into[k] = v;
      origin[k] = from;
    }
  };
  const isVariable = (k: string) => Boolean(playbook.variables?.[k]);
  take(team.variables, 'config', isVariable, variables);
  take(answers?.variables, 'answers', isVariable, variables);
  take(flags, 'flags', isVariable, variables);
  for (const [k, v] of Object.entries(variables)) {
    const variable = playbook.variables?.[k];
    if (!variable) continue;
    // kept as it will be used: a bare host becomes https://...
    const normal = normaliseValue(variable.format, v);
    if (normal === undefined) throw new UserError((c) => c.errors.badVariable(k, v, checkFormat(variable, v, c.ui) ?? ''));
    variables[k] = normal;
  }
  const people: Record<string, string> = {};
  const isRole = (k: string) => Boolean(playbook.roles[k]);
  take(team.people, 'config', isRole, people);
  take(answers?.people, 'answers', isRole, people);

  const store = storeFor(ctx);
  if (!input.new) await refuseSecondOpen(store, playbook.id);

  const detectedAt = at ?? answers?.detectedAt ?? ctx.now();
  const { event } = await store.create(input.id, {
    type: 'opened',
    at: ctx.now().toISOString(),
    playbook: playbook.id,
    lang: playbook.lang,
    title: playbook.title,
    ...(playbook.platform ? { platform: playbook.platform } : {}),
    format: playbook.format,
    ...(playbook.version !== undefined ? { version: playbook.version } : {}),
    source: source === 'built-in' ? 'built-in' : file,
    detected_at: detectedAt.toISOString(),
    drill: input.drill === true,
    time_zone: timeZone,
  });
  const state = foldEvents([event]);
  await store.keepPlaybook(state.id, readFileSync(file, 'utf8'));
  const now = ctx.now().toISOString();
  const initial: NewEvent[] = [];
  const sources = [team.file ? 'config' : '', answers ? 'answers' : '', Object.keys(flags).length ? 'flags' : ''].filter(Boolean).join('+');
  if (Object.keys(variables).length) initial.push({ type: 'variables_set', at: now, variables, source: sources || 'start' });
  if (Object.keys(people).length) initial.push({ type: 'people_set', at: now, people, source: sources || 'start' });
  await incidentAppender(store, state)(initial);

  const w = wordsFor(playbook.lang);
  // on a terminal, wrapped between words: the log's path, longer than a narrow line, stands alone
  const fitted = (text: string) => `${fitToWidth(text, terminalWidth(ctx.stdout))}\n`;
  ctx.stdout.write(fitted(`Incident ${state.id} ${w.opened}${w.colon}${playbook.title}${state.drill ? ` (${w.drill})` : ''}`));
  ctx.stdout.write(fitted(`${w.log}${w.colon}${store.location(state.id)}`));
  ctx.stdout.write(givenSummary({ ...variables, ...people }, origin, w));
  return runWalk({ ctx, dataDir, playbook, state, ...(answers ? { answers } : {}), noInput: !input.input });
}

type Origin = 'config' | 'answers' | 'flags';

/**
 * A second `start` of the same playbook (after a Ctrl-C, say) is most often
 * meant as a resume: refused, naming the open one, unless --new.
 */
async function refuseSecondOpen(store: IncidentStore, playbookId: string): Promise<void> {
  // a data folder that cannot be read is reported by createIncident, with what to do about it
  const all = await listIncidents(store).catch(() => []);
  const open = all.filter((s) => s.state?.state === 'open' && s.state.playbook === playbookId);
  const [first] = open;
  if (!first) return;
  throw new UserError((c) => c.errors.secondStart(first.id, playbookId), {
    details: (c) => [
      ...open.slice(1).map((s) => c.errors.alsoOpen(s.id)),
      c.errors.openAnother(playbookId),
      c.errors.discardIfMistake(first.id),
    ],
  });
}

/**
 * The values set before the walkthrough (team defaults, answers file,
 * --var), which it will not ask: one line each, with where it comes from, so
 * the operator sees the brand and addresses the announcements will use.
 */
function givenSummary(values: Record<string, string>, origin: Record<string, Origin>, w: Words): string {
  const names = Object.keys(values);
  if (names.length === 0) return '';
  const from: Record<Origin, string> = { config: 'config.yaml', answers: w.fromAnswersFile, flags: '--var' };
  const rows = alignRows(
    names.map((n) => [n, values[n] ?? '', from[origin[n] ?? 'answers']]),
    { indent: '  ', maxWidths: [Infinity, 40] },
  );
  return `${w.alreadyGiven}${w.colon.trimEnd()}\n${rows.join('\n')}\n`;
}

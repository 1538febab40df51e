/**
 * `crisis report [incident] [-o FILE] [--template FILE] [--json]`: the
 * post-mortem in Markdown, from the incident log and its playbook. The
 * figures and the view come from the pure core in src/report/; this adapter
 * reads the log, the playbook and the template, and writes the result.
 */
import { wordsFor, fill } from '../i18n/index.js';
import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { readTextFile, whyUnreadable } from '../files.js';
import { join, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { visibleControls } from '../ui/sanitize.js';
import { speak, type CommandContext } from '../context.js';
import { UserError } from '../errors.js';
import { explainFsError, isErrnoException } from '../incident/paths.js';
import { pickIncidentEvents } from '../incident/pick.js';
import type { Playbook } from '../playbook/schema.js';
import { logWithState, type IncidentLog } from '../report/log.js';
import { renderTemplate, TemplateError, typesetTemplate } from '../report/render.js';
import { buildReportData, buildReportView } from '../report/view.js';
import { catalogueOf, playbookOfIncident, sayWarnings, storeFor } from './common.js';

/** The built-in templates (src/commands and dist/commands both sit two levels below the package root). */
const TEMPLATES_DIR = new URL('../../templates/', import.meta.url);
const TEMPLATE_LANGS = ['en', 'fr'];

/** What a report needs: the incident's log, read and folded once, and its playbook. */
export interface ReportInput {
  id: string;
  log: IncidentLog;
  playbook: Playbook;
}

/**
 * Loads the incident named, else the only open one, else (once everything is
 * closed, which is when post-mortems are written) the most recently detected
 * one, saying so on stderr. Log warnings go to stderr.
 */
export async function loadForReport(ctx: CommandContext, id: string | undefined): Promise<ReportInput> {
  // The incident picked and its events, in one reading of its log when it is named.
  const picked = await pickIncidentEvents(storeFor(ctx), id, { latestWhenNoneOpen: true });
  const { events, logWarnings: warnings } = picked;
  speak(ctx, picked.state.lang);
  sayWarnings(ctx, warnings);
  const opened = events[0];
  if (!opened || opened.type !== 'opened') throw new UserError((c) => c.errors.logNotOpened(picked.id));
  // the fold made while picking serves the whole command
  const log = logWithState(events, picked.state);
  const playbook = await playbookOfIncident(ctx, log.state);
  if (picked.latest) {
    // the terminal's layout code (wrap-ansi and its width tables) is loaded only to say which incident was taken
    const { fitToWidth, terminalWidth } = await import('../ui/format.js');
    ctx.stderr.write(`${fitToWidth(fill(wordsFor(playbook.lang).reportingOn, picked.id), terminalWidth(ctx.stderr))}\n`);
  }
  return { id: picked.id, log, playbook };
}

/** Larger templates are refused before they are read. */
const MAX_TEMPLATE_BYTES = 1024 * 1024;

/** The template text: the file given, else the built-in one (for the report and timeline: in the playbook's language, English when there is none). */
export async function readTemplate(ctx: CommandContext, kind: 'report' | 'timeline' | 'page', lang: string, file: string | undefined): Promise<{ text: string; name: string }> {
  if (file !== undefined && file !== '') {
    const path = resolve(ctx.cwd, file);
    try {
      return { text: readTextFile(path, MAX_TEMPLATE_BYTES), name: file };
    } catch (error) {
      throw new UserError((c) => c.errors.template(file, whyUnreadable(error, () => c.errors.tooBig('1 MiB', c.errors.shortTemplate), c.authoring.unreadable)));
    }
  }
  const primary = lang.toLowerCase().split('-')[0] ?? 'en';
  // the page's one template takes its words from the view, in the incident's language
  const name = kind === 'page' ? 'page.html.hbs' : `${kind}.${TEMPLATE_LANGS.includes(primary) ? primary : 'en'}.md.hbs`;
  const text = await readFile(new URL(name, TEMPLATES_DIR), 'utf8');
  // the built-in words read as the catalogue's do; a team's own template is taken as written
  return { text: kind === 'page' ? text : typesetTemplate(text, lang), name };
}

/** Renders with a template, turning its errors into one line naming the template. */
export function renderWith(template: { text: string; name: string }, view: object): string {
  try {
    return renderTemplate(template.text, view);
  } catch (error) {
    if (error instanceof TemplateError) {
      throw new UserError((c) => c.errors.template(template.name, error.sayIn(c.authoring.template).split('\n').join(' ')));
    }
    throw error;
  }
}

/** Paths that mean this process's standard output. */
const STDOUT_PATHS = new Set(['/dev/stdout', '/dev/fd/1', '/proc/self/fd/1']);

/**
 * Writes text to `-o FILE` (atomically: a new file
 * renamed over the old one) or stdout (no `-o`, `-o -` or `/dev/stdout`).
 * Only a regular file or a new path is written: renaming over a device or a
 * named pipe would replace it with a file (as root, /dev/full became one).
 */
export async function output(ctx: CommandContext, text: string, file: string | undefined): Promise<void> {
  const path = file === undefined || file === '' || file === '-' ? undefined : resolve(ctx.cwd, file);
  if (path === undefined || STDOUT_PATHS.has(path)) {
    ctx.stdout.write(text);
    return;
  }
  const shown = file ?? path;
  await assertRegularOrNew(path, shown);
  try {
    // the file gets what the terminal would: a value's control characters made visible
    await writeFileAtomic(path, visibleControls(text));
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') throw new UserError((c) => c.errors.noFolder(shown));
    throw explainFsError(error, path, 'write', 'output');
  }
  ctx.stderr.write(`${fill(catalogueOf(ctx).ui.wroteFile, shown)}\n`);
}

/** Refuses an output path that is something other than a regular file (followed through links), or nothing yet. */
async function assertRegularOrNew(path: string, shown: string): Promise<void> {
  let found: Stats;
  try {
    found = await stat(path);
  } catch (error) {
    if (isErrnoException(error) && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) return;
    throw explainFsError(error, path, 'write', 'output');
  }
  if (found.isFile()) return;
  if (found.isDirectory()) {
    throw new UserError((c) => c.errors.isFolder(shown), { details: [(c) => c.errors.giveFileName(join(shown, 'report.md'))] });
  }
  const what = found.isFIFO() ? 'fifo' : found.isCharacterDevice() || found.isBlockDevice() ? 'device' : found.isSocket() ? 'socket' : 'other';
  throw new UserError((c) => c.errors.notRegular(shown, c.errors.special[what]), { details: [(c) => c.errors.pipeInstead] });
}

/** What `crisis report` takes from the command line. */
export interface ReportOptions {
  incident?: string | undefined;
  output?: string | undefined;
  template?: string | undefined;
  json?: true | undefined;
}

/** `crisis report`. */
export async function run(ctx: CommandContext, input: ReportOptions): Promise<number> {
  const { log, playbook } = await loadForReport(ctx, input.incident);
  if (input.json) {
    await output(ctx, `${JSON.stringify(buildReportData(log, playbook, { now: ctx.now() }), null, 2)}\n`, input.output);
    return 0;
  }
  const { view } = buildReportView(log, playbook, { now: ctx.now() });
  const template = await readTemplate(ctx, 'report', playbook.lang, input.template);
  await output(ctx, renderWith(template, view), input.output);
  return 0;
}

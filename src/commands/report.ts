/**
 * `crisis report [incident] [-o FILE] [--template FILE] [--json]`: the
 * post-mortem in Markdown, from the incident log and its playbook. The
 * figures and the view come from the pure core in src/report/; this adapter
 * reads the log, the playbook and the template, and writes the result.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { CommandContext } from '../context.js';
import { UserError } from '../errors.js';
import type { IncidentEvent } from '../incident/events.js';
import { explainFsError, isErrnoException } from '../incident/paths.js';
import { foldEvents } from '../incident/state.js';
import { pickIncident, readEvents } from '../incident/store.js';
import type { Playbook } from '../playbook/schema.js';
import { renderTemplate, TemplateError } from '../report/render.js';
import { buildReportView } from '../report/view.js';
import { dataDirFor, playbookOfIncident, printJson } from './common.js';

/** The built-in templates (src/commands and dist/commands both sit two levels below the package root). */
const TEMPLATES_DIR = new URL('../../templates/', import.meta.url);
const TEMPLATE_LANGS = ['en', 'fr'];

/** What a report needs: the incident's events and its playbook. */
export interface ReportInput {
  id: string;
  events: IncidentEvent[];
  playbook: Playbook;
}

/**
 * Loads the incident named, else the only open one, else (once everything is
 * closed, which is when post-mortems are written) the most recently detected
 * one, saying so on stderr. Log warnings go to stderr.
 */
export async function loadForReport(ctx: CommandContext, id: string | undefined): Promise<ReportInput> {
  const dataDir = dataDirFor(ctx);
  const picked = await pickIncident(dataDir, id, { latestWhenNoneOpen: true });
  if (picked.latest) ctx.stderr.write(`crisis: reporting on ${picked.id}, the most recent incident (name another to change)\n`);
  const { events, warnings } = await readEvents(dataDir, picked.id);
  for (const w of warnings) ctx.stderr.write(`warning: ${w}\n`);
  const opened = events[0];
  if (!opened || opened.type !== 'opened') throw new UserError(`incident ${picked.id}: the log does not start with an "opened" event`);
  const playbook = await playbookOfIncident(ctx, foldEvents(events));
  return { id: picked.id, events, playbook };
}

/** The template text: the file given, else the built-in one for the playbook's language (English when there is none). */
export async function readTemplate(ctx: CommandContext, kind: 'report' | 'timeline', lang: string, file: unknown): Promise<{ text: string; name: string }> {
  if (typeof file === 'string' && file !== '') {
    const path = resolve(ctx.cwd, file);
    try {
      return { text: await readFile(path, 'utf8'), name: file };
    } catch (error) {
      if (isErrnoException(error) && (error.code === 'ENOENT' || error.code === 'EISDIR')) {
        throw new UserError(`template ${file}: ${error.code === 'ENOENT' ? 'no such file' : 'is a folder, not a file'}`);
      }
      throw explainFsError(error, path, 'read');
    }
  }
  const primary = lang.toLowerCase().split('-')[0] ?? 'en';
  const name = `${kind}.${TEMPLATE_LANGS.includes(primary) ? primary : 'en'}.md.hbs`;
  return { text: await readFile(new URL(name, TEMPLATES_DIR), 'utf8'), name };
}

/** Renders with a template, turning its errors into one line naming the template. */
export function renderWith(template: { text: string; name: string }, view: object): string {
  try {
    return renderTemplate(template.text, view);
  } catch (error) {
    if (error instanceof TemplateError) {
      throw new UserError(`template ${template.name}: ${error.message.split('\n').join(' ')}`);
    }
    throw error;
  }
}

/** Writes to `-o FILE` (atomically) or stdout. */
export async function output(ctx: CommandContext, text: string, file: unknown): Promise<void> {
  if (typeof file !== 'string' || file === '') {
    ctx.stdout.write(text);
    return;
  }
  const path = resolve(ctx.cwd, file);
  try {
    await writeFileAtomic(path, text);
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') throw new UserError(`cannot write ${file}: its folder does not exist`);
    throw explainFsError(error, path, 'write');
  }
  ctx.stderr.write(`crisis: wrote ${file}\n`);
}

/** `crisis report`. */
export async function run(ctx: CommandContext, input: Record<string, unknown>): Promise<number> {
  const [id] = (input.args as [string | undefined] | undefined) ?? [];
  const { events, playbook } = await loadForReport(ctx, id);
  const { view, figures, timeline } = buildReportView(events, playbook, { now: ctx.now() });
  if (input.json) {
    printJson(ctx, { figures, timeline });
    return 0;
  }
  const template = await readTemplate(ctx, 'report', playbook.lang, input.template);
  await output(ctx, renderWith(template, view), input.output);
  return 0;
}

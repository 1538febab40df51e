/**
 * `crisis page [incident] [-o DIR] [--watch] [--template FILE]`: the public
 * status page (index.html, summary.json, feed.atom) written into a folder
 * that any static host can serve. The page itself is computed by the pure
 * core in src/page/; this adapter reads the incidents, their playbooks and
 * config.yaml, writes the files atomically, and with --watch rebuilds them
 * on every new event until Ctrl-C.
 */
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { visibleControls } from '../ui/sanitize.js';
import writeFileAtomic from 'write-file-atomic';
import { speak, type CommandContext } from '../context.js';
import { wordsFor, fill } from '../i18n/index.js';
import { environmentLanguage } from '../playbook/find.js';
import { UserError } from '../errors.js';
import { eventsPath, explainFsError, isErrnoException } from '../incident/paths.js';
import type { IncidentState } from '../incident/state.js';
import { listIncidents, pickIncident } from '../incident/pick.js';
import type { PageConfig } from '../page/config.js';
import { isPublicIncident, pageName, type PageIncidentInput } from '../page/model.js';
import { renderPageFiles, type PageFiles } from '../page/render.js';
import { isTimeZone } from '../page/time.js';
import type { Playbook } from '../playbook/schema.js';
import { TemplateError } from '../report/render.js';
import { catalogueOf, dataDirFor, playbookOfIncident, sayWarnings, storeFor } from './common.js';
import { readTemplate } from './report.js';
import { readTeamDefaults } from './team.js';

/** What `crisis page` takes from the command line. */
export interface PageInput {
  incident?: string | undefined;
  output?: string | undefined;
  watch?: true | undefined;
  template?: string | undefined;
}

/** How often --watch looks at the incident's log (it also rebuilds at once on a file-system notice). */
const WATCH_INTERVAL_MS = 500;

/** The zone the page shows times in: the incident's, else (a log that recorded none) CRISIS_TZ, else the machine's. */
function timeZoneFor(ctx: CommandContext, state: IncidentState): string {
  if (!state.timeZoneGuessed) return state.timeZone;
  const env = ctx.env.CRISIS_TZ;
  if (env && isTimeZone(env)) return env;
  return state.timeZone;
}

/** The current incident, the other public ones with their playbooks (a playbook that no longer loads leaves its incident without stages). */
async function loadInput(ctx: CommandContext, id: string | undefined): Promise<{ current: PageIncidentInput; others: PageIncidentInput[] }> {
  const store = storeFor(ctx);
  const picked = await pickIncident(store, id, { latestWhenNoneOpen: true });
  speak(ctx, picked.state.lang);
  sayWarnings(ctx, picked.warnings);
  const current = { state: picked.state, playbook: await playbookOfIncident(ctx, picked.state) };
  const loaded = new Map<string, Promise<Playbook | undefined>>();
  const playbookOf = (state: IncidentState) => {
    const key = `${state.source}\u0000${state.playbook}\u0000${state.lang}`;
    let p = loaded.get(key);
    if (!p) {
      p = playbookOfIncident(ctx, state).catch(() => undefined);
      loaded.set(key, p);
    }
    return p;
  };
  const others: PageIncidentInput[] = [];
  for (const summary of await listIncidents(store)) {
    const state = summary.state;
    if (!state || state.id === picked.id || !isPublicIncident(state) || state.state !== 'resolved') continue;
    others.push({ state, playbook: await playbookOf(state) });
  }
  return { current, others };
}

/** Builds the page's files once. */
async function build(ctx: CommandContext, id: string | undefined, config: PageConfig, options: PageInput): Promise<{ id: string; files: PageFiles }> {
  const input = await loadInput(ctx, id);
  // the page speaks for the brand: titled after the platform ("ShopChat status"), it would read as the platform's own
  const { state } = input.current;
  if (pageName(config, state) === undefined) throw new UserError((c) => c.errors.pageNeedsName(state.id), { details: [(c) => c.errors.pageNameHow] });
  const template = await readTemplate(ctx, 'page', input.current.state.lang, options.template);
  try {
    return { id: input.current.state.id, files: renderPageFiles({ ...input, config }, timeZoneFor(ctx, input.current.state), template.text) };
  } catch (error) {
    if (error instanceof TemplateError) {
      throw new UserError((c) => c.errors.template(template.name, error.sayIn(c.authoring.template).split('\n').join(' ')));
    }
    throw error;
  }
}

/** Writes each file atomically (a reader sees the old file or the new one, never half of one); an unchanged file is left alone. */
async function writeFiles(ctx: CommandContext, folder: string, shown: string, files: PageFiles): Promise<void> {
  const dir = resolve(ctx.cwd, folder);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw explainFsError(error, dir, 'create', 'output');
  }
  for (const [name, written] of Object.entries(files)) {
    const path = join(dir, name);
    // the files get what the terminal would: a value's control characters made visible
    const text = visibleControls(written);
    let before: string | undefined;
    try {
      before = readFileSync(path, 'utf8');
    } catch {
      before = undefined;
    }
    if (before === text) continue;
    try {
      await writeFileAtomic(path, text);
    } catch (error) {
      if (isErrnoException(error) && error.code === 'ENOENT') throw new UserError((c) => c.errors.noFolder(join(shown, name)));
      throw explainFsError(error, path, 'write', 'output');
    }
  }
}

/** `crisis page`. */
export async function run(ctx: CommandContext, options: PageInput): Promise<number> {
  const id = options.incident;
  const dataDir = dataDirFor(ctx);
  const config = (await readTeamDefaults(dataDir, ctx.env)).page ?? {};
  const folder = options.output ?? 'status';
  const once = async (): Promise<string> => {
    const built = await build(ctx, id, config, options);
    if (folder === '-') ctx.stdout.write(built.files['index.html']);
    else await writeFiles(ctx, folder, folder, built.files);
    return built.id;
  };
  const builtId = await once();
  if (folder !== '-') ctx.stderr.write(`${fill(wordsFor(environmentLanguage(ctx.env) ?? 'en').wrotePage, join(folder, 'index.html'))}\n`);
  if (!options.watch) return 0;
  return watch(ctx, eventsPath(dataDir, builtId), folder, once);
}

/** Rebuilds on every change of the incident's log until SIGINT or SIGTERM; exit code 0. */
function watch(ctx: CommandContext, file: string, folder: string, rebuild: () => Promise<string>): Promise<number> {
  const w = catalogueOf(ctx).ui;
  ctx.stderr.write(`${w.watchingPage(file)}\n`);
  return new Promise((done) => {
    let running: Promise<void> = Promise.resolve();
    let pending = false;
    const onChange = () => {
      if (pending) return;
      pending = true;
      running = running.then(async () => {
        pending = false;
        try {
          await rebuild();
          if (folder !== '-') ctx.stderr.write(`${w.rebuiltPage(join(folder, 'index.html'))}\n`);
        } catch (error) {
          // a teammate's write in progress or a bad template edit: say so and keep watching
          const why = error instanceof UserError ? error.sayIn(catalogueOf(ctx)).message : error instanceof Error ? error.message : String(error);
          ctx.stderr.write(`${w.warning}${w.colon}${w.pageNotRebuilt(why)}\n`);
        }
      });
    };
    watchFile(file, { interval: WATCH_INTERVAL_MS }, (now, before) => {
      if (now.mtimeMs !== before.mtimeMs || now.size !== before.size) onChange();
    });
    const stop = () => {
      unwatchFile(file);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void running.then(() => done(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

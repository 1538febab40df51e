/**
 * What several commands share: the data directory, the incident's playbook,
 * `--var` parsing, dates given on the command line.
 */
import { normaliseValue } from '../playbook/formats.js';
import type { ChalkInstance } from 'chalk';
import { speak, type CommandContext } from '../context.js';
import { UserError, type Warning } from '../errors.js';
import type { Playbook } from '../playbook/schema.js';
import { resolveDataDir } from '../incident/paths.js';
import type { IncidentState } from '../incident/state.js';
import type { IncidentStore } from '../incident/log-store.js';
import { pickIncident } from '../incident/pick.js';
import { fileStore } from '../incident/file-store.js';
import { parseDate } from '../incident/dates.js';
import { isoInZone } from '../zone.js';
import { makePaint } from '../ui/color.js';
import { loadPlaybookCopy, sourceChanged } from '../incident/playbook-copy.js';
import { catalogueFor, wordsFor, type Catalogue, fill } from '../i18n/index.js';
import { environmentLanguage, resolvePlaybook } from '../playbook/find.js';

/** The words of the language the command speaks: the incident's or playbook's once known, else the environment's. */
export function catalogueOf(ctx: Pick<CommandContext, 'lang' | 'env'>): Catalogue {
  return catalogueFor(ctx.lang ?? environmentLanguage(ctx.env));
}

/** Writes warnings on stderr in the command's language, each after its word "warning". */
export function sayWarnings(ctx: CommandContext, warnings: readonly Warning[]): void {
  const c = catalogueOf(ctx);
  for (const warning of warnings) ctx.stderr.write(`${c.ui.warning}${c.ui.colon}${warning.sayIn(c)}\n`);
}

/** Where incidents live for this invocation. */
export function dataDirFor(ctx: CommandContext): string {
  return resolveDataDir({ ...(ctx.dataDir ? { dataDir: ctx.dataDir } : {}), env: ctx.env, cwd: ctx.cwd });
}

/** Where this invocation's incidents are kept: the context's store, else the files of the data directory. */
export function storeFor(ctx: CommandContext): IncidentStore {
  return ctx.store ?? fileStore(dataDirFor(ctx));
}

/** Chalk set up once for this invocation's colour choice. */
export function paintFor(ctx: CommandContext): ChalkInstance {
  return makePaint(ctx.color);
}

/** Loads a playbook by id or path, with the invocation's search folders; the command speaks its language from then on. */
export async function loadPlaybook(ctx: CommandContext, ref: string, lang?: string) {
  const found = await resolvePlaybook(ref, { cwd: ctx.cwd, env: ctx.env, playbookDirs: ctx.playbookDirs, ...(lang ? { lang } : {}) });
  speak(ctx, found.playbook.lang);
  return found;
}

async function playbookCache(ctx: CommandContext) {
  const { playbookCacheFor } = await import('../playbook/cache.js');
  return playbookCacheFor(ctx.env, ctx.cwd);
}

/**
 * The playbook an incident runs: the copy kept in its folder when it opened;
 * for an incident opened before copies were kept, the file it was opened with.
 */
export async function playbookOfIncident(ctx: CommandContext, state: IncidentState): Promise<Playbook> {
  const copy = await loadPlaybookCopy(storeFor(ctx), state.id, await playbookCache(ctx));
  if (copy) return copy.playbook;
  const ref = state.source !== 'built-in' && state.source.endsWith('.yaml') ? state.source : state.playbook;
  const loaded = await loadPlaybook(ctx, ref, state.lang);
  return loaded.playbook;
}

/** Says on stderr when the playbook file an incident was opened from has changed since (the incident keeps its copy). */
export async function sayIfPlaybookChanged(ctx: CommandContext, state: IncidentState): Promise<void> {
  const copy = await loadPlaybookCopy(storeFor(ctx), state.id, await playbookCache(ctx)).catch(() => undefined);
  if (!copy) return;
  let file = state.source;
  if (state.source === 'built-in' || !/\.ya?ml$/i.test(state.source)) {
    const found = await loadPlaybook(ctx, state.playbook, state.lang).catch(() => undefined);
    if (!found) return;
    file = found.file;
  }
  if (!sourceChanged(file, copy.text)) return;
  const w = wordsFor(state.lang);
  ctx.stderr.write(`${w.warning}${w.colon}${fill(w.playbookChanged, file, state.id, copy.where)}\n`);
}

/**
 * The incident a command works on (named, else the only open one; see
 * pickIncident's options), with its log warnings printed and its playbook loaded.
 */
export async function openIncident(
  ctx: CommandContext,
  id: string | undefined,
  options: { openOnly?: boolean; latestWhenNoneOpen?: boolean } = {},
): Promise<{ dataDir: string; store: IncidentStore; state: IncidentState; playbook: Playbook }> {
  const dataDir = dataDirFor(ctx);
  const store = storeFor(ctx);
  const { state, warnings } = await pickIncident(store, id, options);
  speak(ctx, state.lang);
  sayWarnings(ctx, warnings);
  return { dataDir, store, state, playbook: await playbookOfIncident(ctx, state) };
}

/** `--var key=value` flags as a map; a flag without `=` is refused. */
export function parseVars(list: readonly string[] | undefined, playbook?: Playbook): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const item of list ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UserError((c) => c.errors.varForm(item));
    const key = item.slice(0, eq).trim();
    if (playbook && !playbook.variables?.[key]) {
      const known = Object.keys(playbook.variables ?? {});
      throw new UserError((c) => c.errors.noSuchVariable(key, playbook.id), {
        details: [(c) => (known.length ? c.errors.itsVariables(known.join(', ')) : c.errors.noVariables)],
      });
    }
    const value = item.slice(eq + 1);
    // a url variable given as a bare host is used as https://...; a value that is no address is left for the format check to refuse
    vars[key] = playbook?.variables?.[key]?.format === 'url' ? (normaliseValue('url', value) ?? value) : value;
  }
  return vars;
}

/** No incident crisis records happened before this year. */
const EARLIEST_YEAR = 1970;

/**
 * A date given on the command line (`--at`); without an offset, a wall-clock
 * time in `zone`, and a bare time (`09:05`) is today there. With `window`, a time in the future, or before `notBefore`
 * (the detection), is refused: it would be recorded as what happened.
 */
export function parseAtOption(value: string | undefined, flag = '--at', window?: { now: Date; notBefore?: Date }, zone?: string): Date | undefined {
  if (value === undefined) return undefined;
  // a bare time (09:05) is today in the zone
  const d = parseDate(value, zone, window?.now);
  if (!d) throw new UserError((c) => c.errors.notATime(flag, value));
  // shown as it is typed: the incident's wall clock with its offset
  const shownAt = (t: Date): string => (zone ? isoInZone(t, zone) : t.toISOString());
  // Year 0000 is a date to JavaScript; as the time of an incident it is a typo.
  if (d.getUTCFullYear() < EARLIEST_YEAR) {
    throw new UserError((c) => c.errors.tooEarly(flag, value, EARLIEST_YEAR));
  }
  if (window && d.getTime() > window.now.getTime()) {
    throw new UserError((c) => c.errors.inTheFuture(flag, shownAt(d), shownAt(window.now)));
  }
  if (window?.notBefore && d.getTime() < window.notBefore.getTime()) {
    const detected = window.notBefore;
    throw new UserError((c) => c.errors.beforeDetection(flag, shownAt(d), shownAt(detected)));
  }
  return d;
}

/** Writes one JSON document on stdout. */
export function printJson(ctx: CommandContext, value: unknown): void {
  ctx.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

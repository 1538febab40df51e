import type { CommandContext } from '../context.js';
import { listIncidents } from '../incident/pick.js';
import { environmentLanguage } from '../playbook/find.js';
import { catalogueFor, wordsFor, fill } from '../i18n/index.js';
import { isoInZone } from '../zone.js';
import { formatTable } from '../ui/table.js';
import { clock } from '../ui/time.js';
import { paintFor, printJson, storeFor } from './common.js';

/** `crisis incidents [--all]`: open incidents first. */
/** What `crisis incidents` takes from the command line. */
export interface IncidentsInput {
  all?: true | undefined;
  json?: true | undefined;
}

export async function run(ctx: CommandContext, input: IncidentsInput): Promise<number> {
  const store = storeFor(ctx);
  const dataDir = store.where;
  const all = await listIncidents(store);
  const shown = input.all ? all : all.filter((s) => s.state?.state === 'open' || s.error);
  if (input.json) {
    printJson(
      ctx,
      shown.map((s) => ({
        id: s.id,
        state: s.state?.state ?? null,
        playbook: s.state?.playbook ?? null,
        lang: s.state?.lang ?? null,
        title: s.state?.title ?? null,
        severity: s.state?.severity ?? null,
        detected_at: s.state ? isoInZone(s.state.detectedAt, s.state.timeZone) : null,
        ended_at: s.state?.endedAt ? isoInZone(s.state.endedAt, s.state.timeZone) : null,
        drill: s.state?.drill ?? false,
        time_zone: s.state?.timeZone ?? null,
        ...(s.error ? { error: s.error } : {}),
      })),
    );
    return 0;
  }
  const p = paintFor(ctx);
  const now = ctx.now();
  // a list of incidents in several languages: the words of the environment's
  const w = wordsFor(environmentLanguage(ctx.env) ?? 'en');
  if (shown.length === 0) {
    const closed = all.length;
    ctx.stdout.write(closed ? `${fill(w.noOpenIncident, closed)}\n` : `${fill(w.noIncidentYet, dataDir)}\n${w.openOneWith}${w.colon}crisis start <playbook>\n`);
    return 0;
  }
  const stateWords = { open: w.listOpen, resolved: w.listResolved, 'false-alarm': w.listFalseAlarm, discarded: w.listDiscarded };
  const rows = shown.map((s) => [
    s.id,
    s.error ? w.listUnreadable : s.state ? stateWords[s.state.state] : '',
    s.state ? clock(new Date(s.state.detectedAt), now, catalogueFor(environmentLanguage(ctx.env)).dateLocale, s.state.timeZone) : '',
    s.state?.severityTitle ?? '',
    s.problem?.sayIn(catalogueFor(environmentLanguage(ctx.env))).message ?? s.error ?? `${s.state?.title ?? ''}${s.state?.drill ? ` (${w.drill})` : ''}`,
  ]);
  const head = [w.colId, w.colState, w.colDetected, w.colSeverity, w.colTitle];
  ctx.stdout.write(`${formatTable(head, rows, p)}\n`);
  const hidden = all.length - shown.length;
  if (hidden > 0) ctx.stderr.write(`${hidden === 1 ? w.closedNotShownOne : fill(w.closedNotShownMany, hidden)}\n`);
  return 0;
}

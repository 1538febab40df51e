import type { CommandContext } from '../context.js';
import { listIncidents } from '../incident/store.js';
import { clock } from '../ui/time.js';
import { dataDirFor, paintFor, printJson } from './common.js';

/** `crisis incidents [--all]`: open incidents first. */
export async function run(ctx: CommandContext, input: Record<string, unknown>): Promise<number> {
  const dataDir = dataDirFor(ctx);
  const all = await listIncidents(dataDir);
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
        detected_at: s.state?.detectedAt ?? null,
        ended_at: s.state?.endedAt ?? null,
        drill: s.state?.drill ?? false,
        ...(s.error ? { error: s.error } : {}),
      })),
    );
    return 0;
  }
  const p = paintFor(ctx);
  const now = ctx.now();
  if (shown.length === 0) {
    const closed = all.length;
    ctx.stdout.write(closed ? `No open incident (${closed} closed; crisis incidents --all shows them).\n` : `No incident yet in ${dataDir}.\nOpen one with: crisis start <playbook>\n`);
    return 0;
  }
  const rows = shown.map((s) => [
    s.id,
    s.error ? 'unreadable' : (s.state?.state ?? ''),
    s.state ? clock(new Date(s.state.detectedAt), now) : '',
    s.state?.severityTitle ?? '',
    s.error ?? `${s.state?.title ?? ''}${s.state?.drill ? ' (drill)' : ''}`,
  ]);
  const head = ['ID', 'STATE', 'DETECTED', 'SEVERITY', 'TITLE'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  ctx.stdout.write(`${p.bold(line(head))}\n${rows.map(line).join('\n')}\n`);
  const hidden = all.length - shown.length;
  if (hidden > 0) ctx.stderr.write(`${hidden} closed incident${hidden > 1 ? 's' : ''} not shown; add --all.\n`);
  return 0;
}

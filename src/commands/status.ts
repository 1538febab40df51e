import type { CommandContext } from '../context.js';
import { statusOf } from '../incident/status.js';
import { clock, shortDuration } from '../ui/time.js';
import { openIncident, paintFor, printJson } from './common.js';

/** `crisis status [incident]`: where the incident stands. */
export async function run(ctx: CommandContext, input: Record<string, unknown>): Promise<number> {
  const [id] = input.args as [string | undefined];
  const { state, playbook } = await openIncident(ctx, id, { latestWhenNoneOpen: true });
  const now = ctx.now();
  const status = statusOf(playbook, state, now);
  if (input.json) {
    printJson(ctx, status);
    return 0;
  }
  const p = paintFor(ctx);
  const detected = new Date(status.detected_at);
  const end = state.endedAt ? new Date(state.endedAt) : now;
  const label = { open: p.yellow.bold('OPEN'), resolved: p.green.bold('RESOLVED'), 'false-alarm': p.dim.bold('FALSE ALARM') }[status.state];
  const lines = [
    `${p.bold(status.id)}  ${label}${status.drill ? p.cyan('  (drill)') : ''}`,
    `${status.title}  [${status.playbook}.${status.lang}]`,
    `Detected   ${clock(detected, now)}  (${shortDuration(end.getTime() - detected.getTime())} ${state.endedAt ? 'in all' : 'ago'})`,
    `Severity   ${state.severityTitle ?? p.dim('not set yet')}`,
    `Progress   ${status.steps.done}/${status.steps.total} steps${status.next_step ? `, next: ${status.next_step} (${status.phase})` : ''}`,
  ];
  if (status.next_update_due_at) {
    const due = new Date(status.next_update_due_at);
    const late = due.getTime() < now.getTime();
    lines.push(`Next update ${clock(due, now)}${late ? p.red.bold(` (${shortDuration(now.getTime() - due.getTime())} late)`) : ` (in ${shortDuration(due.getTime() - now.getTime())})`}`);
  }
  lines.push('', p.bold('Deadlines'));
  for (const d of status.deadlines) {
    const due = new Date(d.due_at);
    const mark = {
      met: p.green('✔ met    '),
      missed: p.red('✖ missed '),
      open: p.yellow('… open   '),
      overdue: p.red.bold('! overdue'),
    }[d.status];
    const title = playbook.phases.find((x) => x.id === d.phase)?.title ?? d.phase;
    const detail = d.met_at
      ? `done ${clock(new Date(d.met_at), now)}`
      : d.status === 'overdue'
        ? `${shortDuration(now.getTime() - due.getTime())} late`
        : `${shortDuration(due.getTime() - now.getTime())} left`;
    lines.push(`  ${mark} ${clock(due, now)}  ${title}  ${p.dim(`(${detail})`)}`);
  }
  if (state.notes.length) {
    lines.push('', p.bold('Latest notes'));
    for (const n of state.notes.slice(-3)) lines.push(`  ${clock(new Date(n.at), now)}  ${n.by ? `${n.by}: ` : ''}${n.text}`);
  }
  ctx.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

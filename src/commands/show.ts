import type { ChalkInstance } from 'chalk';
import type { CommandContext } from '../context.js';
import { displayPath, resolvePlaybook } from '../playbook/find.js';
import { stepKind } from '../playbook/kinds.js';
import { cadenceInWords, durationInWords, parseDuration } from '../playbook/duration.js';
import type { Condition, Playbook, Step } from '../playbook/schema.js';
import { catalogueFor, type Catalogue } from '../i18n/index.js';
import { makePaint } from '../ui/color.js';
import { wrap } from '../ui/format.js';

const WIDTH = 88;

type ShowWords = Catalogue['show'];

function condition(when: Condition, w: ShowWords): string {
  return Object.entries(when)
    .map(([k, v]) => `${k} = ${Array.isArray(v) ? v.join(w.or) : String(v)}`)
    .join(w.and);
}

function stepText(step: Step, w: ShowWords): string {
  const kind = stepKind(step);
  const main = String(step[kind] ?? '');
  if (kind === 'announce') return `${w.post(main)}${step.channels ? w.on(step.channels.join(', ')) : ''}${step.repeat ? w.again : ''}`;
  if (kind === 'ask') {
    const options = step.options?.map((o) => (typeof o === 'string' ? o : String(o.value))).join(' / ');
    return `${main} (${step.type ?? 'text'}${options ? `: ${options}` : ''})`;
  }
  return main;
}

function render(playbook: Playbook, where: string, paint: ChalkInstance, w: ShowWords): string {
  const out: string[] = [];
  const section = (title: string) => out.push('', paint.bold(title));
  out.push(`${paint.bold(playbook.title)}  ${paint.dim(`${playbook.id} (${playbook.lang})`)}`);
  if (playbook.platform) out.push(`${w.platform}${catalogueFor(playbook.lang).ui.colon}${playbook.platform}`);
  out.push(paint.dim(where));
  if (playbook.summary) out.push('', wrap(playbook.summary, WIDTH));

  const variables = Object.entries(playbook.variables ?? {});
  if (variables.length > 0) {
    section(w.variables);
    const width = Math.max(...variables.map(([id]) => id.length)) + 1;
    for (const [id, v] of variables) {
      const extra = [v.required ? w.required : '', v.format && v.format !== 'text' ? v.format : '', v.example !== undefined ? w.example(String(v.example)) : '']
        .filter(Boolean)
        .join(', ');
      out.push(`  ${id.padEnd(width)} ${v.prompt}${extra ? paint.dim(` (${extra})`) : ''}`);
    }
  }

  section(w.roles);
  const roles = Object.entries(playbook.roles);
  const roleWidth = Math.max(...roles.map(([id]) => id.length)) + 1;
  for (const [id, role] of roles) out.push(`  ${id.padEnd(roleWidth)} ${role.title}`);

  section(w.severities);
  for (const s of playbook.severities) {
    const facts = [s.update_every ? w.updateEvery(cadenceInWords(s.update_every, playbook.lang)) : '', s.notify?.length ? w.notify(s.notify.join(', ')) : ''].filter(Boolean).join(w.semicolon);
    out.push(`  ${paint.bold(s.id)}  ${s.title}${facts ? paint.dim(` - ${facts}`) : ''}`);
    if (s.when) out.push(wrap(s.when, WIDTH, '      '));
  }

  section(w.phases);
  let n = 0;
  playbook.phases.forEach((phase, i) => {
    out.push(`  ${paint.bold(`${i + 1}. ${phase.title}`)}  ${paint.dim(`${phase.id}${phase.due ? `, ${w.due(durationInWords(parseDuration(phase.due) ?? 0, playbook.lang))}` : ''}`)}`);
    if (phase.goal) out.push(wrap(phase.goal, WIDTH, '     '));
    for (const step of phase.steps) {
      n++;
      const kind = stepKind(step);
      const owner = step.owner ? paint.dim(` [${step.owner}]`) : '';
      out.push(`     ${String(n).padStart(2)}. ${paint.cyan(kind.padEnd(8))} ${stepText(step, w)}${owner}  ${paint.dim(step.id)}`);
      if (step.when) out.push(`         ${paint.dim(w.onlyIf(condition(step.when, w)))}`);
      if (step.on_no) out.push(`         ${paint.dim('end' in step.on_no ? w.ifNoEnd : w.ifNoGoto(step.on_no.goto))}`);
      for (const link of step.links ?? []) out.push(`         ${link}`);
      for (const reply of step.replies ?? []) out.push(`         ${paint.dim(w.reply)} crisis announce ${reply}`);
    }
  });

  const messages = Object.entries(playbook.messages ?? {});
  if (messages.length > 0) {
    section(w.messages);
    const width = Math.max(...messages.map(([id]) => id.length)) + 1;
    for (const [id, m] of messages) {
      const audience = m.audience === 'private' ? w.privateReply : '';
      out.push(`  ${id.padEnd(width)} ${m.title ?? ''}${audience}  ${paint.dim(Object.keys(m.channels).join(', '))}`);
    }
  }
  if (playbook.follow_up?.length) {
    section(w.followUp);
    for (const f of playbook.follow_up) out.push(wrap(f, WIDTH, '  - ').replace(/\n {4}/g, '\n    '));
  }
  return `${out.join('\n')}\n`;
}

/** `crisis show <playbook> [--lang L] [--json]`: a readable overview of one playbook. */
/** What `crisis show` takes from the command line. */
export interface ShowInput {
  playbook: string;
  lang?: string | undefined;
  json?: true | undefined;
}

export async function run(ctx: CommandContext, input: ShowInput): Promise<number> {
  const ref = input.playbook;
  const lang = input.lang;
  const found = await resolvePlaybook(ref, { cwd: ctx.cwd, env: ctx.env, playbookDirs: ctx.playbookDirs, ...(lang ? { lang } : {}) });
  if (input.json) {
    ctx.stdout.write(`${JSON.stringify({ ...found.playbook, file: found.file, source: found.source }, null, 2)}\n`);
    return 0;
  }
  const w = catalogueFor(found.playbook.lang).show;
  const where = found.source === 'built-in' ? `${w.builtIn}, ${found.file}` : displayPath(found.file, ctx.cwd);
  ctx.stdout.write(render(found.playbook, where, makePaint(ctx.color), w));
  return 0;
}

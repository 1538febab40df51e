import { channelName } from '../messages/channels.js';
import type { CommandContext } from '../context.js';
import { formatDiagnosticSaying, UserError } from '../errors.js';
import type { Playbook } from '../playbook/schema.js';
import { outdatedMessage, renderForIncident } from '../incident/announce.js';
import { wordsFor, fill } from '../i18n/index.js';
import { isIncidentId } from '../incident/paths.js';
import type { NewEvent } from '../incident/events.js';
import { promisedNextUpdate } from '../incident/engine.js';
import { announceJson, renderMessage, TemplateError, type RenderedMessage } from '../messages/render.js';
import { exampleView } from '../messages/view.js';
import { lintMessages } from '../messages/lint.js';
import { formatAnnouncement } from '../ui/announcement.js';
import { fitToWidth, terminalWidth } from '../ui/format.js';
import { catalogueFor } from '../i18n/index.js';
import { catalogueOf, loadPlaybook, openIncident, paintFor, parseVars, printJson, storeFor } from './common.js';

/** What `crisis announce` takes from the command line. */
export interface AnnounceInput {
  /** [incident] [message] */
  args: string[];
  channel?: string[] | undefined;
  var?: string[] | undefined;
  playbook?: string | undefined;
  lang?: string | undefined;
  copy?: true | undefined;
  posted?: true | undefined;
  json?: true | undefined;
  force?: true | undefined;
}

/** `crisis announce [incident] [message]`: a message ready to paste, one block per channel. */
export async function run(ctx: CommandContext, input: AnnounceInput): Promise<number> {
  const args = [...input.args];
  const channels = input.channel;
  const now = ctx.now();
  let playbook: Playbook;
  let rendered: RenderedMessage;
  let warnings: string[];
  let incidentId: string | undefined;
  let file = '';

  if (input.playbook !== undefined) {
    if (input.posted) throw new UserError((c) => c.errors.postedNeedsIncident);
    const loaded = await loadPlaybook(ctx, input.playbook, input.lang);
    playbook = loaded.playbook;
    file = loaded.file;
    const messageId = pickMessage(playbook, args[0]);
    const vars = parseVars(input.var, playbook);
    const examples = exampleView(playbook, now);
    const missing = Object.keys(playbook.variables ?? {}).filter((k) => vars[k] === undefined);
    if (missing.length) ctx.stderr.write(`${catalogueOf(ctx).errors.exampleValues(missing.join(', '))}\n`);
    const view = { ...examples, ...vars };
    rendered = render(() => renderMessage(playbook, messageId, { view, now, ...(channels ? { channels } : {}) }));
    warnings = lintMessages(playbook, [rendered], view).map((w) => w.message);
  } else {
    const store = storeFor(ctx);
    const first = args[0];
    if (first && isIncidentId(first) && (await store.has(first))) {
      incidentId = first;
      args.shift();
    }
    // after resolution, the last incident: its messages may still need posting (the all-clear)
    const opened = await openIncident(ctx, incidentId, { latestWhenNoneOpen: true });
    const { state } = opened;
    incidentId = state.id;
    playbook = opened.playbook;
    const messageId = pickMessage(playbook, args[0]);
    const outdated = outdatedMessage(playbook, state, messageId);
    if (outdated) {
      const w = wordsFor(playbook.lang);
      const line = fill(w.outdatedMessage, messageId, outdated.title, state.id);
      if (!input.force) throw new UserError(line, { details: [w.outdatedHint] });
      ctx.stderr.write(`${w.warning}${w.colon}${line}\n`);
    }
    const overrides = parseVars(input.var, playbook);
    const step = playbook.phases.flatMap((p) => p.steps).find((s) => s.announce === messageId);
    const chosen = channels ?? step?.channels;
    // the same next-update time in the text and in the log, as a walkthrough post gives
    const nextUpdateAt = step && state.state === 'open' ? promisedNextUpdate(playbook, state, step, now) : undefined;
    const announcement = renderForIncident(playbook, state, messageId, now, { ...(chosen ? { channels: chosen } : {}), overrides, ...(nextUpdateAt ? { nextUpdateAt } : {}) });
    rendered = announcement;
    warnings = announcement.warnings;
    if (input.posted) {
      const at = now.toISOString();
      const events: NewEvent[] = [
        { type: 'message_rendered', at, message: messageId, channels: rendered.channels.map(plain) },
        ...rendered.channels.map(
          (c): NewEvent => ({
            type: 'message_posted',
            at,
            message: messageId,
            ...plain(c),
            ...(c.measure.within_limit ? {} : { over_limit: true }),
            ...(nextUpdateAt ? { next_update_at: nextUpdateAt.toISOString() } : {}),
          }),
        ),
      ];
      await store.append(state.id, events);
      const over = rendered.channels.filter((c) => !c.measure.within_limit).map((c) => c.channel);
      if (over.length) warnings = [...warnings, fill(wordsFor(playbook.lang).postedOverLimit, step?.id ?? messageId, over.join(', '))];
    }
  }

  const said = catalogueOf(ctx).ui;
  for (const w of warnings) ctx.stderr.write(`${formatDiagnosticSaying({ file: file || rendered.message, message: w, severity: 'warning' }, `${said.warning}${said.colon}`)}\n`);

  if (input.json) printJson(ctx, announceJson(rendered));
  else {
    const columns = terminalWidth(ctx.stdout);
    const blocks = formatAnnouncement(rendered, paintFor(ctx), playbook.lang, Math.min(72, columns ?? 72));
    ctx.stdout.write(fitToWidth(`${paintFor(ctx).bold(rendered.title)}\n\n${blocks}`, columns));
  }

  if (input.posted && incidentId) {
    const channels = rendered.channels.map((c) => channelName(c.channel, playbook.lang, playbook.channels)).join(', ');
    ctx.stderr.write(`${fill(wordsFor(playbook.lang).recordedPosted, channels, incidentId)}\n`);
  }
  if (input.copy) {
    const target = rendered.channels[0];
    if (target) {
      const { channelText, saidOfCopy } = await import('../ui/copy.js');
      const { copyText } = await import('../messages/clipboard.js');
      const result = await copyText(channelText(target), { env: ctx.env, terminals: [ctx.stdout, ctx.stderr] });
      const more = result.ok && rendered.channels.length > 1 ? ` ${catalogueFor(playbook.lang).copy.another}` : '';
      ctx.stderr.write(`${saidOfCopy(result, target.label, playbook.lang)}${more}\n`);
    }
  }
  return rendered.channels.every((c) => c.measure.within_limit) ? 0 : 1;
}

function plain(c: RenderedMessage['channels'][number]) {
  return { channel: c.channel, text: c.text, ...(c.subject !== undefined ? { subject: c.subject } : {}) };
}

function pickMessage(playbook: Playbook, id: string | undefined): string {
  const ids = Object.keys(playbook.messages ?? {});
  if (id && ids.includes(id)) return id;
  const list = ids.map((m) => `${m}: ${playbook.messages?.[m]?.title ?? ''}`);
  if (!id) throw new UserError((c) => c.errors.nameMessage(playbook.id), { details: list });
  throw new UserError((c) => c.errors.noMessage(playbook.id, id), { details: list });
}

function render(fn: () => RenderedMessage): RenderedMessage {
  try {
    return fn();
  } catch (error) {
    if (error instanceof TemplateError) {
      const { variable } = error;
      throw new UserError((c) => {
        const problem = error.sayIn(c.authoring.template);
        return variable ? c.errors.setWithVar(problem, variable) : problem;
      });
    }
    throw error;
  }
}


/**
 * The message part of `crisis validate`: renders every message for every
 * channel it can be posted on, with the variables' example values, and
 * reports what would fail on the day: template errors, unknown channels,
 * texts over a channel's limit.
 */
import type { Playbook } from '../playbook/schema.js';
import { isCatalogueChannel } from './channels.js';
import { describeLength } from './measure.js';
import { renderContext } from './render.js';
import { renderAt, TemplateError } from './template.js';
import { fieldPath, isDefaultTemplate, renderExamples, type ExampleRender, type MessageTarget, type Problem } from './examples.js';
import type { View } from './view.js';

export type { Problem } from './examples.js';

function error(path: Problem['path'], message: string): Problem {
  return { path, message, severity: 'error' };
}

/** Problems in the playbook's `channels:` section. */
function channelSettingsProblems(playbook: Playbook): Problem[] {
  const problems: Problem[] = [];
  for (const [id, settings] of Object.entries(playbook.channels ?? {})) {
    const at = ['channels', id];
    if (id === 'default') {
      problems.push(error(at, '"default" is the key of a message\'s fallback template, not a channel'));
    } else if (!isCatalogueChannel(id) && settings.limit === undefined) {
      problems.push(error(at, `channel "${id}" is not in the catalogue, so it needs a "limit" (in characters)`));
    }
    if (id === 'sms' && settings.limit !== undefined) {
      problems.push({ path: [...at, 'limit'], message: 'SMS is counted in segments: use "max_segments" instead of "limit" (ignored)', severity: 'warning' });
    }
    if (id !== 'sms' && settings.max_segments !== undefined) {
      problems.push({ path: [...at, 'max_segments'], message: `"max_segments" only applies to sms; channel "${id}" ignores it`, severity: 'warning' });
    }
  }
  return problems;
}

/** Template errors in option labels, rendered with the example view. */
function labelProblems(playbook: Playbook, view: View, now: Date): Problem[] {
  const problems: Problem[] = [];
  const ctx = renderContext(playbook, { view, now });
  playbook.phases.forEach((phase, p) =>
    phase.steps.forEach((step, s) =>
      (step.options ?? []).forEach((option, o) => {
        if (typeof option === 'string') return;
        try {
          renderAt({ field: 'label', stepId: step.id, option: o }, option.label, view, ctx);
        } catch (e) {
          if (!(e instanceof TemplateError)) throw e;
          problems.push(error(['phases', p, 'steps', s, 'options', o, 'label'], e.message));
        }
      }),
    ),
  );
  return problems;
}

function where(target: MessageTarget): string {
  const via = isDefaultTemplate(target) ? ' (from its "default" template)' : '';
  return `message "${target.messageId}", channel "${target.spec.id}"${via}`;
}

/** A template whose shape does not fit its channel: e-mail needs subject and body, others plain text. */
function shapeProblem(target: MessageTarget): Problem | undefined {
  const wantsSubject = target.spec.subjectLimit !== undefined;
  if (wantsSubject && typeof target.template === 'string') {
    return error(
      target.path,
      `${where(target)}: an e-mail needs a subject and a body; write it as ${target.spec.id}: { subject: ..., body: ... }`,
    );
  }
  if (!wantsSubject && typeof target.template !== 'string') {
    return error(target.path, `${where(target)}: this channel takes plain text, not a subject and a body`);
  }
  return undefined;
}

function quoteList(chars: readonly string[]): string {
  return chars.map((c) => `"${c}"`).join(', ');
}

/** Over-limit errors of one rendered channel, in words a writer can act on. */
function limitProblems({ target, rendered }: ExampleRender): Problem[] {
  if (!rendered) return [];
  const m = rendered.measure;
  const problems: Problem[] = [];
  const isMap = typeof target.template !== 'string';
  if (m.length > m.limit) {
    let detail = `${describeLength(m.length, m.limit, m.unit)}; shorten it`;
    if (m.unit === 'segments') {
      const ucs2 = m.ucs2_characters ?? [];
      detail =
        m.encoding === 'UCS-2' && ucs2.length > 0
          ? `${describeLength(m.length, m.limit, m.unit)}, in UCS-2 (70 characters per SMS, 67 per part) because of ${quoteList(ucs2)}; shorten it or replace those characters`
          : `${describeLength(m.length, m.limit, m.unit)}, in GSM-7 (${m.sms_characters ?? '?'} characters; 160 per SMS, 153 per part); shorten it`;
    }
    problems.push(error(isMap ? fieldPath(target, 'body') : target.path, `${where(target)}: ${detail}`));
  }
  if (m.subject_length !== undefined && m.subject_limit !== undefined && m.subject_length > m.subject_limit) {
    problems.push(
      error(fieldPath(target, 'subject'), `${where(target)}: subject is ${describeLength(m.subject_length, m.subject_limit, 'characters')}; shorten it`),
    );
  }
  return problems;
}

/**
 * Checks every message of `playbook` for every channel it can be posted on,
 * rendered with example values at `now` (`examples`, when the caller has them already). Errors block validation; warnings
 * (ignored channel settings) do not. Paths point into the playbook data.
 */
export function checkPlaybookMessages(playbook: Playbook, now: Date, examples = renderExamples(playbook, now)): Problem[] {
  const { view, renders, problems } = examples;
  const out: Problem[] = [...channelSettingsProblems(playbook), ...problems, ...labelProblems(playbook, view, now)];
  const reported = new Set<string>();
  for (const render of renders) {
    const shape = shapeProblem(render.target);
    if (shape) {
      out.push(shape);
      continue;
    }
    if (render.error) {
      const problem = error(fieldPath(render.target, render.error.field ?? 'text'), render.error.message);
      // A broken `default` template fails the same way for every channel that uses it: say it once.
      const key = `${problem.path.join('\0')}\0${render.error.detail}`;
      if (isDefaultTemplate(render.target) && reported.has(key)) continue;
      reported.add(key);
      out.push(problem);
      continue;
    }
    out.push(...limitProblems(render));
  }
  return out;
}

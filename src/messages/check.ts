/**
 * The message part of `crisis validate`: renders every message for every
 * channel it can be posted on, with the variables' example values, and
 * reports what would fail on the day: template errors, unknown channels,
 * texts over a channel's limit.
 */
import { catalogueFor } from '../i18n/index.js';
import type { Playbook } from '../playbook/schema.js';
import type { AuthoringWords } from '../playbook/words.js';
import { isCatalogueChannel } from './channels.js';
import { describeLength, type LengthWords } from './measure.js';
import { renderContext } from './render.js';
import { renderAt, TemplateError } from './template.js';
import { fieldPath, isDefaultTemplate, renderExamples, type ExampleRender, type MessageTarget, type Problem } from './examples.js';
import type { View } from './view.js';

export type { Problem } from './examples.js';

function error(path: Problem['path'], message: string): Problem {
  return { path, message, severity: 'error' };
}

/** Problems in the playbook's `channels:` section. */
function channelSettingsProblems(playbook: Playbook, w: AuthoringWords): Problem[] {
  const problems: Problem[] = [];
  for (const [id, settings] of Object.entries(playbook.channels ?? {})) {
    const at = ['channels', id];
    if (id === 'default') {
      problems.push(error(at, w.defaultNotChannel));
    } else if (!isCatalogueChannel(id) && settings.limit === undefined) {
      problems.push(error(at, w.channelNeedsLimit(id, '')));
    }
    if (id === 'sms' && settings.limit !== undefined) {
      problems.push({ path: [...at, 'limit'], message: w.smsLimit, severity: 'warning' });
    }
    if (id !== 'sms' && settings.max_segments !== undefined) {
      problems.push({ path: [...at, 'max_segments'], message: w.maxSegmentsOnlySms(id), severity: 'warning' });
    }
  }
  return problems;
}

/** Template errors in option labels, rendered with the example view. */
function labelProblems(playbook: Playbook, view: View, now: Date, w: AuthoringWords): Problem[] {
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
          problems.push(error(['phases', p, 'steps', s, 'options', o, 'label'], e.sayIn(w.template)));
        }
      }),
    ),
  );
  return problems;
}

function where(target: MessageTarget, w: AuthoringWords): string {
  const text = w.template.siteChannel(target.messageId, target.spec.id);
  return isDefaultTemplate(target) ? w.fromDefault(text) : text;
}

/** A template whose shape does not fit its channel: e-mail needs subject and body, others plain text. */
function shapeProblem(target: MessageTarget, w: AuthoringWords): Problem | undefined {
  const wantsSubject = target.spec.subjectLimit !== undefined;
  if (wantsSubject && typeof target.template === 'string') return error(target.path, w.needsSubject(where(target, w), target.spec.id));
  if (!wantsSubject && typeof target.template !== 'string') return error(target.path, w.plainText(where(target, w)));
  return undefined;
}

/** Over-limit errors of one rendered channel, in words a writer can act on. */
function limitProblems({ target, rendered }: ExampleRender, w: AuthoringWords, lengths: LengthWords): Problem[] {
  if (!rendered) return [];
  const m = rendered.measure;
  const problems: Problem[] = [];
  const isMap = typeof target.template !== 'string';
  const at = where(target, w);
  if (m.length > m.limit) {
    const size = describeLength(m.length, m.limit, m.unit, lengths);
    const ucs2 = m.ucs2_characters ?? [];
    const message =
      m.unit !== 'segments'
        ? w.tooLong(at, size)
        : m.encoding === 'UCS-2' && ucs2.length > 0
          ? w.tooLongUcs2(at, size, ucs2.map((c) => w.quote(c)).join(', '))
          : w.tooLongGsm7(at, size, String(m.sms_characters ?? '?'));
    problems.push(error(isMap ? fieldPath(target, 'body') : target.path, message));
  }
  if (m.subject_length !== undefined && m.subject_limit !== undefined && m.subject_length > m.subject_limit) {
    problems.push(error(fieldPath(target, 'subject'), w.subjectTooLong(at, describeLength(m.subject_length, m.subject_limit, 'characters', lengths))));
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
  // said in the playbook's language
  const words = catalogueFor(playbook.lang);
  const w = words.authoring;
  const out: Problem[] = [...channelSettingsProblems(playbook, w), ...problems, ...labelProblems(playbook, view, now, w)];
  const reported = new Set<string>();
  for (const render of renders) {
    const shape = shapeProblem(render.target, w);
    if (shape) {
      out.push(shape);
      continue;
    }
    if (render.error) {
      const problem = error(fieldPath(render.target, render.error.field ?? 'text'), render.error.sayIn(w.template));
      // A broken `default` template fails the same way for every channel that uses it: say it once.
      const key = `${problem.path.join('\0')}\0${render.error.detail}`;
      if (isDefaultTemplate(render.target) && reported.has(key)) continue;
      reported.add(key);
      out.push(problem);
      continue;
    }
    out.push(...limitProblems(render, w, words.ui));
  }
  return out;
}

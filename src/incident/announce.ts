/**
 * Messages rendered for an incident as it stands: its variables, people and
 * answers. Shared by the walkthrough's announce steps and `crisis announce`.
 */
import type { Phase, Playbook, Step } from '../playbook/schema.js';
import { phaseStage } from '../playbook/kinds.js';
import { ExitCode, UserError, type Said } from '../errors.js';
import type { Catalogue } from '../i18n/index.js';
import { renderMessage, TemplateError, type RenderedMessage } from '../messages/render.js';
import { buildView, optionLabels, viewInput } from '../messages/view.js';
import { lintMessages } from '../messages/lint.js';
import type { IncidentState } from './state.js';
import { promisedNextUpdate } from './engine.js';

// kept with the message view, which the report reads without the rest of this module
export { viewInput };

/**
 * A rendered message and the lint warnings on its texts (promises of a time,
 * no contact, ...), with the next update it promises, if the incident has a cadence.
 */
export type Announcement = RenderedMessage & { warnings: string[]; nextUpdateAt?: Date };

/**
 * A message uses a playbook variable the incident has no value for. The
 * walkthrough asks for it on a terminal; otherwise it is a missing answer (exit 3).
 */
export class MissingVariable extends UserError {
  constructor(
    message: Said,
    readonly variable: string,
    details: Said[],
  ) {
    super(message, { exitCode: ExitCode.NeedsAnswer, details });
  }
}


/** Renders a message for the incident; a template problem becomes a UserError saying how to fix it. */
export function renderForIncident(
  playbook: Playbook,
  state: IncidentState,
  messageId: string,
  now: Date,
  options: { channels?: readonly string[]; overrides?: Record<string, string>; nextUpdateAt?: Date } = {},
): Announcement {
  try {
    const view = buildView(playbook, viewInput(playbook, state, now, options.overrides));
    const rendered = renderMessage(playbook, messageId, {
      view,
      now,
      detectedAt: new Date(state.detectedAt),
      timeZone: state.timeZone,
      ...(options.channels ? { channels: options.channels } : {}),
      ...(options.nextUpdateAt ? { nextUpdateAt: options.nextUpdateAt } : {}),
    });
    return {
      ...rendered,
      warnings: lintMessages(playbook, [rendered], view).map((p) => p.message),
      ...(options.nextUpdateAt ? { nextUpdateAt: options.nextUpdateAt } : {}),
    };
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    const said = (c: Catalogue): string => error.sayIn(c.authoring.template);
    const name = error.variable;
    if (name && playbook.variables?.[name]) {
      throw new MissingVariable((c) => c.errors.noValueFor(said(c)), name, [
        (c) => `${c.errors.giveValue(state.id)}(variables: { ${name}: ... })`,
        (c) => c.errors.allSaved,
      ]);
    }
    if (error.variable) {
      const { variable } = error;
      throw new UserError((c) => `${said(c)}.`, {
        details: [
          (c) => c.errors.giveItAValue(`crisis announce ${state.id} ${messageId} --var ${variable}=...`),
          (c) => `${c.errors.orInAnswersFile(state.id)}(variables: { ${variable}: ... })`,
        ],
      });
    }
    throw new UserError((c) => c.errors.runValidate(said(c)));
  }
}

/**
 * The announce step's message, on the step's channels, as it reads when the
 * step is reached at `now`: one next-update time for every channel, the one
 * the incident already promises (an update promises a new one).
 * `whatsNew`: the update's news line, for `{{whats_new}}`.
 */
export function announceForStep(playbook: Playbook, state: IncidentState, step: Step, now: Date, whatsNew?: string): Announcement {
  const nextUpdateAt = promisedNextUpdate(playbook, state, step, now);
  return renderForIncident(playbook, state, step.announce ?? '', now, {
    ...(step.channels ? { channels: step.channels } : {}),
    ...(nextUpdateAt ? { nextUpdateAt } : {}),
    ...(whatsNew !== undefined ? { overrides: { whats_new: whatsNew } } : {}),
  });
}

/**
 * After resolution (or a false alarm), the phase of a message that only the
 * steps before the resolution use: the first post, an update. Such a text says
 * the outage goes on, which is no longer true. Undefined when the incident is
 * open, when a `resolve`-stage step uses the message, or when no step uses it
 * (a reply macro).
 */
export function outdatedMessage(playbook: Playbook, state: Pick<IncidentState, 'state'>, messageId: string): Phase | undefined {
  if (state.state !== 'resolved' && state.state !== 'false-alarm') return undefined;
  const users = playbook.phases.filter((phase) => phase.steps.some((step) => step.announce === messageId));
  if (users.length === 0 || users.some((phase) => phaseStage(phase) === 'resolve')) return undefined;
  return users[users.length - 1];
}

/** Option values and labels of a question, as the operator reads them (severity: title and when). */
export function questionOptions(playbook: Playbook, state: IncidentState, step: Step, now: Date): Array<{ value: string; label: string }> {
  if (step.type === 'severity') {
    return playbook.severities.map((s) => ({ value: s.id, label: s.when ? `${s.title} — ${s.when}` : s.title }));
  }
  return optionLabels(playbook, viewInput(playbook, state, now), step);
}

/**
 * The view a message template sees: playbook variables, the incident, the
 * people on duty, `now`, and every `save_as` answer, with choice and multi
 * answers shown as their option labels rather than their values.
 */
import { format } from 'date-fns/format';
import type { Playbook, Step, StepOption } from '../playbook/schema.js';
import { formatList, type RenderContext } from './helpers.js';
import { renderAt, TemplateError } from './template.js';
import { declare } from '../template/engine.js';

/** A recorded answer: scalar, or a list for `multi`. */
export type AnswerValue = string | number | boolean | ReadonlyArray<string | number | boolean>;

/** The plain object templates are rendered with. */
export type View = Record<string, unknown>;

/** What an incident knows, to build its view. */
export interface ViewInput {
  variables: Record<string, string>;
  /** Role id -> person. */
  people: Record<string, string>;
  /** `save_as` name -> answer value (option values, not labels). */
  answers: Record<string, AnswerValue>;
  incident: { id: string; detected_at: string; severity?: string };
  now: Date;
  /** Zone for times in option labels; default the machine's. */
  timeZone?: string;
}

/** The render context matching a view input, for helpers. */
export function contextFor(playbook: Playbook, input: Pick<ViewInput, 'incident' | 'now' | 'timeZone'>): RenderContext {
  const detectedAt = new Date(input.incident.detected_at);
  const ctx: RenderContext = {
    lang: playbook.lang,
    now: input.now,
    detectedAt: Number.isNaN(detectedAt.getTime()) ? input.now : detectedAt,
    severities: playbook.severities,
  };
  if (input.incident.severity !== undefined) ctx.severity = input.incident.severity;
  if (input.timeZone !== undefined) ctx.timeZone = input.timeZone;
  return ctx;
}

/** Every `ask` step with a `save_as`, with where it sits in the playbook. */
export function saveAsSteps(playbook: Playbook): Array<{ step: Step; phase: number; index: number }> {
  const found: Array<{ step: Step; phase: number; index: number }> = [];
  playbook.phases.forEach((phase, p) =>
    phase.steps.forEach((step, i) => {
      if (step.ask !== undefined && step.save_as !== undefined) found.push({ step, phase: p, index: i });
    }),
  );
  return found;
}

function optionValue(option: StepOption): string {
  return typeof option === 'string' ? option : String(option.value);
}

function optionLabelSource(option: StepOption): string {
  return typeof option === 'string' ? option : option.label;
}

/** `choice` when a step has options but no type, `text` when it has neither. */
export function questionType(step: Step): string {
  return step.type ?? (step.options ? 'choice' : 'text');
}

/**
 * A list of labels that prints as a sentence ("e-mail, phone and website")
 * when a template writes `{{services}}`, and is still an array for `{{#each}}`
 * and `{{list}}`.
 */
function labelList(labels: string[], lang: string): string[] {
  const text = formatList(labels, lang);
  Object.defineProperty(labels, 'toString', { value: () => text, enumerable: false });
  return labels;
}

type LabelFailure = 'throw' | 'raw';

function buildViewWith(playbook: Playbook, input: ViewInput, onLabelError: LabelFailure): View {
  const severity = playbook.severities.find((s) => s.id === input.incident.severity);
  const incident: Record<string, string> = { id: input.incident.id, detected_at: input.incident.detected_at };
  if (input.incident.severity !== undefined) incident.severity = input.incident.severity;
  if (severity) incident.severity_title = severity.title;

  const variables: Record<string, string | number | boolean> = {};
  for (const [id, variable] of Object.entries(playbook.variables ?? {})) {
    if (variable.default !== undefined) variables[id] = variable.default;
  }
  Object.assign(variables, input.variables);

  // Labels may use templates: they see the view without the labelled answers.
  const base: View = { ...variables, ...input.answers, incident, people: { ...input.people }, now: input.now.toISOString() };
  const ctx = contextFor(playbook, input);
  const label = (step: Step, value: string): string => {
    const index = (step.options ?? []).findIndex((o) => optionValue(o) === value);
    const option = step.options?.[index];
    if (!option) return value;
    const source = optionLabelSource(option);
    try {
      return renderAt({ field: 'label', stepId: step.id, option: index }, source, base, ctx);
    } catch (error) {
      if (onLabelError === 'raw' && error instanceof TemplateError) return source;
      throw error;
    }
  };

  const answers: View = { ...input.answers };
  for (const { step } of saveAsSteps(playbook)) {
    const name = step.save_as as string;
    const value = input.answers[name];
    if (value === undefined || !step.options) continue;
    const type = questionType(step);
    const known = (v: string) => step.options?.some((o) => optionValue(o) === v) ?? false;
    if (type === 'multi' && Array.isArray(value) && value.every((v) => known(String(v)))) {
      answers[name] = labelList(value.map((v) => label(step, String(v))), playbook.lang);
    } else if (type === 'choice' && !Array.isArray(value) && known(String(value))) {
      answers[name] = label(step, String(value));
    }
  }
  // Names the playbook knows but the incident has not set yet may be tested ({{#if name}}), never printed.
  declare(incident, ['severity', 'severity_title']);
  declare(base.people as object, Object.keys(playbook.roles));
  const view = { ...base, ...answers, incident: base.incident, people: base.people, now: base.now };
  return declare(view, [...Object.keys(playbook.variables ?? {}), ...saveAsSteps(playbook).map(({ step }) => step.save_as as string)]);
}

/**
 * The view for an incident. Variables not given take their `default`; the
 * incident's severity keys are absent until a severity is chosen (so a
 * template using them fails loudly). Throws a TemplateError when an option
 * label used by an answer has a template error.
 */
export function buildView(playbook: Playbook, input: ViewInput): View {
  return buildViewWith(playbook, input, 'throw');
}

/** A visible placeholder for a value nobody gave: `<brand>`. */
function placeholder(name: string): string {
  return `<${name}>`;
}

/** Minutes since detection in example views, so `{{elapsed}}` shows a realistic length. */
export const EXAMPLE_ELAPSED_MINUTES = 90;

/**
 * A realistic view for checking templates without an incident: variables'
 * `example` (else `default`, else `<name>`), role titles as people, the first
 * severity, and a plausible answer to every `save_as` question (choice: the
 * first option; multi: all of them). A label with a template error is shown
 * raw here; the check reports it separately.
 */
export function exampleView(playbook: Playbook, now: Date): View {
  const variables: Record<string, string> = {};
  for (const [id, variable] of Object.entries(playbook.variables ?? {})) {
    variables[id] = String(variable.example ?? variable.default ?? placeholder(id));
  }
  const people: Record<string, string> = {};
  for (const [id, role] of Object.entries(playbook.roles)) people[id] = role.title;
  const answers: Record<string, AnswerValue> = {};
  for (const { step } of saveAsSteps(playbook)) {
    const name = step.save_as as string;
    if (name in answers) continue;
    const options = (step.options ?? []).map(optionValue);
    const type = questionType(step);
    if (type === 'choice') answers[name] = options[0] ?? '(answer)';
    else if (type === 'multi') answers[name] = options;
    else if (type === 'confirm') answers[name] = true;
    else if (type === 'number') answers[name] = 1;
    else if (type === 'datetime') answers[name] = now.toISOString();
    else if (type === 'severity') answers[name] = playbook.severities[0]?.id ?? '(severity)';
    else answers[name] = '(answer)';
  }
  const detectedAt = new Date(now.getTime() - EXAMPLE_ELAPSED_MINUTES * 60_000);
  const incident: ViewInput['incident'] = { id: `${format(detectedAt, 'yyyy-MM-dd')}-${playbook.id}`, detected_at: detectedAt.toISOString() };
  const firstSeverity = playbook.severities[0]?.id;
  if (firstSeverity !== undefined) incident.severity = firstSeverity;
  return buildViewWith(playbook, { variables, people, answers, incident, now }, 'raw');
}

/**
 * The view a message template sees: playbook variables, the incident, the
 * people on duty, `now`, and every `save_as` answer, with choice and multi
 * answers shown as their option labels rather than their values.
 */
import { format } from 'date-fns/format';
import type { Playbook, Step, StepOption } from '../playbook/schema.js';
import type { IncidentState } from '../incident/state.js';
import { dateLocale, formatList, type RenderContext } from './helpers.js';
import { formatInZone, sameDayInZone, systemTimeZone } from '../zone.js';
import { renderAt, TemplateError } from './template.js';
import { declare } from '../template/engine.js';
import { wordsFor } from '../i18n/index.js';

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

/** The text of an option's label, as written (a template or plain text). */
export function optionLabelSource(option: StepOption): string {
  return typeof option === 'string' ? option : option.label;
}

/** What the message view needs from an incident. */
export function viewInput(playbook: Playbook, state: IncidentState, now: Date, overrides: Record<string, string> = {}): ViewInput {
  const answers: ViewInput['answers'] = {};
  for (const phase of playbook.phases) {
    for (const step of phase.steps) {
      const value = state.steps[step.id]?.value;
      if (step.save_as && value !== undefined) answers[step.save_as] = value;
    }
  }
  return {
    variables: { ...state.variables, ...overrides },
    people: state.people,
    answers,
    incident: { id: state.id, detected_at: state.detectedAt, ...(state.severity ? { severity: state.severity } : {}) },
    now,
    timeZone: state.timeZone,
  };
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

/**
 * What a label with a template problem becomes: an error (`throw`, for
 * messages: a public post never shows a broken label), or, for reading
 * (`lenient`: prompts, the report, example views), the label with `[name]`
 * for a variable nobody set, else the label as written (validate reports it).
 */
export type LabelFailure = 'throw' | 'lenient';

/**
 * A date value as a template prints it bare (`{{now}}`): the time in the
 * playbook's language and the incident's zone ("14:05"), with the day when it
 * is not today ("20 novembre 2026 à 14:05"), never ISO text. It stays the
 * instant for helpers (`{{time incident.detected_at}}`, `{{elapsed x}}`).
 */
function shownInstant(iso: string, playbook: Playbook, input: Pick<ViewInput, 'now' | 'timeZone'>): Date | string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const zone = input.timeZone ?? systemTimeZone();
  const locale = dateLocale(playbook.lang);
  const text = formatInZone(date, sameDayInZone(date, input.now, zone) ? 'p' : 'PPPp', zone, locale);
  Object.defineProperty(date, 'toString', { value: () => text, enumerable: false });
  Object.defineProperty(date, 'toJSON', { value: () => iso, enumerable: false });
  return date;
}

/** The incident fields templates see: id and detection time, severity and its title once chosen. */
function incidentFields(playbook: Playbook, input: ViewInput): Record<string, string | Date> {
  const severity = playbook.severities.find((s) => s.id === input.incident.severity);
  const incident: Record<string, string | Date> = { id: input.incident.id, detected_at: shownInstant(input.incident.detected_at, playbook, input) };
  if (input.incident.severity !== undefined) incident.severity = input.incident.severity;
  if (severity) incident.severity_title = severity.title;
  return incident;
}

/** What option labels see: the variables (defaults applied), the answers as recorded, the incident, the people, `now`. */
function labelScope(playbook: Playbook, input: ViewInput): { base: View; ctx: RenderContext } {
  const variables: Record<string, string | number | boolean> = {};
  for (const [id, variable] of Object.entries(playbook.variables ?? {})) {
    if (variable.default !== undefined) variables[id] = variable.default;
  }
  Object.assign(variables, input.variables);
  // a phone number is one word: a post, the terminal or an SMS never breaks it across lines
  for (const [id, variable] of Object.entries(playbook.variables ?? {})) {
    const value = variables[id];
    if (variable.format === 'phone' && typeof value === 'string') variables[id] = value.replace(/ +/g, '\u00a0');
  }
  const base: View = { ...variables, ...input.answers, incident: incidentFields(playbook, input), people: { ...input.people }, now: shownInstant(input.now.toISOString(), playbook, input) };
  return { base, ctx: contextFor(playbook, input) };
}

/** `[name]` for every variable of the playbook: what a label shows for one not set. */
function placeholders(playbook: Playbook): Record<string, string> {
  return Object.fromEntries(Object.keys(playbook.variables ?? {}).map((name) => [name, `[${name}]`]));
}

/**
 * The one rendering of an option label (a string option is its own label),
 * used by messages, prompts and the report alike.
 */
function renderLabel(playbook: Playbook, step: Step, index: number, scope: { base: View; ctx: RenderContext }, onError: LabelFailure): string {
  const option = step.options?.[index];
  if (option === undefined) return '';
  const source = optionLabelSource(option);
  const site = { field: 'label' as const, stepId: step.id, option: index };
  try {
    return renderAt(site, source, scope.base, scope.ctx);
  } catch (error) {
    if (onError === 'throw' || !(error instanceof TemplateError)) throw error;
    try {
      return renderAt(site, source, { ...placeholders(playbook), ...scope.base }, scope.ctx);
    } catch (again) {
      if (again instanceof TemplateError) return source;
      throw again;
    }
  }
}

/** Every option of a `choice` or `multi` question with its label as a reader sees it. */
export function optionLabels(playbook: Playbook, input: ViewInput, step: Step): Array<{ value: string; label: string }> {
  const scope = labelScope(playbook, input);
  return (step.options ?? []).map((option, i) => ({ value: optionValue(option), label: renderLabel(playbook, step, i, scope, 'lenient') }));
}

/** The label of a recorded option value as a reader sees it; the value itself when no option has it. */
export function answerLabel(playbook: Playbook, input: ViewInput, step: Step, value: string): string {
  return answerLabeller(playbook, () => input, step)(value);
}

/**
 * `answerLabel` for the values of one answer: what labels see is built once,
 * and only when a label is a template (most are plain text, their own label).
 */
export function answerLabeller(playbook: Playbook, input: () => ViewInput, step: Step): (value: string) => string {
  let scope: { base: View; ctx: RenderContext } | undefined;
  return (value) => {
    const index = (step.options ?? []).findIndex((o) => optionValue(o) === value);
    if (index < 0) return value;
    const option = step.options?.[index];
    // text without an expression renders as itself
    if (option !== undefined && !optionLabelSource(option).includes('{{')) return optionLabelSource(option);
    scope ??= labelScope(playbook, input());
    return renderLabel(playbook, step, index, scope, 'lenient');
  };
}

function buildViewWith(playbook: Playbook, input: ViewInput, onLabelError: LabelFailure): View {
  // Labels may use templates: they see the view without the labelled answers.
  const scope = labelScope(playbook, input);
  const { base } = scope;
  const incident = base.incident as Record<string, string | Date>;
  const label = (step: Step, value: string): string => {
    const index = (step.options ?? []).findIndex((o) => optionValue(o) === value);
    return index < 0 ? value : renderLabel(playbook, step, index, scope, onLabelError);
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
  // whats_new: an update's optional news line, given when it is posted
  return declare(view, [...Object.keys(playbook.variables ?? {}), ...saveAsSteps(playbook).map(({ step }) => step.save_as as string), 'whats_new']);
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
 * as written here; the check reports it separately.
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
  // an update's news line, as long as a real one, so limits are checked with it
  if (!('whats_new' in variables)) variables.whats_new = wordsFor(playbook.lang).whatsNewExample;
  return buildViewWith(playbook, { variables, people, answers, incident, now }, 'lenient');
}

/**
 * The one error every template failure becomes, whatever renders it
 * (messages, option labels, the report, the status page), with where the
 * template lives.
 */
import { en } from '../i18n/en.js';
import type { TemplateProblem, TemplateWords } from './types.js';

/** Which part of a playbook a template comes from. */
export type TemplateField = 'text' | 'subject' | 'body' | 'label';

/** Where a failing template lives: a message's channel, a step option's label, or a template file. */
export interface TemplateSite {
  messageId?: string;
  channel?: string;
  stepId?: string;
  /** 0-based index of the option, for labels. */
  option?: number;
  field?: TemplateField;
  /** A template file's name, e.g. `report.en.md.hbs`. */
  file?: string;
}

/** A problem of the program's own, in English (`detail`) and in the words of any language (`say`). */
export function templateProblem(kind: TemplateProblem['kind'], say: (w: TemplateWords) => string, extra: { variable?: string; line?: number } = {}): TemplateProblem {
  return { kind, detail: say(en.authoring.template), say, ...extra };
}

/** `message "initial", channel "email" (subject)`, `step "services", option 2 label` or `template report.en.md.hbs`, in `w`'s words. */
export function describeSite(site: TemplateSite, w: TemplateWords = en.authoring.template): string {
  if (site.file !== undefined) return w.siteFile(site.file);
  if (site.field === 'label') return w.siteLabel(site.stepId ?? '?', (site.option ?? 0) + 1);
  const text = site.channel !== undefined ? w.siteChannel(site.messageId ?? '?', site.channel) : w.siteMessage(site.messageId ?? '?');
  return site.field === undefined || site.field === 'text' ? text : w.siteField(text, site.field);
}

/**
 * A template that cannot be rendered: "message "initial", channel "x":
 * variable "foo" is not defined". Expected input error, so callers show
 * `message` without a stack trace.
 */
export class TemplateError extends Error {
  readonly messageId?: string;
  readonly channel?: string;
  readonly stepId?: string;
  readonly option?: number;
  readonly field?: TemplateField;
  readonly file?: string;
  readonly kind: TemplateProblem['kind'];
  readonly detail: string;
  readonly variable?: string;
  readonly line?: number;
  readonly #say: TemplateProblem['say'];
  readonly #site: TemplateSite;

  constructor(problem: TemplateProblem, site: TemplateSite = {}) {
    const where = Object.keys(site).length > 0 ? `${describeSite(site)}: ` : '';
    super(`${where}${problem.detail}`);
    this.name = 'TemplateError';
    Object.assign(this, site);
    this.kind = problem.kind;
    this.detail = problem.detail;
    this.#say = problem.say;
    this.#site = site;
    if (problem.variable !== undefined) this.variable = problem.variable;
    if (problem.line !== undefined) this.line = problem.line;
  }

  /** The same problem, placed at `site`. */
  at(site: TemplateSite): TemplateError {
    const say = this.#say;
    return new TemplateError({ kind: this.kind, detail: this.detail, ...(say ? { say } : {}), ...(this.variable !== undefined ? { variable: this.variable } : {}), ...(this.line !== undefined ? { line: this.line } : {}) }, site);
  }

  /** The whole message in `w`'s words (a helper's own words stay as they are). */
  sayIn(w: TemplateWords): string {
    const detail = this.#say ? this.#say(w) : this.detail;
    return Object.keys(this.#site).length > 0 ? w.at(describeSite(this.#site, w), detail) : detail;
  }
}

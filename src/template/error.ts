/**
 * The one error every template failure becomes, whatever renders it
 * (messages, option labels, the report, the status page), with where the
 * template lives.
 */
import type { TemplateProblem } from './types.js';

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

/** `message "initial", channel "email" (subject)`, `step "services", option 2 label` or `template report.en.md.hbs`. */
export function describeSite(site: TemplateSite): string {
  if (site.file !== undefined) return `template ${site.file}`;
  if (site.field === 'label') return `step "${site.stepId ?? '?'}", option ${(site.option ?? 0) + 1} label`;
  const where = [`message "${site.messageId ?? '?'}"`];
  if (site.channel !== undefined) where.push(`channel "${site.channel}"`);
  const text = where.join(', ');
  return site.field === undefined || site.field === 'text' ? text : `${text} (${site.field})`;
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

  constructor(problem: TemplateProblem, site: TemplateSite = {}) {
    const where = Object.keys(site).length > 0 ? `${describeSite(site)}: ` : '';
    super(`${where}${problem.detail}`);
    this.name = 'TemplateError';
    Object.assign(this, site);
    this.kind = problem.kind;
    this.detail = problem.detail;
    if (problem.variable !== undefined) this.variable = problem.variable;
    if (problem.line !== undefined) this.line = problem.line;
  }

  /** The same problem, placed at `site`. */
  at(site: TemplateSite): TemplateError {
    return new TemplateError({ kind: this.kind, detail: this.detail, ...(this.variable !== undefined ? { variable: this.variable } : {}), ...(this.line !== undefined ? { line: this.line } : {}) }, site);
  }
}

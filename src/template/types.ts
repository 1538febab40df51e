import type { Catalogue } from '../i18n/types.js';

/**
 * The shapes shared by the template engine and the helpers it runs:
 * where a mustache sits, why a template failed, what a helper declares.
 */

/** Where a node sits in its template: line 1-based, column 0-based. */
export interface SourceLoc {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

/** The words of template problems in one language (the catalogue's `authoring.template`). */
export type TemplateWords = Catalogue['authoring']['template'];

/** Why a template could not be rendered. */
export interface TemplateProblem {
  kind: 'syntax' | 'undefined' | 'helper' | 'empty';
  /** One line a person can act on, in English. */
  detail: string;
  /** `detail` in the words of any language, when the program has them (its own problems, the built-in helpers'). */
  say?: (w: TemplateWords) => string;
  /** For `undefined`: the name as written, e.g. `incident.resolved_at`. */
  variable?: string;
  /** The template line (1-based) the problem is at, when known. */
  line?: number;
}

/** What a helper learns about its call besides its arguments. */
export interface HelperCall {
  name: string;
  /** `key=value` options, already checked against the helper's `hash`. */
  hash: Readonly<Record<string, unknown>>;
  /** The data given to the render (e.g. `{ crisis: RenderContext }`). */
  data: Readonly<Record<string, unknown>>;
}

/** A helper a template may call, with what it accepts. */
export interface HelperSpec {
  /** Least and most positional arguments. */
  args: readonly [number, number];
  /** Options it takes (`{{list x type="or"}}`) and their allowed values. */
  hash?: Readonly<Record<string, readonly string[]>>;
  /** True when an argument may be null or undefined (the report's formatting helpers); otherwise such an argument is an error naming it. */
  nullable?: boolean;
  fn: (args: readonly unknown[], call: HelperCall) => unknown;
}

/** A helper cannot do what the template asks (not a date, no cadence...). */
export class HelperError extends Error {
  /** The message in any language's words, when the helper has them. */
  readonly say?: (w: TemplateWords) => string;
  constructor(message: string, say?: (w: TemplateWords) => string) {
    super(message);
    this.name = 'HelperError';
    if (say) this.say = say;
  }
}

/**
 * Template helpers for dates, durations and lists, in the playbook's language
 * (date-fns locales, Intl.ListFormat). They read the clock and the incident
 * from the render context passed as Handlebars `data`, never from globals, so
 * a render is a pure function of its inputs.
 */
import { formatDistanceStrict } from 'date-fns/formatDistanceStrict';
import { formatDuration } from 'date-fns/formatDuration';
import type { Locale } from 'date-fns';
import { en as englishWords } from '../i18n/en.js';
import { de } from 'date-fns/locale/de';
import { enGB } from 'date-fns/locale/en-GB';
import { enUS } from 'date-fns/locale/en-US';
import { es } from 'date-fns/locale/es';
import { fr } from 'date-fns/locale/fr';
import { it } from 'date-fns/locale/it';
import { nl } from 'date-fns/locale/nl';
import { pt } from 'date-fns/locale/pt';
import type { Severity } from '../playbook/schema.js';
import { durationMs } from '../playbook/duration.js';
import { HelperError, type HelperCall, type HelperSpec } from '../template/types.js';
import { formatInZone, systemTimeZone } from '../zone.js';

/** What helpers need to know about the moment and the incident. */
export interface RenderContext {
  /** Playbook language (BCP-47). */
  lang: string;
  now: Date;
  detectedAt: Date;
  /** IANA zone for times and dates; default: the machine's zone. */
  timeZone?: string;
  /** The playbook's severities, least severe first, for `{{next_update}}`. */
  severities: readonly Severity[];
  /** Id of the incident's current severity, if chosen. */
  severity?: string;
  /** The next update this message promises, fixed by the incident; else `now` + the cadence. */
  nextUpdate?: Date;
}

export { HelperError } from '../template/types.js';

const LOCALES: Record<string, Locale> = { de, en: enGB, es, fr, it, nl, pt };

/**
 * The date-fns locale for a language tag. Plain `en` is British English:
 * 24-hour times and "21 November 2026", which read the same to most
 * English-speaking customers; `en-US` gets US conventions.
 */
export function dateLocale(lang: string): Locale {
  const tag = lang.toLowerCase();
  if (tag === 'en-us') return enUS;
  return LOCALES[tag.split('-')[0] ?? ''] ?? enGB;
}

/** The tag for Intl APIs, matching `dateLocale` ("en" -> "en-GB": no serial comma). */
export function intlLocale(lang: string): string {
  return lang.toLowerCase() === 'en' ? 'en-GB' : lang;
}

const listFormats = new Map<string, Intl.ListFormat>();

/**
 * The last separator of a list in the languages crisis ships playbooks in,
 * as Intl.ListFormat writes them (British English: no serial comma). The
 * first Intl.ListFormat of a process loads ICU data (about 10 ms, on every
 * `crisis announce`); these need none. A test compares them with Intl.
 */
export const LIST_WORDS: Readonly<Record<string, Record<'conjunction' | 'disjunction', string>>> = {
  en: { conjunction: ' and ', disjunction: ' or ' },
  fr: { conjunction: ' et ', disjunction: ' ou ' },
};

/** "a, b and c" (or "a, b or c") in `lang`: Intl.ListFormat's words, one formatter per kind. */
export function formatList(items: readonly string[], lang: string, type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  const last = LIST_WORDS[lang.toLowerCase()]?.[type];
  if (last !== undefined) return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')}${last}${items[items.length - 1]}`;
  const key = `${lang}\0${type}`;
  let format = listFormats.get(key);
  if (!format) {
    format = new Intl.ListFormat(intlLocale(lang), { type, style: 'long' });
    listFormats.set(key, format);
  }
  return format.format(items);
}


/** A date as views hold them: a Date, or an ISO 8601 text (never a bare number: {{date 1}} is a mistake, not 1 January 1970). */
function toDate(value: unknown, helper: string): Date {
  const date = value instanceof Date ? value : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    const shown = JSON.stringify(value);
    throw new HelperError(englishWords.authoring.template.helperNotADate(helper, shown), (w) => w.helperNotADate(helper, shown));
  }
  return date;
}

function timePattern(lang: string): string {
  return dateLocale(lang) === enUS ? 'h:mm a' : 'HH:mm';
}

/** "14:05" ("2:05 PM" in en-US). */
export function formatTime(date: Date, ctx: RenderContext): string {
  return formatInZone(date, timePattern(ctx.lang), ctx.timeZone ?? systemTimeZone(), dateLocale(ctx.lang));
}

/** "21 November 2026", "21 novembre 2026" ("November 21, 2026" in en-US). */
export function formatDay(date: Date, ctx: RenderContext): string {
  const locale = dateLocale(ctx.lang);
  return formatInZone(date, locale === enUS ? 'MMMM d, yyyy' : 'd MMMM yyyy', ctx.timeZone ?? systemTimeZone(), locale);
}

/** "2 hours 10 minutes", "2 heures 10 minutes"; "0 minutes" under a minute. */
export function formatElapsed(from: Date, to: Date, lang: string): string {
  const total = Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));
  const locale = dateLocale(lang);
  const parts = { days: Math.floor(total / 1440), hours: Math.floor((total % 1440) / 60), minutes: total % 60 };
  const text = formatDuration(parts, { format: ['days', 'hours', 'minutes'], locale });
  return text || formatDuration({ minutes: 0 }, { format: ['minutes'], zero: true, locale });
}

/** Minutes between public updates at the current severity (or the first, if none is chosen). */
export function updateCadence(ctx: RenderContext): number {
  const severity = ctx.severity !== undefined ? ctx.severities.find((s) => s.id === ctx.severity) : ctx.severities[0];
  const ms = severity?.update_every !== undefined ? durationMs(severity.update_every) : undefined;
  if (ms === undefined) {
    const id = ctx.severity ?? severity?.id ?? '';
    const chosen = ctx.severity !== undefined;
    throw new HelperError(englishWords.authoring.template.helperNoCadence(id, chosen), (w) => w.helperNoCadence(id, chosen));
  }
  return ms / 60_000;
}

function context(call: HelperCall): RenderContext {
  const ctx = (call.data as { crisis?: RenderContext }).crisis;
  if (!ctx) throw new HelperError(`{{${call.name}}} was called without a render context`);
  return ctx;
}

/** A helper of zero to `most` arguments: `fn` gets the render context, the argument and whether one was given. */
function helper(most: 0 | 1, fn: (ctx: RenderContext, arg: unknown, given: boolean, call: HelperCall) => string, least: 0 | 1 = 0): HelperSpec {
  return { args: [least, most], fn: (args, call) => fn(context(call), args[0], args.length > 0, call) };
}

/** The helpers every message and option label can use, by name, with the arguments each takes. */
export const HELPERS: Readonly<Record<string, HelperSpec>> = {
  time: helper(1, (ctx, arg, given) => formatTime(given ? toDate(arg, 'time') : ctx.now, ctx)),
  date: helper(1, (ctx, arg, given) => formatDay(given ? toDate(arg, 'date') : ctx.now, ctx)),
  elapsed: helper(1, (ctx, arg, given) => formatElapsed(given ? toDate(arg, 'elapsed') : ctx.detectedAt, ctx.now, ctx.lang)),
  relative: helper(1, (ctx, arg) => formatDistanceStrict(toDate(arg, 'relative'), ctx.now, { addSuffix: true, locale: dateLocale(ctx.lang) }), 1),
  next_update: helper(0, (ctx) => formatTime(ctx.nextUpdate ?? new Date(ctx.now.getTime() + updateCadence(ctx) * 60_000), ctx)),
  list: {
    args: [1, 1],
    hash: { type: ['and', 'or'] },
    fn: (args, call) => {
      const [arg] = args;
      if (!Array.isArray(arg)) return String(arg);
      return formatList(arg.map(String), context(call).lang, call.hash.type === 'or' ? 'disjunction' : 'conjunction');
    },
  },
};

/**
 * Advice on what messages say, from the field guides a playbook is built on:
 * never promise a resolution time you do not know; a redirection must say
 * where to go; a private reply is signed; a public message shows empathy;
 * one message gives one next-update time everywhere. Warnings only: a
 * playbook may have reasons to break them.
 */
import twitter from 'twitter-text';
import { catalogueFor, type Catalogue } from '../i18n/index.js';
import type { Playbook } from '../playbook/schema.js';
import { EMAIL_IN_TEXT } from '../playbook/formats.js';
import { DEFAULT_TEMPLATE_KEY } from './channels.js';
import { renderExamples, type DataPath, type Problem } from './examples.js';
import type { RenderedMessage } from './render.js';
import type { View } from './view.js';

/** One rendered text to lint, with where its template is. */
export interface LintText {
  messageId: string;
  channel: string;
  path: DataPath;
  text: string;
  subject?: string;
}

/** A phrase as a pattern: spaces and apostrophes match loosely. */
function phraseBody(words: string): string {
  return words
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/'/g, "['’]")
    .replace(/ /g, '\\s+');
}

/** Builds a whole-word, case-insensitive pattern for a phrase; spaces and apostrophes match loosely. */
function phrase(words: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${phraseBody(words)}(?![\\p{L}\\p{N}])`, 'iu');
}

const PROMISE_PHRASES: Record<'en' | 'fr', string[]> = {
  en: ['in a few minutes', 'in a few moments', 'in a few hours', 'shortly', 'within the hour', 'within an hour', 'any minute now', 'in no time'],
  fr: [
    "d'ici quelques minutes",
    "d'ici quelques heures",
    "d'ici une heure",
    'dans quelques minutes',
    'dans quelques instants',
    "dans l'heure",
    'bientôt',
    'sous peu',
    'rapidement rétabli',
    'rapidement rétablie',
    'rapidement rétablis',
    'sans tarder',
  ],
};

const PROMISE_PATTERNS: Record<'en' | 'fr', RegExp[]> = {
  en: [
    /(?<!\bas\s)\bsoon\b(?!\s+as\b)/i,
    /\bback (?:up|online|to normal) (?:in|by|within)\b/i,
    /\bwill be (?:fixed|resolved|restored|back) (?:by|in|within|shortly|soon|today)\b/i,
  ],
  fr: [/sera (?:rétabli|résolu|réparé)e?s? (?:d['’]ici|dans|avant)/iu],
};

/** Promises of a resolution time, in the order they are looked for. */
const PROMISES: Record<'en' | 'fr', RegExp[]> = {
  en: [...PROMISE_PHRASES.en.map(phrase), ...PROMISE_PATTERNS.en],
  fr: [...PROMISE_PHRASES.fr.map(phrase), ...PROMISE_PATTERNS.fr],
};

/**
 * Each language's phrases as one pattern, which matches exactly when one of
 * them does: texts without a promise (nearly all) are ruled out at the cost
 * of compiling one case-insensitive Unicode pattern rather than one per phrase.
 */
const ANY_PROMISE_PHRASE: Record<'en' | 'fr', RegExp> = {
  en: new RegExp(`(?<![\\p{L}\\p{N}])(?:${PROMISE_PHRASES.en.map(phraseBody).join('|')})(?![\\p{L}\\p{N}])`, 'iu'),
  fr: new RegExp(`(?<![\\p{L}\\p{N}])(?:${PROMISE_PHRASES.fr.map(phraseBody).join('|')})(?![\\p{L}\\p{N}])`, 'iu'),
};

/** The first promise `text` makes, in the order of PROMISES. */
export function promiseIn(text: string, lang: 'en' | 'fr'): string | undefined {
  if (!ANY_PROMISE_PHRASE[lang].test(text) && !PROMISE_PATTERNS[lang].some((re) => re.test(text))) return undefined;
  return PROMISES[lang].map((re) => re.exec(text)?.[0]).find(Boolean);
}

/** For tests: the first promise as found before ANY_PROMISE_PHRASE. */
export function promiseInEachPattern(text: string, lang: 'en' | 'fr'): string | undefined {
  return PROMISES[lang].map((re) => re.exec(text)?.[0]).find(Boolean);
}

const EMPATHY: Record<'en' | 'fr', RegExp> = {
  en: /sorry|apolog|thank|understand|patience|bear with us|appreciate/i,
  fr: /désolé|desole|excus|merci|comprenons|compréhension|patience|navré/iu,
};

type LintWords = Catalogue['lint'];

function wordLang(playbook: Playbook): 'en' | 'fr' | undefined {
  const base = playbook.lang.toLowerCase().split('-')[0];
  return base === 'en' || base === 'fr' ? base : undefined;
}

function warnWith(t: LintText, why: string, words: LintWords, colon: string): Problem {
  return { path: t.path, message: `${words.where(t.messageId, t.channel)}${colon}${why}`, severity: 'warning' };
}

const URL = /\bhttps?:\/\/\S+|\bwww\.\S+\.\S+/i;
const PHONE = /\+?\(?\d[\d\s().-]{6,}\d/g;

/** True when a text gives an e-mail address, a phone number or a link. */
export function hasContact(text: string): boolean {
  if (EMAIL_IN_TEXT.test(text) || URL.test(text) || twitter.extractUrls(text).length > 0) return true;
  for (const match of text.match(PHONE) ?? []) {
    const digits = match.replace(/\D/g, '');
    if (digits.length >= 8 && !/^\d{4}-\d{2}-\d{2}/.test(match.trim())) return true;
  }
  return false;
}

/**
 * True when the text ends with a signature: the signature or a person on duty
 * in the last three non-empty lines (an e-mail sign-off block: name, then
 * team), or a last line with "- Name".
 */
export function isSigned(text: string, signatures: readonly string[]): boolean {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const tail = lines.slice(-3);
  if (signatures.some((s) => s !== '' && tail.some((line) => line.includes(s)))) return true;
  return /(?:^|\s)[-–—~]\s*\p{Lu}[\p{L}'’-]+/u.test(lines.at(-1) ?? '');
}

/** Clock times a text mentions, normalised to "HH:mm": 14:05, 2:05 PM, 14h05, 14 h 05. */
export function mentionedTimes(text: string): string[] {
  const times = new Set<string>();
  const pad = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  for (const m of text.matchAll(/(?<![\d:])(\d{1,2}):([0-5]\d)(?!\d)(?:\s*([ap])\.?m\.?(?![\p{L}]))?/giu)) {
    let hour = Number(m[1]);
    const meridiem = m[3]?.toLowerCase();
    if (meridiem === 'p' && hour < 12) hour += 12;
    if (meridiem === 'a' && hour === 12) hour = 0;
    if (hour < 24) times.add(pad(hour, Number(m[2])));
  }
  for (const m of text.matchAll(/(?<![\d:])(\d{1,2})\s?h\s?([0-5]\d)(?!\d)/giu)) {
    if (Number(m[1]) < 24) times.add(pad(Number(m[1]), Number(m[2])));
  }
  return [...times].sort();
}

/** Message ids announced by a step of a phase named `redirect`. */
function redirectMessages(playbook: Playbook): Set<string> {
  const ids = new Set<string>();
  for (const phase of playbook.phases) {
    if (phase.id !== 'redirect') continue;
    for (const step of phase.steps) if (step.announce !== undefined) ids.add(step.announce);
  }
  return ids;
}

/** What the signature rule accepts as a signature: the `signature` variable and the people's names. */
function signaturesFrom(view: View): string[] {
  const names = Object.values((view.people ?? {}) as Record<string, unknown>).map(String);
  return typeof view.signature === 'string' ? [view.signature, ...names] : names;
}

/** Lints rendered texts; `view` is the one they were rendered with (for the signature rule). */
export function lintTexts(playbook: Playbook, texts: readonly LintText[], view: View): Problem[] {
  const lang = wordLang(playbook);
  const redirects = redirectMessages(playbook);
  const signatures = signaturesFrom(view);
  const problems: Problem[] = [];
  const catalogue = catalogueFor(playbook.lang);
  const words = catalogue.lint;
  const warn = (t: LintText, why: string): Problem => warnWith(t, why, words, catalogue.ui.colon);
  for (const t of texts) {
    const message = playbook.messages?.[t.messageId];
    const audience = message?.audience ?? 'public';
    const whole = t.subject !== undefined ? `${t.subject}\n${t.text}` : t.text;
    const promise = lang ? promiseIn(whole, lang) : undefined;
    if (promise) {
      problems.push(warn(t, words.promise(promise)));
    }
    if ((t.messageId.includes('redirect') || redirects.has(t.messageId)) && !hasContact(whole)) {
      problems.push(warn(t, words.noContact));
    }
    if (audience === 'private' && !isSigned(t.text, signatures)) {
      problems.push(warn(t, words.unsigned));
    }
    if (audience === 'public' && lang && !EMPATHY[lang].test(whole)) {
      problems.push(warn(t, words.noEmpathy));
    }
  }
  problems.push(...timeMismatches(texts, words));
  return problems;
}

/** One warning per message whose channels announce different times. */
function timeMismatches(texts: readonly LintText[], words: LintWords): Problem[] {
  const byMessage = new Map<string, Array<{ channel: string; times: string[] }>>();
  for (const t of texts) {
    const times = mentionedTimes(t.subject !== undefined ? `${t.subject}\n${t.text}` : t.text);
    if (times.length === 0) continue;
    const list = byMessage.get(t.messageId) ?? [];
    list.push({ channel: t.channel, times });
    byMessage.set(t.messageId, list);
  }
  const problems: Problem[] = [];
  for (const [messageId, list] of byMessage) {
    const distinct = new Set(list.map((l) => l.times.join(', ')));
    if (distinct.size <= 1) continue;
    const detail = list.map((l) => words.channelSays(l.channel, l.times.join(', '))).join('; ');
    problems.push({
      path: ['messages', messageId],
      message: words.differentTimes(messageId, detail),
      severity: 'warning',
    });
  }
  return problems;
}

/** Lints messages rendered for an incident (e.g. by `crisis announce`); paths point at each channel's template. */
export function lintMessages(playbook: Playbook, rendered: readonly RenderedMessage[], view: View): Problem[] {
  const texts = rendered.flatMap((r) =>
    r.channels.map((c): LintText => {
      const own = Object.hasOwn(playbook.messages?.[r.message]?.channels ?? {}, c.channel);
      const path = ['messages', r.message, 'channels', own ? c.channel : DEFAULT_TEMPLATE_KEY];
      return { messageId: r.message, channel: c.channel, path, text: c.text, ...(c.subject !== undefined ? { subject: c.subject } : {}) };
    }),
  );
  return lintTexts(playbook, texts, view);
}

/**
 * Lints every message of a playbook, rendered with example values at `now` (`examples`, when the
 * caller has them already). Template errors are check.ts's job.
 */
export function lintPlaybookMessages(playbook: Playbook, now: Date, examples = renderExamples(playbook, now)): Problem[] {
  const { view, renders } = examples;
  const texts = renders.flatMap(({ target, rendered }): LintText[] =>
    rendered
      ? [{ messageId: target.messageId, channel: target.spec.id, path: target.path, text: rendered.text, ...(rendered.subject !== undefined ? { subject: rendered.subject } : {}) }]
      : [],
  );
  return lintTexts(playbook, texts, view);
}

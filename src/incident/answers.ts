/**
 * The answers file: answers for a whole or partial walkthrough, so runs can
 * be scripted, tested and rehearsed. Parsing keeps source positions so every
 * error names file:line:col; step answers are checked against the playbook.
 */
import { printsNews } from '../playbook/kinds.js';
import { isAlias, isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { scalarText, textData } from '../yaml-text.js';
import type { Playbook, Step } from '../playbook/schema.js';
import { stepKind } from '../playbook/kinds.js';
import { formatDiagnostic, UserError, type Diagnostic } from '../errors.js';
import type { Answer } from './engine.js';
import { findStep } from './plan.js';
import { optionValues } from './options.js';
import { parseDate } from './dates.js';
import { authoringWords, type AuthoringWords } from '../playbook/words.js';
import type { Say } from '../notify/config.js';

/** The words of an answers file's problems: the playbook's language. */
type AnswersWords = AuthoringWords['answers'];
import { parsePageConfig, type PageConfig } from '../page/config.js';
import { parseNotifyConfig, type NotifyConfig } from '../notify/config.js';
import { isTimeZone } from '../zone.js';
import { parseNumber } from '../playbook/formats.js';
import { catalogueFor, fill, wordsFor } from '../i18n/index.js';

/** One answer as read from the file, with the time it happened. */
export interface ScriptedAnswer {
  answer: Answer;
  at?: Date;
  /** An update's news line (`whats_new:`), for `{{whats_new}}`. */
  whatsNew?: string;
}

export interface AnswersFile {
  file: string;
  detectedAt?: Date;
  severity?: string;
  variables: Record<string, string>;
  people: Record<string, string>;
  /** Step id -> answers (more than one only for `repeat: cadence` announce steps). */
  steps: Map<string, ScriptedAnswer[]>;
  resolvedAt?: Date;
}

const TOP_KEYS = ['detected_at', 'severity', 'variables', 'people', 'steps', 'resolved_at'];
const MAX_BYTES = 1024 * 1024;

/** One `name: value` of a map such as `variables:`, with the node of its name. */
export interface NameValue {
  name: string;
  /** As text; '' for an empty value. */
  value: string;
  key: Node | undefined;
}

/**
 * The pairs of the `name: value` map at the top-level key `group` of a YAML
 * document (`variables:`, `people:` of an answers file or of config.yaml).
 * `report` hears, at its node, of a group that is not such a map and of a
 * value that is a list or a map; those give no pair.
 */
export function nameValuePairs(doc: Document, group: string, report: (node: Node | undefined, say: Say) => void): NameValue[] {
  const map = doc.get(group, true) as Node | null | undefined;
  if (map === undefined || map === null || (isScalar(map) && map.value === null)) return [];
  if (!isMap(map)) {
    report(map, (w) => w.nameValueMap(group));
    return [];
  }
  const pairs: NameValue[] = [];
  for (const pair of map.items) {
    const key = pair.key as Node | null;
    const name = isScalar(key) ? scalarText(key) : '';
    const raw = pair.value as Node | null;
    const value = isAlias(raw) ? (raw.resolve(doc) as Node | undefined) ?? null : raw;
    if (value !== null && !isScalar(value)) report(raw ?? undefined, (w) => w.singleValue(`${group}.${name}`));
    else pairs.push({ name, value: value === null ? '' : scalarText(value), key: key ?? undefined });
  }
  return pairs;
}

/**
 * The window every time of an answers file must lie in: from the detection
 * (the incident's, else the file's `detected_at`) to the time of the run.
 */
export interface AnswerTimeBounds {
  /** The incident's detection, when it is already known (resume, or `start --at`). */
  detectedAt?: Date;
  now: Date;
  /** The incident's zone: a time written without an offset is its wall clock (else the machine's). */
  timeZone?: string;
}

/**
 * A YAML error in our words where the library's would puzzle
 * (`secondDocument`); else the library's own (English), said as a YAML syntax error.
 */
function yamlError(code: string, message: string, secondDocument: string, w: AuthoringWords): string {
  if (code === 'MULTIPLE_DOCS') return secondDocument;
  const detail = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
  return w.yamlSyntax(detail.charAt(0).toLowerCase() + detail.slice(1));
}

/** Parses and checks an answers file against a playbook; errors come back as diagnostics. */
export function parseAnswers(file: string, text: string, playbook: Playbook, bounds?: AnswerTimeBounds): { answers?: AnswersFile; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lines = new LineCounter();
  // said in the playbook's language
  const words = authoringWords({ data: playbook });
  const w = words.answers;
  const error = (node: Node | null | undefined, message: string) => {
    const offset = node?.range?.[0];
    const pos = offset !== undefined ? lines.linePos(offset) : undefined;
    diagnostics.push({ file, ...(pos ? { line: pos.line, col: pos.col } : {}), message, severity: 'error' });
  };
  if (text.length > MAX_BYTES) {
    error(undefined, w.tooLarge);
    return { diagnostics };
  }
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  for (const e of doc.errors) {
    const pos = lines.linePos(e.pos[0]);
    diagnostics.push({ file, line: pos.line, col: pos.col, message: yamlError(e.code, e.message, w.secondDocument, words), severity: 'error' });
  }
  if (diagnostics.length) return { diagnostics };
  const root = doc.contents;
  if (!root) return { answers: { file, variables: {}, people: {}, steps: new Map() }, diagnostics };
  if (!isMap(root)) {
    error(root, w.notMap);
    return { diagnostics };
  }
  let data: Record<string, unknown>;
  try {
    // every value as written: the step's type, not YAML's guess, makes a number or a date of it
    data = textData(doc, root) as Record<string, unknown>;
  } catch (e) {
    error(root, w.unreadable((e as Error).message));
    return { diagnostics };
  }
  const nodeAt = (...path: (string | number)[]) => doc.getIn(path, true) as Node | undefined;
  const keyNode = (parent: unknown, key: string): Node | undefined => {
    if (!isMap(parent)) return undefined;
    return parent.items.find((p) => isScalar(p.key) && scalarText(p.key) === key)?.key as Node | undefined;
  };

  const answers: AnswersFile = { file, variables: {}, people: {}, steps: new Map() };
  for (const key of Object.keys(data)) {
    if (!TOP_KEYS.includes(key)) error(keyNode(root, key), w.unknownKey(key, TOP_KEYS.join(', ')));
  }
  const date = (key: string): Date | undefined => {
    const v = data[key];
    if (v === undefined || v === null) return undefined;
    const d = parseDate(v, bounds?.timeZone);
    if (!d) error(nodeAt(key), w.notDate(key));
    return d;
  };
  const detectedAt = date('detected_at');
  if (detectedAt) answers.detectedAt = detectedAt;
  const resolvedAt = date('resolved_at');
  if (resolvedAt) answers.resolvedAt = resolvedAt;
  const outside = timeWindow(bounds, bounds?.detectedAt ? undefined : detectedAt, w);
  if (detectedAt && !bounds?.detectedAt) {
    const problem = outside(detectedAt, 'detected_at');
    if (problem) error(nodeAt('detected_at'), problem);
  }
  if (resolvedAt) {
    const problem = outside(resolvedAt, 'resolved_at');
    if (problem) error(nodeAt('resolved_at'), problem);
  }
  // a key left blank (as in the skeleton of `crisis answers`) answers nothing: the question is asked
  if (data.severity !== undefined && data.severity !== null) {
    const sev = String(data.severity);
    if (!playbook.severities.some((s) => s.id === sev)) {
      error(nodeAt('severity'), w.unknownSeverity(sev, playbook.severities.map((s) => s.id).join(', ')));
    } else answers.severity = sev;
  }
  for (const group of ['variables', 'people'] as const) {
    for (const { name, value, key } of nameValuePairs(doc, group, (node, say) => error(node, say(words.config)))) {
      if (group === 'variables' && !playbook.variables?.[name]) {
        error(key, w.unknownVariable(name, playbook.id, Object.keys(playbook.variables ?? {}).join(', ') || w.none));
      } else if (group === 'people' && !playbook.roles[name]) {
        error(key, w.unknownRole(name, playbook.id, Object.keys(playbook.roles).join(', ')));
      } else if (value !== '') answers[group][name] = value;
    }
  }
  const steps = data.steps;
  if (steps !== undefined && steps !== null) {
    if (typeof steps !== 'object' || Array.isArray(steps)) error(nodeAt('steps'), w.stepsMap);
    else {
      for (const [id, raw] of Object.entries(steps as Record<string, unknown>)) {
        const found = findStep(playbook, id);
        if (found && raw === null) continue;
        if (!found) {
          error(keyNode(nodeAt('steps'), id), w.unknownStep(id, playbook.id));
          continue;
        }
        const items = found.step.announce && found.step.repeat === 'cadence' && Array.isArray(raw) && raw.some((r) => typeof r === 'object' && r !== null)
          ? raw
          : [raw];
        const parsed: ScriptedAnswer[] = [];
        items.forEach((item, i) => {
          let result = coerceScripted(playbook, found.step, item, w, bounds?.timeZone);
          if (typeof result !== 'string' && result.answer.kind === 'announce') {
            // refused here, before anything is logged, rather than halfway through the walkthrough
            const offered = announceChannels(playbook, found.step);
            const unknown = result.answer.posted.find((c) => !offered.includes(c));
            if (unknown !== undefined) result = w.notOffered(unknown, offered.join(', '));
          }
          const node = items.length > 1 ? nodeAt('steps', id, i) : nodeAt('steps', id);
          const problem = typeof result !== 'string' && result.at ? outside(result.at, 'at') : undefined;
          if (typeof result === 'string') error(node, w.step(id, result));
          else if (problem) error((isMap(node) ? (node.get('at', true) as Node | undefined) : undefined) ?? node, w.step(id, problem));
          else parsed.push(result);
        });
        if (parsed.length === items.length) answers.steps.set(id, parsed);
      }
    }
  }
  return diagnostics.length ? { diagnostics } : { answers, diagnostics };
}

/**
 * What is wrong with a time of the file, if anything: every time lies
 * between the detection and the time of the run. The detection itself
 * (`detected_at`, when the incident is not open yet) only must not be later
 * than now.
 */
function timeWindow(bounds: AnswerTimeBounds | undefined, fileDetectedAt: Date | undefined, w: AnswersWords): (at: Date, key: string) => string | undefined {
  const detected = bounds?.detectedAt ?? fileDetectedAt;
  return (at, key) => {
    if (!bounds) return undefined;
    if (at.getTime() > bounds.now.getTime()) {
      return w.future(key, at.toISOString(), bounds.now.toISOString());
    }
    if (key !== 'detected_at' && detected && at.getTime() < detected.getTime()) {
      return w.beforeDetection(key, at.toISOString(), detected.toISOString(), bounds.detectedAt === undefined);
    }
    return undefined;
  };
}

/** The channels an announce step offers: its own list, else every channel its message defines. */
function announceChannels(playbook: Playbook, step: Step): string[] {
  return [...(step.channels ?? Object.keys(playbook.messages?.[step.announce ?? '']?.channels ?? {}).filter((c) => c !== 'default'))];
}

function coerceScripted(playbook: Playbook, step: Step, raw: unknown, w: AnswersWords, zone?: string): ScriptedAnswer | string {
  let value: unknown = raw;
  let note: string | undefined;
  let at: Date | undefined;
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const map = raw as Record<string, unknown>;
    const allowed = ['value', 'status', 'posted', 'note', 'at', ...(step.announce ? ['whats_new'] : [])];
    const unknown = Object.keys(map).filter((k) => !allowed.includes(k));
    if (unknown.length) return w.stepUnknownKey(unknown[0] ?? '', step.announce !== undefined);
    value = map.value ?? map.status ?? map.posted;
    if (map.note !== undefined) note = String(map.note);
    if (map.at !== undefined) {
      at = parseDate(map.at, zone);
      if (!at) return w.notDate('at');
    }
  }
  const answer = coerceAnswer(playbook, step, value, zone);
  if (typeof answer === 'string') return answer;
  if (note) answer.note = note;
  const whatsNew = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>).whats_new : undefined;
  if (whatsNew !== undefined && whatsNew !== null && step.announce !== undefined && !printsNews(playbook, step.announce)) return w.newsNotPrinted(step.announce);
  return { answer, ...(at ? { at } : {}), ...(whatsNew !== undefined && whatsNew !== null ? { whatsNew: String(whatsNew).trim() } : {}) };
}

const YES = ['yes', 'y', 'true', 'oui', 'o'];
const NO = ['no', 'n', 'false', 'non'];

/** Turns a value written by a person (file or flag) into a typed answer, or says what is wrong. */
export function coerceAnswer(playbook: Playbook, step: Step, value: unknown, zone?: string): Answer | string {
  const w = authoringWords({ data: playbook }).answers;
  const kind = stepKind(step);
  if (kind === 'info') return { kind: 'info' };
  if (kind === 'check') {
    const s = String(value ?? '').toLowerCase();
    const status = s === 'n/a' || s === 'na' ? 'na' : s === 'done' || s === 'true' || s === 'yes' ? 'done' : s === 'skipped' || s === 'skip' ? 'skipped' : undefined;
    return status ? { kind: 'check', status } : w.checkAnswer(String(value));
  }
  if (kind === 'announce') {
    const posted = value === undefined || value === null || value === 'none' ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
    return { kind: 'announce', posted };
  }
  if (value === undefined || value === null) return w.empty;
  switch (step.type) {
    case 'confirm': {
      if (typeof value === 'boolean') return { kind: 'ask', value };
      const s = String(value).toLowerCase();
      if (YES.includes(s)) return { kind: 'ask', value: true };
      if (NO.includes(s)) return { kind: 'ask', value: false };
      return w.yesNo(String(value));
    }
    case 'choice': {
      const allowed = optionValues(step);
      const s = String(value);
      return allowed.includes(s) ? { kind: 'ask', value: s } : w.notOption(s, allowed.join(', '));
    }
    case 'multi': {
      const list = (Array.isArray(value) ? value : [value]).map(String);
      const allowed = optionValues(step);
      const bad = list.filter((v) => !allowed.includes(v));
      return bad.length ? w.notOption(bad[0] ?? '', allowed.join(', ')) : { kind: 'ask', value: list };
    }
    case 'number': {
      // "1 400" in YAML is a string: read as the playbook's language writes numbers
      const n = typeof value === 'number' ? value : typeof value === 'string' ? parseNumber(value, playbook.lang ?? 'en') : undefined;
      return n !== undefined && Number.isFinite(n) ? { kind: 'ask', value: n } : fill(wordsFor(playbook.lang ?? 'en').notANumber, String(value));
    }
    case 'datetime': {
      const d = parseDate(value, zone);
      return d ? { kind: 'ask', value: d.toISOString() } : w.notDateValue(String(value));
    }
    case 'severity': {
      const s = String(value);
      const ids = playbook.severities.map((x) => x.id);
      return ids.includes(s) ? { kind: 'ask', value: s } : w.unknownSeverity(s, ids.join(', '));
    }
    default:
      if (typeof value === 'object') return w.notText;
      return { kind: 'ask', value: String(value) };
  }
}

/** Team defaults (config.yaml): variables and people used as answers when a run starts. */
export interface TeamDefaults {
  file?: string;
  variables: Record<string, string>;
  people: Record<string, string>;
  /** What the public status page lists (`crisis page`). */
  page?: PageConfig;
  /** Who is notified, and how (`notify:` and `smtp:`). */
  notify?: NotifyConfig;
  /** The zone new incidents show times in (IANA name), when CRISIS_TZ and --tz give none. */
  timezone?: string;
}

/**
 * Parses `<data-dir>/config.yaml`; the first problem is thrown as a UserError
 * naming file:line:col, said in `lang` (the environment's; English by default).
 */
export function parseTeamDefaults(file: string, text: string, lang?: string): TeamDefaults {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const w = catalogueFor(lang).authoring.config;
  const fail = (offset: number | undefined, say: Say): never => {
    const pos = offset !== undefined ? lines.linePos(offset) : undefined;
    throw new UserError(formatDiagnostic({ file, ...(pos ? { line: pos.line, col: pos.col } : {}), message: say(w), severity: 'error' }));
  };
  const first = doc.errors[0];
  if (first) fail(first.pos[0], (w) => yamlError(first.code, first.message, w.secondDocument, catalogueFor(lang).authoring));
  const root = doc.contents;
  if (root === null) return { file, variables: {}, people: {} };
  if (!isMap(root)) return fail(root.range?.[0], (w) => w.configMap);
  const result: TeamDefaults = { file, variables: {}, people: {} };
  for (const pair of root.items) {
    const key = String((pair.key as { value?: unknown } | null)?.value ?? '');
    if (!['variables', 'people', 'page', 'notify', 'smtp', 'timezone'].includes(key)) {
      fail((pair.key as Node | null)?.range?.[0], (w) => w.configUnknownKey(key));
    }
  }
  const zone = doc.get('timezone', true) as Node | null | undefined;
  if (zone !== undefined && zone !== null && !(isScalar(zone) && (zone.value === null || zone.value === ''))) {
    if (!isScalar(zone) || typeof zone.value !== 'string') fail(zone.range?.[0], (w) => w.timezoneName);
    else {
      const name = zone.value;
      if (!isTimeZone(name.trim())) fail(zone.range?.[0], (w) => w.notATimeZone(name));
      else result.timezone = name.trim();
    }
  }
  const page = parsePageConfig(doc, (node, say) => fail(node?.range?.[0], say));
  if (page) result.page = page;
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : undefined);
  const notify = parseNotifyConfig(doc, (node, say) => fail(node?.range?.[0], say), lineOf);
  if (notify) result.notify = notify;
  for (const group of ['variables', 'people'] as const) {
    // an empty value sets no default
    for (const { name, value } of nameValuePairs(doc, group, (node, say) => fail(node?.range?.[0], say))) if (value !== '') result[group][name] = value;
  }
  return result;
}

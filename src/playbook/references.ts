/**
 * The rules the schema alone cannot say: one kind per step and the keys that
 * go with each kind, unique ids, and every reference resolved (owner, notify,
 * announce, channels, when, goto). Pure: data in, problems with paths out.
 * It reads the data defensively, so it also runs on a playbook the schema
 * rejected and all of a file's errors come out in one run.
 */
import { CATALOGUE_CHANNEL_IDS, DEFAULT_TEMPLATE_KEY } from '../messages/channels.js';
import { QUESTION_TYPES, STAGES, STEP_KINDS } from './kinds.js';
import { isEmail, isPhone, normaliseUrl } from './formats.js';
import { en } from '../i18n/en.js';
import { showValue, suggest, type DataPath, type Problem } from './problem.js';
import type { AuthoringWords } from './words.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const keys = (v: unknown): string[] => (isObj(v) ? Object.keys(v) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Options for the checks; the channel catalogue can be replaced in tests. */
export interface ReferenceOptions {
  catalogue?: readonly string[];
  /** The words to say the problems with (the playbook's language); English by default. */
  words?: AuthoringWords;
}

interface StepRef {
  step: Obj;
  path: DataPath;
  id: string | undefined;
  index: number;
  kind: string | undefined;
}

interface Answer {
  step: StepRef;
  values?: string[];
}

const CONFIRM_VALUES = ['yes', 'no', 'true', 'false'];
/** Each format's value read as the prompt and answers files read it (a bare host is a web address). */
const FORMAT_CHECKS: Record<string, (v: string) => boolean> = {
  email: isEmail,
  url: (v) => normaliseUrl(v) !== undefined,
  phone: isPhone,
};

function optionValues(step: Obj): string[] {
  // a value of the wrong type (a map, a list) is the schema's to report, not an option
  const scalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  return list(step.options).flatMap((o) => (isObj(o) ? (scalar(o.value) ? [String(o.value)] : []) : scalar(o) ? [String(o)] : []));
}

/** At most one phase per stage, and one lead role. */
function stagesAndLead(data: Obj, phases: unknown[], error: (path: DataPath, message: string, extra?: Partial<Problem>) => void, w: AuthoringWords): void {
  const leads = Object.entries(isObj(data.roles) ? data.roles : {}).filter(([, r]) => isObj(r) && r.lead === true);
  const [firstLead] = leads;
  for (const [id] of leads.slice(1)) {
    error(['roles', id, 'lead'], w.twoLeads(firstLead?.[0] ?? '', id), {
      at: 'key',
      related: ['roles', firstLead?.[0] ?? '', 'lead'],
    });
  }
  const byStage = new Map<string, number>();
  phases.forEach((p, i) => {
    if (!isObj(p)) return;
    const stage = typeof p.stage === 'string' ? p.stage : typeof p.id === 'string' && (STAGES as readonly string[]).includes(p.id) ? p.id : undefined;
    if (stage === undefined) return;
    const first = byStage.get(stage);
    if (first !== undefined) {
      const where: DataPath = p.stage !== undefined ? ['phases', i, 'stage'] : ['phases', i, 'id'];
      error(where, w.twoStages(stage), { related: ['phases', first] });
    } else byStage.set(stage, i);
  });
}

/**
 * Warnings (for `crisis validate`) when no phase confirms the outage or tells
 * the community, the core of the mission; a playbook may still do without.
 */
export function missingStageWarnings(playbook: { phases: ReadonlyArray<{ id: string; stage?: string | undefined }> }, w: AuthoringWords): Problem[] {
  const stages = new Set(playbook.phases.map((p) => p.stage ?? ((STAGES as readonly string[]).includes(p.id) ? p.id : undefined)));
  const problems: Problem[] = [];
  for (const stage of ['confirm', 'communicate'] as const) {
    if (!stages.has(stage)) problems.push({ path: ['phases'], severity: 'warning', message: w.noStage[stage] });
  }
  return problems;
}

/** Checks ids, step kinds and references of a playbook's data. */
export function checkPlaybookReferences(data: unknown, options: ReferenceOptions = {}): Problem[] {
  const problems: Problem[] = [];
  if (!isObj(data)) return problems;
  const w = options.words ?? en.authoring;
  const hint = (word: string, candidates: readonly string[], noun?: string) => suggest(w, word, candidates, noun);
  const error = (path: DataPath, message: string, extra: Partial<Problem> = {}) =>
    problems.push({ path, message, severity: 'error', ...extra });

  const roles = keys(data.roles);
  const messages = isObj(data.messages) ? data.messages : {};
  const ownChannels = keys(data.channels);
  const catalogue = options.catalogue ?? CATALOGUE_CHANNEL_IDS;
  const channels = [...new Set([...catalogue, ...ownChannels])];
  const severityIds = list(data.severities).flatMap((s) => (isObj(s) && typeof s.id === 'string' ? [s.id] : []));

  const uniqueIds = (items: { id: unknown; path: DataPath }[], duplicate: (id: string) => string) => {
    const seen = new Map<string, DataPath>();
    for (const { id, path } of items) {
      if (typeof id !== 'string' && typeof id !== 'number') continue;
      const first = seen.get(String(id));
      if (first) error(path, duplicate(String(id)), { related: first });
      else seen.set(String(id), path);
    }
  };
  const roleRef = (value: unknown, path: DataPath, what: 'notify' | 'owner') => {
    if (typeof value === 'string' && !roles.includes(value)) error(path, w.notARole(what, value, hint(value, roles, w.nouns.roles)));
  };

  // severities
  const severities = list(data.severities);
  uniqueIds(severities.map((s, i) => ({ id: isObj(s) ? s.id : undefined, path: ['severities', i, 'id'] })), w.duplicateSeverity);
  severities.forEach((s, i) => {
    if (isObj(s)) list(s.notify).forEach((r, k) => roleRef(r, ['severities', i, 'notify', k], 'notify'));
  });

  // phases and steps, in walking order
  const phases = list(data.phases);
  uniqueIds(phases.map((p, i) => ({ id: isObj(p) ? p.id : undefined, path: ['phases', i, 'id'] })), w.duplicatePhase);
  stagesAndLead(data, phases, error, w);
  const steps: StepRef[] = [];
  phases.forEach((p, i) => {
    if (!isObj(p)) return;
    list(p.steps).forEach((s, j) => {
      if (!isObj(s)) return;
      const present = STEP_KINDS.filter((k) => s[k] !== undefined);
      steps.push({ step: s, path: ['phases', i, 'steps', j], id: str(s.id), index: steps.length, kind: present.length === 1 ? present[0] : undefined });
    });
  });
  uniqueIds(steps.map((s) => ({ id: s.step.id, path: [...s.path, 'id'] })), w.duplicateStep);

  const answers = new Map<string, Answer>();
  for (const ref of steps) {
    const { step, path } = ref;
    const name = ref.id !== undefined ? w.step(ref.id) : w.thisStep;
    const present = STEP_KINDS.filter((k) => step[k] !== undefined);
    if (present.length === 0) {
      error(path, w.noKind(name, STEP_KINDS.join(', ')));
    } else if (present.length > 1) {
      error([...path, present[1] as string], w.twoKinds(name, present[0] ?? '', present[1] ?? ''), { at: 'key' });
    }
    const kind = ref.kind;
    // an unknown type is the schema's error; judging keys against it would only add noise
    const type = QUESTION_TYPES.find((t) => t === step.type);
    const only = (key: string, rule: string, allowed: boolean) => {
      if (step[key] !== undefined && !allowed) error([...path, key], w.rule(w.key(key), rule), { at: 'key' });
    };
    if (kind !== undefined) {
      only('type', w.onlyWithAsk(kind), kind === 'ask');
      only('save_as', w.onlyWithAsk(kind), kind === 'ask');
      only('channels', w.onlyWithAnnounce(kind), kind === 'announce');
      only('repeat', w.onlyWithAnnounce(kind), kind === 'announce');
    }
    if (kind === 'ask') {
      if (step.type === undefined) error(path, w.needsType(name, QUESTION_TYPES.join(', ')));
      const needsOptions = type === 'choice' || type === 'multi';
      if (needsOptions && step.options === undefined) error(path, w.needsOptions(name, type ?? ''));
      if (type !== undefined && !needsOptions) only('options', w.optionsOnlyChoice(type), false);
      if (type !== undefined) only('on_no', w.onNoOnlyConfirm(type), type === 'confirm');
      const values = optionValues(step);
      const seen = new Map<string, DataPath>();
      list(step.options).forEach((o, k) => {
        const v = isObj(o) ? o.value : o;
        if (v === undefined || isObj(v)) return;
        const optionPath: DataPath = isObj(o) ? [...path, 'options', k, 'value'] : [...path, 'options', k];
        const first = seen.get(String(v));
        if (first) error(optionPath, w.duplicateOption(String(v)), { related: first });
        else seen.set(String(v), optionPath);
      });
      const saveAs = str(step.save_as);
      if (saveAs !== undefined) {
        const first = answers.get(saveAs);
        if (saveAs === 'severity') error([...path, 'save_as'], w.severityReserved);
        else if (first) error([...path, 'save_as'], w.saveAsTaken(saveAs, first.step.id ?? '?'), { related: [...first.step.path, 'save_as'] });
        else {
          const answerValues = type === 'choice' || type === 'multi' ? values : type === 'confirm' ? CONFIRM_VALUES : type === 'severity' ? severityIds : undefined;
          answers.set(saveAs, answerValues ? { step: ref, values: answerValues } : { step: ref });
        }
      }
    } else if (kind !== undefined) {
      only('options', w.optionsOnlyAsk(kind), false);
      only('on_no', w.onNoOnlyAsk(kind), false);
    }
    if (step.owner !== undefined) roleRef(step.owner, [...path, 'owner'], 'owner');
    if (kind === 'announce' && typeof step.announce === 'string') {
      const messageIds = Object.keys(messages);
      const message = Object.hasOwn(messages, step.announce) ? messages[step.announce] : undefined;
      if (message === undefined) {
        error([...path, 'announce'], w.noMessage(step.announce, hint(step.announce, messageIds, w.nouns.messages)));
      }
      const templates = isObj(message) && isObj(message.channels) ? message.channels : undefined;
      list(step.channels).forEach((c, k) => {
        if (typeof c !== 'string') return;
        if (!channels.includes(c)) error([...path, 'channels', k], w.unknownChannel(c, hint(c, channels, w.nouns.channels)));
        else if (templates && !Object.hasOwn(templates, c) && !Object.hasOwn(templates, DEFAULT_TEMPLATE_KEY)) {
          error([...path, 'channels', k], w.noTextFor(step.announce as string, c));
        }
      });
    }
    list(step.replies).forEach((r, k) => {
      if (typeof r !== 'string') return;
      const message = Object.hasOwn(messages, r) ? messages[r] : undefined;
      if (message === undefined) error([...path, 'replies', k], w.noMessage(r, hint(r, Object.keys(messages), w.nouns.messages)));
      else if (isObj(message) && message.audience !== 'private') error([...path, 'replies', k], w.notAReply(r));
    });
    const onNo = step.on_no;
    if (isObj(onNo) && typeof onNo.goto === 'string') {
      const target = steps.find((s) => s.id === onNo.goto);
      const stepIds = steps.flatMap((s) => (s.id !== undefined ? [s.id] : []));
      if (!target) error([...path, 'on_no', 'goto'], w.gotoNowhere(onNo.goto, hint(onNo.goto, stepIds, w.nouns.steps)));
      else if (target.index <= ref.index) error([...path, 'on_no', 'goto'], w.gotoBack(onNo.goto));
    }
  }

  // conditions, once every save_as is known
  for (const ref of steps) {
    const when = ref.step.when;
    if (!isObj(when)) continue;
    for (const [key, expected] of Object.entries(when)) {
      const wpath: DataPath = [...ref.path, 'when', key];
      let allowed: string[] | undefined;
      if (key === 'severity') allowed = severityIds;
      else {
        const answer = answers.get(key);
        if (!answer) {
          error(wpath, w.conditionUnknown(key, hint(key, [...answers.keys(), 'severity'], w.nouns.conditions)), { at: 'key' });
          continue;
        }
        if (answer.step.index >= ref.index) {
          error(wpath, w.conditionLater(key, answer.step.id ?? '?'), { at: 'key' });
          continue;
        }
        allowed = answer.values;
      }
      if (!allowed) continue;
      const check = (v: unknown, p: DataPath) => {
        if (isObj(v) || Array.isArray(v)) return;
        if (!allowed.includes(String(v))) error(p, w.neverAnswer(showValue(v, w), key, hint(String(v), allowed, w.nouns.answers)));
      };
      if (Array.isArray(expected)) expected.forEach((v, k) => check(v, [...wpath, k]));
      else check(expected, wpath);
    }
  }

  // messages: channel keys must be known
  for (const [id, message] of Object.entries(messages)) {
    if (!isObj(message)) continue;
    for (const c of keys(message.channels)) {
      if (c !== DEFAULT_TEMPLATE_KEY && !channels.includes(c)) {
        error(['messages', id, 'channels', c], w.unknownMessageChannel(c, hint(c, channels, w.nouns.channels)), { at: 'key' });
      }
    }
  }

  // channels the playbook declares itself need a limit
  if (isObj(data.channels)) {
    for (const [id, settings] of Object.entries(data.channels)) {
      if (!catalogue.includes(id) && !(isObj(settings) && settings.limit !== undefined)) {
        error(['channels', id], w.channelNeedsLimit(id, hint(id, catalogue, undefined)), { at: 'key' });
      }
    }
  }

  // variables: default and example must fit the declared format
  if (isObj(data.variables)) {
    for (const [id, variable] of Object.entries(data.variables)) {
      if (!isObj(variable)) continue;
      const format = str(variable.format) ?? '';
      // own keys only: "format: __proto__" or "toString" must not find Object.prototype's
      const test = Object.hasOwn(FORMAT_CHECKS, format) ? FORMAT_CHECKS[format] : undefined;
      if (!test) continue;
      for (const key of ['default', 'example'] as const) {
        const v = variable[key];
        if (v !== undefined && !test(String(v))) {
          error(['variables', id, key], w.notFormat(key, showValue(v, w), format as 'email' | 'url' | 'phone'));
        }
      }
    }
  }
  return problems;
}

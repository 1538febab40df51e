/**
 * What the public status page says, computed from incidents' folded states
 * and their playbooks. Pure: no I/O, no clock. Every time is taken from the
 * log, so that the same log always gives the same page.
 */
import { nextUpdateDue } from '../incident/engine.js';
import type { IncidentState } from '../incident/state.js';
import { phaseStage, type Stage } from '../playbook/kinds.js';
import type { Playbook } from '../playbook/schema.js';
import { answerText } from '../report/answers.js';
import { reportLocale } from '../report/labels.js';
import { componentId, type PageConfig } from './config.js';
import { catalogueFor } from '../i18n/index.js';

export type Indicator = 'none' | 'minor' | 'major' | 'critical';
export type ComponentStatus = 'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage';
export type IncidentStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved';

/** The channels whose posts are the page's updates, the page's own first. */
export const PAGE_CHANNELS = ['status_page', 'website'] as const;

/** How many days of resolved incidents the page lists. */
export const HISTORY_DAYS = 90;

/** An incident and the playbook it ran (undefined when that playbook can no longer be loaded). */
export interface PageIncidentInput {
  state: IncidentState;
  playbook: Playbook | undefined;
}

export interface PageInput {
  /** The incident the page is about; a false alarm (or a discarded one) shows no incident. */
  current: PageIncidentInput;
  /** The other incidents of the data directory (any state; the page keeps the resolved ones of the last 90 days). */
  others: PageIncidentInput[];
  config: PageConfig;
}

export interface PageUpdate {
  /** Stable: the incident id and the seq of the post in its log. */
  id: string;
  status: IncidentStatus;
  body: string;
  at: string;
}

export interface PageIncident {
  id: string;
  name: string;
  status: IncidentStatus;
  impact: Indicator;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  /** Newest first. */
  updates: PageUpdate[];
}

export interface PageComponentState {
  id: string;
  name: string;
  status: ComponentStatus;
  updatedAt: string;
}

export interface PageModel {
  name: string;
  url: string | null;
  lang: string;
  /** The latest time anything shown changed. */
  updatedAt: string;
  indicator: Indicator;
  components: PageComponentState[];
  /** The open incident, if any. */
  active: PageIncident | null;
  /** The next public update promised for the open incident. */
  nextUpdateAt: string | null;
  /**
   * The open incident's current public message when nothing was posted on the
   * page's own channels: the latest public post on another (its fullest text,
   * e-mail and SMS aside when another channel has it). Null otherwise.
   */
  elsewhere: { body: string; at: string } | null;
  /** Resolved incidents of the last 90 days, most recent first (the current one included once resolved). */
  history: PageIncident[];
}

/** Only open and resolved incidents are public: a false alarm, a drill or a discarded incident never shows. */
export function isPublicIncident(state: IncidentState): boolean {
  return !state.drill && (state.state === 'open' || state.state === 'resolved');
}

const STAGE_STATUS: Record<Stage, IncidentStatus> = {
  confirm: 'investigating',
  assess: 'identified',
  communicate: 'identified',
  redirect: 'identified',
  monitor: 'monitoring',
  resolve: 'resolved',
};

const INDICATORS: readonly Indicator[] = ['minor', 'major', 'critical'];

/**
 * The impact of a severity: its id when it is minor, major or critical, else
 * by rank (the playbook lists severities from least to most severe: the last
 * is critical, the one before major, the rest minor). Before any severity: minor.
 */
export function severityIndicator(playbook: Playbook | undefined, severity: string | undefined): Indicator {
  if (severity === undefined) return 'minor';
  if ((INDICATORS as readonly string[]).includes(severity)) return severity as Indicator;
  const ids = playbook?.severities.map((s) => s.id) ?? [];
  const fromTop = ids.length - 1 - ids.indexOf(severity);
  if (ids.indexOf(severity) < 0) return 'major';
  return fromTop === 0 ? 'critical' : fromTop === 1 ? 'major' : 'minor';
}

/** The status an incident had when a step of this phase was answered. */
function phaseStatus(playbook: Playbook | undefined, phaseId: string | undefined): IncidentStatus | undefined {
  const phase = phaseId === undefined ? undefined : playbook?.phases.find((p) => p.id === phaseId);
  const stage = phase ? phaseStage(phase) : undefined;
  return stage ? STAGE_STATUS[stage] : undefined;
}

/** The phase holding a step, by the step's id. */
function phaseOfStep(playbook: Playbook | undefined, stepId: string | undefined): string | undefined {
  if (stepId === undefined) return undefined;
  return playbook?.phases.find((p) => p.steps.some((s) => s.id === stepId))?.id;
}

/**
 * An incident as the page shows it: its status follows the phases reached
 * (by stage), its updates are the posts on `status_page` or `website` (one
 * per announcement: the status page's text when both were posted).
 */
export function pageIncident({ state, playbook }: PageIncidentInput): PageIncident {
  const posts = state.posts.filter((p) => (PAGE_CHANNELS as readonly string[]).includes(p.channel));
  // One announcement posted on both channels is one update.
  const byAnnouncement = new Map<string, (typeof posts)[number]>();
  for (const post of posts) {
    const key = `${post.message}\u0000${post.step ?? ''}\u0000${post.at}`;
    const seen = byAnnouncement.get(key);
    if (!seen || (seen.channel !== 'status_page' && post.channel === 'status_page')) byAnnouncement.set(key, post);
  }
  const answersInOrder = [...state.answers].sort((a, b) => ms(a.at) - ms(b.at));
  const statusAt = (at: string): IncidentStatus => {
    let status: IncidentStatus = 'investigating';
    for (const answer of answersInOrder) {
      if (ms(answer.at) > ms(at)) break;
      const s = phaseStatus(playbook, answer.phase);
      if (s && s !== 'resolved') status = s;
    }
    if (state.state === 'resolved' && state.endedAt !== undefined && ms(at) >= ms(state.endedAt)) status = 'resolved';
    return status;
  };
  const updates = [...byAnnouncement.values()]
    .map((post): PageUpdate => {
      const fromStep = phaseStatus(playbook, phaseOfStep(playbook, post.step));
      return { id: `${state.id}-${post.seq}`, status: fromStep ?? statusAt(post.at), body: post.text, at: post.at };
    })
    .sort((a, b) => ms(b.at) - ms(a.at) || b.id.localeCompare(a.id));
  const resolvedAt = state.state === 'resolved' ? (state.endedAt ?? null) : null;
  return {
    id: state.id,
    name: state.title,
    status: resolvedAt ? 'resolved' : statusAt(state.lastAt),
    impact: severityIndicator(playbook, state.severity),
    createdAt: state.detectedAt,
    updatedAt: state.lastAt,
    resolvedAt,
    updates,
  };
}

/** The name the playbooks save the other ways to reach the team under (`{{list alternatives}}` in their messages). */
export const ALTERNATIVES = 'alternatives';

/**
 * The alternatives the operator chose: the answers to the question saved as
 * `alternatives`, whatever its phase, as their option labels.
 */
function alternatives({ state, playbook }: PageIncidentInput): Array<{ id: string; name: string; at: string }> {
  if (!playbook) return [];
  const locale = reportLocale(state.lang, state.timeZone);
  const found: Array<{ id: string; name: string; at: string }> = [];
  for (const phase of playbook.phases) {
    for (const step of phase.steps) {
      if ((step.type !== 'multi' && step.type !== 'choice') || step.save_as !== ALTERNATIVES) continue;
      const answer = state.steps[step.id];
      if (!answer || answer.value === undefined) continue;
      const values = Array.isArray(answer.value) ? answer.value : [answer.value];
      for (const value of values) {
        const id = componentId(String(value));
        if (found.some((f) => f.id === id)) continue;
        found.push({ id, name: componentName(answerText(value, step, playbook, state, locale), state.lang), at: answer.at });
      }
    }
  }
  return found;
}

/**
 * An option label made to fit in a sentence ("à aide@acme.fr", "via our
 * website chat") as the name of a line of its own: without its leading
 * preposition, capitalised unless it starts with an address or a number.
 */
export function componentName(label: string, lang: string): string {
  const words = catalogueFor(lang).page.leadingWords;
  const [first = '', ...rest] = label.trim().split(/\s+/);
  const name = rest.length > 0 && words.includes(first.toLowerCase()) ? label.trim().slice(first.length).trimStart() : label.trim();
  const head = name.split(/\s/)[0] ?? '';
  return /^\p{Ll}/u.test(name) && !/[@./:\d]/.test(head) ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}

/** The page's components: config.yaml's, else the platform (down while open) and the alternatives chosen (working). */
function components(input: PageInput, open: boolean): PageComponentState[] {
  const { state, playbook } = input.current;
  const changedAt = open ? state.detectedAt : (state.endedAt ?? state.lastAt);
  const down: ComponentStatus = open ? 'major_outage' : 'operational';
  if (input.config.components && input.config.components.length > 0) {
    return input.config.components.map((c) => ({
      id: c.id,
      name: c.name,
      status: c.affected ? down : 'operational',
      updatedAt: c.affected ? changedAt : state.detectedAt,
    }));
  }
  const platform = playbook?.platform ?? state.platform;
  const list: PageComponentState[] = [];
  if (platform) list.push({ id: componentId(platform), name: platform, status: down, updatedAt: changedAt });
  for (const alt of alternatives(input.current)) {
    if (list.some((c) => c.id === alt.id)) continue;
    list.push({ id: alt.id, name: alt.name, status: 'operational', updatedAt: alt.at });
  }
  return list;
}

const DAY_MS = 86_400_000;

/** An ISO time as milliseconds (times in the log may carry different offsets, so they are never compared as text). */
function ms(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

/**
 * What titles the page: config.yaml's `page: name:`, else the brand variable;
 * undefined with neither (`crisis page` then writes nothing: titled after the
 * platform, the page would read as the platform's own).
 */
export function pageName(config: PageConfig, state: IncidentState): string | undefined {
  const brand = state.variables.brand;
  return config.name ?? (brand !== undefined && brand !== '' ? brand : undefined);
}

/** The page: pure, from the incidents' states, with no clock (the reference time is the current incident's last event). */
export function buildPageModel(input: PageInput): PageModel {
  const { state, playbook } = input.current;
  const shown = isPublicIncident(state);
  const open = shown && state.state === 'open';
  const active = open ? pageIncident(input.current) : null;
  const reference = ms(state.lastAt);
  const history = [...(shown && !open ? [input.current] : []), ...input.others.filter((o) => o.state.id !== state.id)]
    .filter((o) => isPublicIncident(o.state) && o.state.state === 'resolved' && o.state.endedAt !== undefined)
    .filter((o) => ms(o.state.endedAt as string) >= reference - HISTORY_DAYS * DAY_MS)
    .map(pageIncident)
    .sort((a, b) => ms(b.resolvedAt ?? '') - ms(a.resolvedAt ?? '') || a.id.localeCompare(b.id));
  const due = open && playbook ? nextUpdateDue(playbook, state) : undefined;
  const times = [state.lastAt, ...history.map((h) => h.updatedAt)];
  const url = input.config.url ?? state.variables.website ?? null;
  return {
    name: pageName(input.config, state) ?? state.title,
    url: url === '' ? null : url,
    lang: state.lang,
    updatedAt: times.reduce((max, t) => (ms(t) > ms(max) ? t : max)),
    indicator: active ? active.impact : 'none',
    components: components(input, open),
    active,
    nextUpdateAt: due ? due.toISOString() : null,
    elsewhere: active && active.updates.length === 0 ? latestPublicPost(input.current) : null,
    history,
  };
}

/** Channels whose texts carry a greeting, a subject or a sign-off, taken only when no other channel has the message. */
const LETTER_CHANNELS: readonly string[] = ['email', 'sms'];

/** The latest public post of an incident, as `elsewhere` takes it. */
function latestPublicPost({ state, playbook }: PageIncidentInput): { body: string; at: string } | null {
  const posts = state.posts.filter((p) => (playbook?.messages?.[p.message]?.audience ?? 'public') === 'public');
  const latest = posts.reduce<number>((max, p) => Math.max(max, ms(p.at)), Number.NEGATIVE_INFINITY);
  const candidates = posts.filter((p) => ms(p.at) === latest);
  const preferred = candidates.filter((p) => !LETTER_CHANNELS.includes(p.channel));
  const best = (preferred.length > 0 ? preferred : candidates).reduce<(typeof posts)[number] | undefined>((b, p) => (!b || p.text.length > b.text.length ? p : b), undefined);
  return best ? { body: best.text, at: best.at } : null;
}

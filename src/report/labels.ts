/**
 * The words and formats a report uses for values (the templates hold the
 * headings): durations, lateness, dates with date-fns' locale, statuses.
 * English and French; any other language falls back to English words with
 * its own name kept in `lang`.
 */
import { format } from 'date-fns';
import { enGB, fr } from 'date-fns/locale';
import type { Locale } from 'date-fns';
import type { CheckStatus } from '../incident/events.js';
import { channelName } from '../messages/channels.js';
import { formatList } from '../messages/helpers.js';

/** Words used inside values (the templates carry headings and row labels). */
export interface ReportWords {
  yes: string;
  no: string;
  none: string;
  inProgress: string;
  falseAlarm: string;
  drill: string;
  real: string;
  notYet: string;
  onTime: string;
  status: Record<CheckStatus | 'not_done', string>;
  deadline: {
    met: string;
    missed: string;
    missedNever: string;
    overdue: string;
    open: string;
    notApplicable: string;
  };
  withinCadence: string;
  ruledOut: (d: string) => string;
  overCadence: (over: string) => string;
  noCadence: string;
  cadence: (every: string) => string;
  late: (d: string) => string;
  early: (d: string) => string;
  left: (d: string) => string;
  /** Timeline phrases. */
  detected: (title: string) => string;
  opened: (title: string) => string;
  severitySet: (title: string, cadence: string | undefined) => string;
  notified: (who: string) => string;
  posted: (message: string, channels: string) => string;
  sent: (message: string, channels: string) => string;
  /** `: ` in English, ` : ` in French. */
  colon: string;
  checklist: (c: { done: number; skipped: number; na: number; not_done: number; total: number }) => string;
  ongoingGap: (from: string) => string;
  notPosted: (message: string) => string;
  phaseDone: (title: string) => string;
  resolved: string;
  falseAlarmDeclared: string;
  reopened: string;
  withdrawn: (what: string) => string;
  discarded: string;
  checkLine: Record<CheckStatus, string>;
  updates: (n: number, posts: number) => string;
  dayUnit: string;
}

const en: ReportWords = {
  yes: 'yes',
  no: 'no',
  none: '—',
  inProgress: 'in progress',
  falseAlarm: 'false alarm',
  drill: 'Drill',
  real: 'Real incident',
  notYet: 'not yet',
  onTime: 'right on time',
  status: { done: 'Done', skipped: 'Skipped', na: 'N/A', not_done: 'Not done' },
  deadline: {
    met: 'Met',
    missed: 'Missed',
    missedNever: 'Missed, never completed',
    overdue: 'Overdue',
    open: 'Open',
    notApplicable: 'N/A',
  },
  withinCadence: 'within the cadence',
  ruledOut: (d) => `${d} to rule it out (false alarm)`,
  overCadence: (over) => `${over} over the cadence`,
  noCadence: 'no cadence set',
  cadence: (every) => `at most ${every} between updates`,
  late: (d) => `${d} late`,
  early: (d) => `${d} early`,
  left: (d) => `${d} left`,
  detected: (title) => `Outage detected: ${title}`,
  opened: (title) => `Incident opened with the playbook “${title}”`,
  severitySet: (title, cadence) => `Severity set to ${title}${cadence ? ` (${cadence})` : ''}`,
  notified: (who) => `; notify ${who}`,
  posted: (message, channels) => `Posted “${message}” on ${channels}`,
  sent: (message, channels) => `Replied in private with “${message}” on ${channels}`,
  colon: ': ',
  checklist: (c) =>
    `${c.done} of ${c.total - c.na} done` +
    [c.skipped ? `${c.skipped} skipped` : '', c.na ? `${c.na} not applicable` : ''].filter(Boolean).map((t) => `, ${t}`).join(''),
  ongoingGap: (from) => `since ${from}, still running`,
  notPosted: (message) => `“${message}” prepared, not posted`,
  phaseDone: (title) => `Phase completed: ${title}`,
  resolved: 'Incident resolved',
  falseAlarmDeclared: 'Declared a false alarm; incident closed',
  reopened: 'Incident reopened',
  withdrawn: (what) => `Answer withdrawn: ${what}`,
  discarded: 'Incident discarded (opened by mistake)',
  checkLine: { done: 'Done', skipped: 'Skipped', na: 'Not applicable' },
  updates: (n, posts) => (n === 0 ? '0' : `${n} (${posts} ${posts === 1 ? 'post' : 'posts'} in all)`),
  dayUnit: 'd',
};

const frWords: ReportWords = {
  yes: 'oui',
  no: 'non',
  none: '—',
  inProgress: 'en cours',
  falseAlarm: 'fausse alerte',
  drill: 'Exercice',
  real: 'Incident réel',
  notYet: 'pas encore',
  onTime: 'pile à l’heure',
  status: { done: 'Fait', skipped: 'Sauté', na: 'Sans objet', not_done: 'Non fait' },
  deadline: {
    met: 'Tenue',
    missed: 'Manquée',
    missedNever: 'Manquée, phase jamais terminée',
    overdue: 'Dépassée',
    open: 'En cours',
    notApplicable: 'Sans objet',
  },
  withinCadence: 'dans le rythme prévu',
  ruledOut: (d) => `${d} pour l’écarter (fausse alerte)`,
  overCadence: (over) => `${over} au-delà du rythme prévu`,
  noCadence: 'aucun rythme défini',
  cadence: (every) => `au plus ${every} entre deux mises à jour`,
  late: (d) => `en retard de ${d}`,
  early: (d) => `en avance de ${d}`,
  left: (d) => `encore ${d}`,
  detected: (title) => `Panne détectée : ${title}`,
  opened: (title) => `Incident ouvert avec le playbook « ${title} »`,
  severitySet: (title, cadence) => `Gravité fixée à ${title}${cadence ? ` (${cadence})` : ''}`,
  notified: (who) => ` ; prévenir ${who}`,
  posted: (message, channels) => `Publication de « ${message} » sur ${channels}`,
  sent: (message, channels) => `Réponse privée « ${message} » envoyée sur ${channels}`,
  colon: ' : ',
  checklist: (c) =>
    `${c.done} faites sur ${c.total - c.na}` +
    [c.skipped ? `${c.skipped} ${c.skipped === 1 ? 'sautée' : 'sautées'}` : '', c.na ? `${c.na} sans objet` : ''].filter(Boolean).map((t) => `, ${t}`).join(''),
  ongoingGap: (from) => `depuis ${from}, toujours en cours`,
  notPosted: (message) => `« ${message} » préparé, non publié`,
  phaseDone: (title) => `Phase terminée : ${title}`,
  resolved: 'Incident résolu',
  falseAlarmDeclared: 'Fausse alerte déclarée ; incident clos',
  reopened: 'Incident rouvert',
  withdrawn: (what) => `Réponse retirée : ${what}`,
  discarded: 'Incident écarté (ouvert par erreur)',
  checkLine: { done: 'Fait', skipped: 'Sauté', na: 'Sans objet' },
  updates: (n, posts) => (n === 0 ? '0' : `${n} (${posts} ${posts === 1 ? 'publication' : 'publications'} au total)`),
  dayUnit: 'j',
};

/** Everything language-dependent a report needs, bound to one language. */
export interface ReportLocale {
  /** The playbook's language tag, as given. */
  lang: string;
  words: ReportWords;
  dateLocale: Locale;
  /** `1 h 05 min`, `25 min`, `2 d 3 h`; rounded to the minute. */
  duration(minutes: number): string;
  /** `12 min late`, `3 min early`, `right on time` (positive = late). */
  lateness(minutes: number): string;
  /** Time of day, with the day in front when `withDay`. */
  time(iso: string, withDay: boolean): string;
  /** The full date, `21 November 2026`. */
  date(iso: string): string;
  /** Weekday, date and time, `Saturday 21 November 2026, 09:05`. */
  dateTime(iso: string): string;
  /** A channel's display name. */
  channel(id: string, overrides?: Record<string, { label?: string | undefined }>): string;
  /** `a, b and c`. */
  list(items: string[]): string;
}

/** The locale of a playbook language: `fr...` gets French, anything else English (en-GB dates). */
export function reportLocale(lang: string): ReportLocale {
  const french = lang.toLowerCase().split('-')[0] === 'fr';
  const words = french ? frWords : en;
  const dateLocale = french ? fr : enGB;
  // A long log repeats the same minutes thousands of times; no pattern here shows seconds.
  const formatted = new Map<string, string>();
  const fmt = (iso: string, pattern: string): string => {
    const date = new Date(iso);
    const minute = Math.floor(date.getTime() / 60_000);
    if (Number.isNaN(minute)) return format(date, pattern, { locale: dateLocale });
    const key = `${pattern}\u0000${minute}`;
    let text = formatted.get(key);
    if (text === undefined) {
      text = format(date, pattern, { locale: dateLocale });
      formatted.set(key, text);
    }
    return text;
  };
  const duration = (minutes: number): string => formatDuration(minutes, words.dayUnit);
  return {
    lang,
    words,
    dateLocale,
    duration,
    lateness(minutes) {
      const rounded = Math.round(minutes);
      if (rounded === 0) return words.onTime;
      return rounded > 0 ? words.late(duration(rounded)) : words.early(duration(-rounded));
    },
    time: (iso, withDay) => fmt(iso, withDay ? (french ? 'EEE d MMM HH:mm' : 'EEE d MMM HH:mm') : 'HH:mm'),
    date: (iso) => fmt(iso, 'd MMMM yyyy'),
    dateTime: (iso) => fmt(iso, french ? "EEEE d MMMM yyyy 'à' HH:mm" : "EEEE d MMMM yyyy, HH:mm"),
    channel: (id, overrides) => channelName(id, lang, overrides),
    list: (items) => formatList(items, french ? 'fr' : 'en'),
  };
}

/**
 * A compact duration: `25 min`, `1 h 05 min`, `2 h`, `1 d 3 h 20 min`
 * (`j` in French), rounded to the minute; `< 1 min` below half a minute.
 */
export function formatDuration(minutes: number, dayUnit = 'd'): string {
  const total = Math.round(Math.abs(minutes));
  const sign = minutes < 0 && total > 0 ? '-' : '';
  if (total === 0) return Math.abs(minutes) > 0 ? '< 1 min' : '0 min';
  const d = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  if (d === 0 && h === 0) return `${sign}${m} min`;
  const parts: string[] = [];
  if (d) parts.push(`${d} ${dayUnit}`);
  if (h) parts.push(`${h} h`);
  if (m) parts.push(`${h || d ? String(m).padStart(2, '0') : m} min`);
  return sign + parts.join(' ');
}

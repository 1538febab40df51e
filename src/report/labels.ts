/**
 * The words and formats a report uses for values (the templates hold the
 * headings): durations, lateness, dates with date-fns' locale, statuses.
 * The words come from the catalogue (src/i18n/); a language without one
 * falls back to English words with its own name kept in `lang`.
 */
export type { ReportWords };
import type { Locale } from 'date-fns';
import { catalogueFor, type ReportWords } from '../i18n/index.js';
import { channelName } from '../messages/channels.js';
import { formatList } from '../messages/helpers.js';
import { formatInZone, systemTimeZone, zoneLabel } from '../zone.js';
import { durationInWords } from '../playbook/duration.js';

/** Everything language-dependent a report needs, bound to one language. */
export interface ReportLocale {
  /** The playbook's language tag, as given. */
  lang: string;
  /** The zone every time is shown in. */
  zone: string;
  /** `Europe/Paris, UTC+01:00`: the zone named, with its offset at `iso`. */
  zoneName(iso: string): string;
  words: ReportWords;
  dateLocale: Locale;
  /** `1 h 05 min`, `25 min`, `2 d 3 h`; rounded to the minute. */
  duration(minutes: number): string;
  /** `12 min late`, `3 min early`, `right on time` (positive = late). */
  lateness(minutes: number): string;
  /** Time of day, with the day in front when `withDay`. */
  time(iso: string, withDay: boolean): string;
  /** `time` of an instant already parsed (milliseconds since the epoch). */
  timeAt(t: number, withDay: boolean): string;
  /** The full date, `21 November 2026`. */
  date(iso: string): string;
  /** Weekday, date and time, `Saturday 21 November 2026, 09:05`. */
  dateTime(iso: string): string;
  /** A channel's display name. */
  channel(id: string, overrides?: Record<string, { label?: string | undefined }>): string;
  /** `a, b and c`. */
  list(items: string[]): string;
}

/** The locale of a playbook language (`fr...` gets French, anything else English, en-GB dates), times in `zone`. */
export function reportLocale(lang: string, zone: string = systemTimeZone()): ReportLocale {
  const catalogue = catalogueFor(lang);
  const french = catalogue.lang === 'fr';
  const words = catalogue.report;
  const dateLocale = catalogue.dateLocale;
  // A long log repeats the same minutes thousands of times; no pattern here shows seconds.
  const formatted = new Map<string, Map<number, string>>();
  // an instant is parsed as a number (no Date built unless a minute is formatted for the first time)
  const fmtAt = (t: number, pattern: string): string => {
    const minute = Math.floor(t / 60_000);
    if (Number.isNaN(minute)) return formatInZone(new Date(t), pattern, zone, dateLocale);
    let byMinute = formatted.get(pattern);
    if (!byMinute) formatted.set(pattern, (byMinute = new Map()));
    let text = byMinute.get(minute);
    if (text === undefined) {
      text = formatInZone(new Date(t), pattern, zone, dateLocale);
      byMinute.set(minute, text);
    }
    return text;
  };
  const fmt = (iso: string, pattern: string): string => fmtAt(Date.parse(iso), pattern);
  const timePattern = (withDay: boolean): string => (withDay ? (french ? 'EEE d MMM HH:mm' : 'EEE d MMM HH:mm') : 'HH:mm');
  // a channel's name, found once per channel (a long log names the same few channels thousands of times)
  const channelNames = new Map<string, string>();
  let namedWith: Record<string, { label?: string | undefined }> | undefined;
  // and the same durations: the words of each whole number of minutes are found once
  const durations = new Map<number, string>();
  const duration = (minutes: number): string => {
    const total = Math.round(Math.abs(minutes));
    // below half a minute the words depend on more than the rounded value
    if (total === 0) return durationInWords(minutes, lang);
    const key = minutes < 0 ? -total : total;
    let words = durations.get(key);
    if (words === undefined) {
      words = durationInWords(minutes, lang);
      durations.set(key, words);
    }
    return words;
  };
  return {
    lang,
    zone,
    zoneName: (iso) => zoneLabel(zone, new Date(iso)),
    words,
    dateLocale,
    duration,
    lateness(minutes) {
      const rounded = Math.round(minutes);
      if (rounded === 0) return words.onTime;
      return rounded > 0 ? words.late(duration(rounded)) : words.early(duration(-rounded));
    },
    time: (iso, withDay) => fmt(iso, timePattern(withDay)),
    timeAt: (t, withDay) => fmtAt(t, timePattern(withDay)),
    date: (iso) => fmt(iso, 'd MMMM yyyy'),
    dateTime: (iso) => fmt(iso, french ? "EEEE d MMMM yyyy 'à' HH:mm" : "EEEE d MMMM yyyy, HH:mm"),
    channel(id, overrides) {
      if (overrides !== namedWith) {
        channelNames.clear();
        namedWith = overrides;
      }
      let name = channelNames.get(id);
      if (name === undefined) {
        name = channelName(id, lang, overrides);
        channelNames.set(id, name);
      }
      return name;
    },
    list: (items) => formatList(items, french ? 'fr' : 'en'),
  };
}

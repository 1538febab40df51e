/**
 * Times on the public page, in the incident's zone whatever the zone of the
 * machine building it: ISO 8601 with the zone's offset for summary.json and
 * the feed, words for the page. Intl does the zone arithmetic (no offsets
 * computed by hand).
 */

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at `date`, as `+01:00` (`+00:00` for UTC). */
export function zoneOffset(date: Date, timeZone: string): string {
  let fmt = offsetFormats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, fmt);
  }
  const name = fmt.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  // "GMT+01:00", "GMT-03:30", or "GMT" for a zero offset
  const match = /([+-]\d{2}):?(\d{2})?/.exec(name);
  return match ? `${match[1]}:${match[2] ?? '00'}` : '+00:00';
}

const wallFormats = new Map<string, Intl.DateTimeFormat>();

/** `2026-11-21T09:29:00+01:00`: the instant as the zone's wall clock and offset (seconds kept, no milliseconds). */
export function isoInZone(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let fmt = wallFormats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallFormats.set(timeZone, fmt);
  }
  const part = (type: Intl.DateTimeFormatPartTypes): string => fmt.formatToParts(date).find((p) => p.type === type)?.value ?? '00';
  const year = part('year').padStart(4, '0');
  return `${year}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}${zoneOffset(date, timeZone)}`;
}

/** `Europe/Paris, UTC+01:00`: the zone named once on the page, with its offset at `date`. */
export function zoneLabel(timeZone: string, date: Date): string {
  return `${timeZone}, UTC${zoneOffset(date, timeZone)}`;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** `21 Nov 2026, 09:29` (`21 nov. 2026, 09:29` in French), in the zone. */
export function dateTimeWords(iso: string, lang: string, timeZone: string): string {
  const key = `${lang}\u0000${timeZone}`;
  let fmt = dateTimeFormats.get(key);
  if (!fmt) {
    const locale = lang.toLowerCase().startsWith('fr') ? 'fr-FR' : 'en-GB';
    fmt = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' });
    dateTimeFormats.set(key, fmt);
  }
  return fmt.format(new Date(iso));
}

/** Whether Intl knows the zone (an IANA name such as `Europe/Paris`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

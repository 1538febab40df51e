/**
 * Times in an incident's zone, whatever the zone of the machine running the
 * command: the one place that knows about zones. date-fns does the
 * formatting and @date-fns/tz the zone arithmetic (no offset computed here).
 */
import { tz, type TZDate } from '@date-fns/tz';
import type { Locale } from 'date-fns';
import { format } from 'date-fns/format';
import type { Said } from './errors.js';

const zones = new Map<string, (value: Date | number | string) => TZDate>();

function inZone(zone: string): (value: Date | number | string) => TZDate {
  let fn = zones.get(zone);
  if (!fn) {
    fn = tz(zone);
    zones.set(zone, fn);
  }
  return fn;
}

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/** Whether the zone is known (an IANA name such as `Europe/Paris`, or `UTC`). */
export function isTimeZone(name: string): boolean {
  if (name.trim() === '') return false;
  const known = KNOWN_ZONES.get(name);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    valid = true;
  } catch {
    valid = false;
  }
  // asked for every time a report or page prints; a few names at most, but never grown without end
  if (KNOWN_ZONES.size < 64) KNOWN_ZONES.set(name, valid);
  return valid;
}

/** Names already checked: building a formatter to check one costs far more than looking it up. */
const KNOWN_ZONES = new Map<string, boolean>();

/** The machine's zone (the `TZ` environment variable, else the system's), `UTC` when it has none. */
export function systemTimeZone(): string {
  // asking Intl builds a formatter each time; the answer changes only with TZ
  const tz = process.env.TZ;
  if (systemZone === undefined || systemZone.tz !== tz) systemZone = { tz, zone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' };
  return systemZone.zone;
}

let systemZone: { tz: string | undefined; zone: string } | undefined;

/** `pattern` (date-fns tokens) applied to the instant as the zone's wall clock, in `locale`. */
export function formatInZone(value: Date | string, pattern: string, zone: string, locale?: Locale): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return format(date, pattern, { in: inZone(zone), ...(locale ? { locale } : {}) });
}

/** The zone's offset from UTC at `date`, as `+01:00` (`+00:00` for UTC). */
export function zoneOffset(date: Date, zone: string): string {
  return formatInZone(date, 'xxx', zone);
}

/** `2026-11-21T09:29:00+01:00`: the instant as the zone's wall clock and offset, to the second. */
export function isoInZone(value: Date | string, zone: string): string {
  return formatInZone(value, "yyyy-MM-dd'T'HH:mm:ssxxx", zone);
}

/** An ISO text with offset when the value is a time, in `zone`; anything else unchanged (null stays null). */
export function isoOrNull(value: string | null | undefined, zone: string): string | null {
  if (value === null || value === undefined) return null;
  return Number.isNaN(Date.parse(value)) ? value : isoInZone(value, zone);
}

/** `Europe/Paris, UTC+01:00`: the zone named once, with its offset at `date`. */
export function zoneLabel(zone: string, date: Date): string {
  return `${zone}, UTC${zoneOffset(date, zone)}`;
}

/** Whether two instants fall on the same day in the zone. */
export function sameDayInZone(a: Date | string, b: Date | string, zone: string): boolean {
  return formatInZone(a, 'yyyy-MM-dd', zone) === formatInZone(b, 'yyyy-MM-dd', zone);
}

/**
 * The zone of a new incident: `--tz`, else `CRISIS_TZ`, else config.yaml's
 * `timezone:`, else the machine's. An unknown name is an error naming where
 * it came from.
 */
export function pickTimeZone(
  sources: { flag?: string | undefined; env?: string | undefined; config?: string | undefined },
  fail: (message: Said) => never,
): string {
  const given: [Said, string | undefined][] = [
    ['--tz', sources.flag],
    ['CRISIS_TZ', sources.env],
    [(c) => c.errors.configTimezone, sources.config],
  ];
  for (const [where, value] of given) {
    if (value === undefined || value.trim() === '') continue;
    const zone = value.trim();
    if (!isTimeZone(zone)) fail((c) => c.errors.notATimeZone(typeof where === 'string' ? where : where(c), zone));
    return canonicalZone(zone);
  }
  return systemTimeZone();
}

/** The zone's name as Intl spells it (`europe/paris` -> `Europe/Paris`). */
function canonicalZone(zone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone || zone;
}

/** `21 Nov 12:50` (`21 nov. 12:50` in French): an instant with its day, as people read it, in the zone. */
export function dayAndTime(value: Date | string, zone: string, locale?: Locale): string {
  return formatInZone(value, 'd MMM HH:mm', zone, locale);
}

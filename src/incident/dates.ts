/**
 * Dates as people type them in answers files and on the command line
 * (`--at`), without the YAML library the answers file needs.
 */
import { TZDate } from '@date-fns/tz';
import { formatInZone, systemTimeZone } from '../zone.js';

/**
 * Accepts ISO 8601 strings (and Date objects from YAML 1.1 timestamps);
 * refuses impossible dates such as February 30. A date or time written
 * without an offset (`2026-11-21 09:05`, `2026-11-21`) is the wall clock of
 * `zone` (the incident's), else the machine's. A bare time (`09:05`) is that
 * time on `today`'s date in `zone`; without `today` it is refused.
 */
export function parseDate(v: unknown, zone?: string, today?: Date): Date | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v;
  if (typeof v !== 'string') return undefined;
  const bare = /^(\d{1,2}):(\d{2})$/.exec(v.trim());
  if (bare) {
    if (!today) return undefined;
    const day = formatInZone(today, 'yyyy-MM-dd', zone ?? systemTimeZone());
    return parseDate(`${day} ${(bare[1] ?? '').padStart(2, '0')}:${bare[2]}`, zone ?? systemTimeZone());
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})([T ](\d{2}):(\d{2})(:(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(v.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[5], m[6], m[8]].map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  // Date() would roll 2026-02-30 over to March 2 instead of refusing it
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  if (zone !== undefined && m[10] === undefined) {
    const ms = Number((m[9] ?? '.0').slice(1).padEnd(3, '0').slice(0, 3));
    const d = new TZDate(year, month - 1, day, hour, minute, second, ms, zone);
    return Number.isNaN(d.getTime()) ? undefined : new Date(d.getTime());
  }
  const d = new Date(v.trim());
  return Number.isNaN(d.getTime()) ? undefined : d;
}

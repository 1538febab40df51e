/** Short human durations and clock times for the terminal. */
import type { Locale } from 'date-fns';
import { formatInZone, sameDayInZone, systemTimeZone } from '../zone.js';
import { durationMs } from '../playbook/duration.js';

/** `1 h 05 min`, `25 min`, `2 d 3 h` (`days` is the day symbol: `j` in French). */
export function shortDuration(ms: number, days = 'd'): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d) return `${d} ${days} ${h} h`;
  return m ? `${h} h ${String(m).padStart(2, '0')} min` : `${h} h`;
}

/**
 * `09:35` in the incident's zone, with the day when it is not the same day
 * there as `reference` (month names in `locale`, default English).
 */
export function clock(date: Date, reference: Date, locale?: Locale, zone: string = systemTimeZone()): string {
  return sameDayInZone(date, reference, zone) ? formatInZone(date, 'HH:mm', zone) : formatInZone(date, 'd MMM HH:mm', zone, locale);
}

/** `every hour`, `every 30 min`, `toutes les heures`, `toutes les 1 h 30 min`: a cadence (`1h`, `30m`) in words. */
export function everyText(cadence: string, w: { everyHour: string; everyDuration: string; days: string }): string {
  const ms = durationMs(cadence);
  if (ms === undefined) return w.everyDuration.replace('{}', cadence);
  return ms === 3_600_000 ? w.everyHour : w.everyDuration.replace('{}', shortDuration(ms, w.days));
}

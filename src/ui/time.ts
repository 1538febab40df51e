/** Clock times for the terminal (durations in words: playbook/duration.ts). */
import type { Locale } from 'date-fns';
import { formatInZone, sameDayInZone, systemTimeZone } from '../zone.js';

/**
 * `09:35` in the incident's zone, with the day when it is not the same day
 * there as `reference` (month names in `locale`, default English).
 */
export function clock(date: Date, reference: Date, locale?: Locale, zone: string = systemTimeZone()): string {
  return sameDayInZone(date, reference, zone) ? formatInZone(date, 'HH:mm', zone) : formatInZone(date, 'd MMM HH:mm', zone, locale);
}

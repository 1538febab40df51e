/**
 * Times on the public page, in the incident's zone whatever the zone of the
 * machine building it: ISO 8601 with the zone's offset for summary.json and
 * the feed, words for the page (src/zone.ts does the zone arithmetic).
 */
import { catalogueFor } from '../i18n/index.js';
import { formatInZone } from '../zone.js';

export { isoInZone, isTimeZone, zoneLabel, zoneOffset } from '../zone.js';

/** `21 Nov 2026, 09:29` (`21 nov. 2026, 09:29` in French), in the zone. */
export function dateTimeWords(iso: string, lang: string, timeZone: string): string {
  return formatInZone(iso, 'd MMM yyyy, HH:mm', timeZone, catalogueFor(lang).dateLocale);
}

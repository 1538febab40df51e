/** Times in a zone: one module, date-fns and @date-fns/tz doing the arithmetic, whatever the machine's zone. */
import { describe, expect, it } from 'vitest';
import { UserError, type Said } from '../../src/errors.js';
import { parseDate } from '../../src/incident/dates.js';
import { clock } from '../../src/ui/time.js';
import { formatInZone, isoInZone, isTimeZone, pickTimeZone, sameDayInZone, zoneLabel } from '../../src/zone.js';

const fail = (message: Said): never => {
  throw new UserError(message);
};

describe('zone', () => {
  it('writes ISO 8601 with the offset of the zone at that instant, summer and winter', () => {
    expect(isoInZone('2026-11-21T08:05:00.000Z', 'Europe/Paris')).toBe('2026-11-21T09:05:00+01:00');
    expect(isoInZone('2026-07-01T08:05:00Z', 'Europe/Paris')).toBe('2026-07-01T10:05:00+02:00');
    expect(isoInZone('2026-11-21T08:05:00Z', 'UTC')).toBe('2026-11-21T08:05:00+00:00');
    expect(isoInZone('2026-11-21T08:05:00Z', 'Asia/Kolkata')).toBe('2026-11-21T13:35:00+05:30');
    expect(zoneLabel('Europe/Paris', new Date('2026-11-21T08:05:00Z'))).toBe('Europe/Paris, UTC+01:00');
  });

  it('names the day by the zone, not by the machine', () => {
    // 23:30 in New York is already the next day in Paris
    expect(sameDayInZone('2026-11-21T04:30:00Z', '2026-11-21T22:00:00Z', 'Europe/Paris')).toBe(true);
    expect(sameDayInZone('2026-11-21T04:30:00Z', '2026-11-21T23:30:00Z', 'Europe/Paris')).toBe(false);
    expect(clock(new Date('2026-11-21T23:30:00Z'), new Date('2026-11-21T22:00:00Z'), undefined, 'Europe/Paris')).toBe('22 Nov 00:30');
    expect(clock(new Date('2026-11-21T08:05:00Z'), new Date('2026-11-21T09:00:00Z'), undefined, 'America/New_York')).toBe('03:05');
    expect(formatInZone('2026-11-21T08:05:00Z', 'HH:mm', 'Europe/Paris')).toBe('09:05');
  });

  it('picks --tz, then CRISIS_TZ, then config.yaml, and names where a bad zone came from', () => {
    expect(pickTimeZone({ flag: 'Europe/Paris', env: 'Asia/Tokyo', config: 'UTC' }, fail)).toBe('Europe/Paris');
    expect(pickTimeZone({ env: 'Asia/Tokyo', config: 'UTC' }, fail)).toBe('Asia/Tokyo');
    expect(pickTimeZone({ env: '', config: 'europe/paris' }, fail)).toBe('Europe/Paris');
    expect(() => pickTimeZone({ env: 'Paris' }, fail)).toThrow('CRISIS_TZ: "Paris" is not a time zone');
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('reads a time typed without an offset as the zone’s wall clock', () => {
    expect(parseDate('2026-11-21T09:05', 'Europe/Paris')?.toISOString()).toBe('2026-11-21T08:05:00.000Z');
    expect(parseDate('2026-11-21 09:05:30', 'America/New_York')?.toISOString()).toBe('2026-11-21T14:05:30.000Z');
    // an offset given wins over the zone
    expect(parseDate('2026-11-21T09:05:00+01:00', 'America/New_York')?.toISOString()).toBe('2026-11-21T08:05:00.000Z');
    expect(parseDate('2026-02-30T09:05', 'Europe/Paris')).toBeUndefined();
  });

  it('reads a bare time as that time today in the zone, and a bare date as its midnight there', () => {
    // 20:30 in New York on the 21st is already the 22nd in Paris
    const now = new Date('2026-11-22T01:30:00Z');
    expect(parseDate('09:05', 'Europe/Paris', now)?.toISOString()).toBe('2026-11-22T08:05:00.000Z');
    expect(parseDate('9:05', 'America/New_York', now)?.toISOString()).toBe('2026-11-21T14:05:00.000Z');
    expect(parseDate('2026-11-21', 'Europe/Paris')?.toISOString()).toBe('2026-11-20T23:00:00.000Z');
    for (const bad of ['24:00', '09:60', '9h05', '09:05:99']) expect(parseDate(bad, 'Europe/Paris', now), bad).toBeUndefined();
    // no day to take it on: refused rather than guessed
    expect(parseDate('09:05', 'Europe/Paris')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { cadenceInWords, durationInWords, durationMs, formatMinutes, parseDuration } from '../../src/playbook/duration.js';

describe('parseDuration', () => {
  it.each([
    ['15m', 15],
    ['1h', 60],
    ['1h30m', 90],
    ['90m', 90],
    ['2h', 120],
    ['1d', 1440],
    ['1d2h5m', 1565],
  ])('%s is %i minutes', (text, minutes) => {
    expect(parseDuration(text)).toBe(minutes);
  });

  it.each(['', '0m', '2 hours', '1.5h', '30', 'h', '1m1h', '-5m', '15M', ' 15m', '1h 30m', '99999999999999999999d'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('gives milliseconds for date arithmetic', () => {
    expect(durationMs('1h30m')).toBe(90 * 60_000);
    expect(durationMs('soon')).toBeUndefined();
  });
});

describe('formatMinutes', () => {
  it.each([
    [90, '1h30m'],
    [60, '1h'],
    [0, '0m'],
    [1440 + 5, '1d5m'],
    [-45, '-45m'],
  ])('%i minutes read %s', (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text);
  });

  it('round-trips with parseDuration', () => {
    for (const m of [1, 15, 59, 61, 90, 1439, 1441, 3000]) expect(parseDuration(formatMinutes(m))).toBe(m);
  });
});

describe('durationInWords: the one way a person reads a duration', () => {
  it.each([
    [25, 'en', '25 min'],
    [65, 'en', '1 h 05 min'],
    [120, 'en', '2 h'],
    [1500, 'en', '1 d 1 h'],
    [1500, 'fr', '1 j 1 h'],
    [26 * 60 + 5, 'fr-CA', '1 j 2 h 05 min'],
    [3 * 1440 + 7, 'en', '3 d 7 min'],
    [0.2, 'en', '< 1 min'],
    [0, 'fr', '0 min'],
    [-5, 'en', '-5 min'],
    [89.6, 'de', '1 h 30 min'],
  ])('%f minutes in %s read %s', (minutes, lang, text) => {
    expect(durationInWords(minutes, lang)).toBe(text);
  });

  it('says a cadence in words', () => {
    expect(cadenceInWords('1h', 'en')).toBe('every hour');
    expect(cadenceInWords('60m', 'en')).toBe('every hour');
    expect(cadenceInWords('30m', 'en')).toBe('every 30 min');
    expect(cadenceInWords('1h', 'fr')).toBe('toutes les heures');
    expect(cadenceInWords('2h', 'fr')).toBe('toutes les 2 h');
    expect(cadenceInWords('1h30m', 'fr')).toBe('toutes les 1 h 30 min');
  });
});

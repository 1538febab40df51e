import { describe, expect, it } from 'vitest';
import { durationMs, formatMinutes, parseDuration } from '../../src/playbook/duration.js';

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

/**
 * Durations: the playbook's compact form (`15m`, `1h30m`), read and written,
 * and the one way a duration is put in words for a person (terminal, report,
 * status page, `crisis show`).
 */
import { catalogueFor, fill } from '../i18n/index.js';

const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;

/** Parses `15m`, `1h30m`, `90m`, `2h`, `1d` into minutes; undefined when malformed or zero. */
export function parseDuration(text: string): number | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const [, d, h, min] = m;
  const minutes = Number(d ?? 0) * 1440 + Number(h ?? 0) * 60 + Number(min ?? 0);
  return minutes > 0 && Number.isSafeInteger(minutes) ? minutes : undefined;
}

/** Minutes in milliseconds, for date arithmetic. */
export function durationMs(text: string): number | undefined {
  const minutes = parseDuration(text);
  return minutes === undefined ? undefined : minutes * 60_000;
}

/** `90` -> `1h30m`: the compact form used in the playbook format. */
export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  let rest = Math.round(Math.abs(minutes));
  const d = Math.floor(rest / 1440);
  rest -= d * 1440;
  const h = Math.floor(rest / 60);
  const m = rest - h * 60;
  const parts = [d ? `${d}d` : '', h ? `${h}h` : '', m || (!d && !h) ? `${m}m` : ''];
  return sign + parts.join('');
}

/**
 * A duration in words, rounded to the minute: `25 min`, `1 h 05 min`, `2 h`,
 * `1 d 3 h 20 min` (the day unit from the language's catalogue: `j` in
 * French), `< 1 min` below half a minute, a minus sign when negative.
 */
export function durationInWords(minutes: number, lang: string): string {
  const total = Math.round(Math.abs(minutes));
  const sign = minutes < 0 && total > 0 ? '-' : '';
  if (total === 0) return Math.abs(minutes) > 0 ? '< 1 min' : '0 min';
  const d = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  const parts: string[] = [];
  if (d) parts.push(`${d} ${catalogueFor(lang).report.dayUnit}`);
  if (h) parts.push(`${h} h`);
  if (m) parts.push(`${h ? String(m).padStart(2, '0') : m} min`);
  return sign + parts.join(' ');
}

/** A cadence (`1h`, `30m`) in words: `every hour`, `every 30 min`, `toutes les 2 h`; a malformed one as written. */
export function cadenceInWords(cadence: string, lang: string): string {
  const w = catalogueFor(lang).ui;
  const minutes = parseDuration(cadence);
  if (minutes === 60) return w.everyHour;
  return fill(w.everyDuration, minutes === undefined ? cadence : durationInWords(minutes, lang));
}

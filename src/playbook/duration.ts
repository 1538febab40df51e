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

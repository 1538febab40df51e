/**
 * Webhook URLs and SMTP passwords are secrets: whoever has a Slack or Teams
 * webhook URL can post to the team's channel. They are shown masked (the
 * host only), and every text that may quote them (an error from the network
 * or the mail server) goes through `redact` before it is printed or logged.
 */
import { statSync } from 'node:fs';
import type { NotifyConfig, Say, SmtpConfig } from './config.js';

const MASK = '•••';

/** `https://hooks.slack.com/•••`: a webhook URL with everything but its host hidden. */
export function maskUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.protocol === 'smtp:' || url.protocol === 'smtps:') {
      const user = url.username ? `${decodeURIComponent(url.username)}${url.password ? `:${MASK}` : ''}@` : '';
      return `${url.protocol}//${user}${url.host}`;
    }
    return `${url.protocol}//${url.host}/${MASK}`;
  } catch {
    return MASK;
  }
}

/** Every secret string the settings hold, longest first (parts included, so a quoted fragment is caught too). */
export function secretsOf(config: NotifyConfig | undefined, smtp: Partial<SmtpConfig> | undefined): string[] {
  const secrets = new Set<string>();
  const add = (s: string | undefined) => {
    if (s && s.length >= 6) secrets.add(s);
  };
  for (const d of config?.destinations ?? []) {
    // an address is no secret; nor is `$NAME` before it is resolved
    if (d.kind === 'email' || (d.env && d.target.startsWith('$'))) continue;
    add(d.target);
    try {
      const url = new URL(d.target);
      add(url.href);
      add(`${url.pathname}${url.search}`);
      // the path without its first part (/services/T000/B000/XXXX -> T000/B000/XXXX) and the query's values
      for (const part of url.pathname.split('/')) add(part.length >= 12 ? part : undefined);
      for (const value of url.searchParams.values()) add(value);
    } catch {
      // a malformed URL was refused when config.yaml was read
    }
  }
  for (const s of [config?.smtp, smtp]) {
    if (!s?.url) continue;
    add(s.url);
    try {
      const url = new URL(s.url);
      if (url.password) {
        secrets.add(url.password);
        secrets.add(decodeURIComponent(url.password));
      }
    } catch {
      // refused when read
    }
  }
  return [...secrets].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}

/** `text` with every secret replaced by a mask. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!out.includes(secret)) continue;
    const masked = /^[a-z]+:\/\//i.test(secret) ? maskUrl(secret) : MASK;
    out = out.split(secret).join(masked);
  }
  return out;
}

/**
 * A warning when `file` holds secrets and other users of the machine can read
 * it; undefined otherwise (and on systems without Unix permissions).
 */
export function readableByOthers(file: string, config: NotifyConfig | undefined): Say | undefined {
  const holdsSecrets = (config?.destinations ?? []).some((d) => d.kind !== 'email' && !d.env) || Boolean(config?.smtp?.url && new URL(config.smtp.url).password);
  if (!holdsSecrets || process.platform === 'win32') return undefined;
  try {
    const mode = statSync(file).mode;
    if ((mode & 0o044) === 0) return undefined;
    return (w) => w.readableByOthers(file);
  } catch {
    return undefined;
  }
}

/**
 * The `notify:` and `smtp:` sections of `config.yaml`: who hears of an
 * incident, and how.
 *
 *     notify:
 *       lead:       { slack: "https://hooks.slack.com/...", email: lead@acme.example }
 *       community:  { teams: "https://...", discord: "https://discord.com/api/webhooks/..." }
 *       management: { webhook: "https://...", email: [ceo@acme.example, cfo@acme.example] }
 *     smtp: { url: "smtps://user:pass@mail.acme.example", from: "Acme crisis <crisis@acme.example>" }
 *
 * `CRISIS_SMTP_URL` replaces `smtp.url`. Webhook URLs and the SMTP password
 * are secrets (see secrets.ts): a destination is named in the log and on
 * screen by its key (`lead.slack#1a2b3c4d`), never by its URL.
 */
import { createHash } from 'node:crypto';
import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { isEmail } from '../playbook/formats.js';
import type { AuthoringWords } from '../playbook/words.js';

/** The words of config.yaml's problems. */
type ConfigWords = AuthoringWords['config'];
/** A problem in words, said in the language of whoever reads it (the environment's). */
export type Say = (w: ConfigWords) => string;

/** The kinds of destination a role may have. */
export const DESTINATION_KINDS = ['slack', 'teams', 'discord', 'webhook', 'email'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

/** One place a notification goes to. */
export interface Destination {
  role: string;
  kind: DestinationKind;
  /** The webhook URL (a secret) or the e-mail address. */
  target: string;
  /**
   * Stable name, safe to print and to log: `lead.email:ceo@acme.example`, or
   * for a webhook `lead.slack#` and 8 hex digits of the URL's hash.
   */
  key: string;
  /** Where it is written in config.yaml (1-based), for messages. */
  line?: number;
  /**
   * The environment variable that holds the URL, when config.yaml names one
   * (`slack: $CRISIS_SLACK_LEAD`) instead of the URL, so that a config.yaml
   * kept in a shared repository holds no secret. `target` is then the
   * variable's value once resolved (see resolveEnv).
   */
  env?: string;
}

export interface SmtpConfig {
  /** `smtp://` or `smtps://` URL, user and password included (a secret). */
  url: string;
  /** The From of every e-mail; default `crisis@<host of the URL>`. */
  from?: string;
  line?: number;
}

/** What `config.yaml` says about notifications. */
export interface NotifyConfig {
  destinations: Destination[];
  /** As written: the URL may be left to CRISIS_SMTP_URL. */
  smtp?: Partial<SmtpConfig>;
  /** Role id -> line of its entry, to name it in messages about unknown roles. */
  roleLines: Record<string, number>;
}

/** A problem at a node of config.yaml. */
export type Report = (node: Node | null | undefined, say: Say) => void;

/** The key of a destination: see Destination.key. */
export function destinationKey(role: string, kind: DestinationKind, target: string): string {
  if (kind === 'email') return `${role}.email:${target}`;
  return `${role}.${kind}#${createHash('sha256').update(target).digest('hex').slice(0, 8)}`;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Why `text` is not a URL of one kind, or undefined when it is one: the
 * words for what is not a URL at all, then the kind's own rules.
 */
function urlProblem(text: string, notAUrl: Say, rules: (url: URL) => Say | undefined): Say | undefined {
  return URL.canParse(text) ? rules(new URL(text)) : notAUrl;
}

/** Why `text` is not a webhook URL this kind accepts, or undefined when it is one. */
export function webhookProblem(text: string): Say | undefined {
  return urlProblem(text, (w) => w.webhookNotUrl, (url) => {
    if (/\s/.test(text)) return (w) => w.webhookSpace;
    if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) return (w) => w.webhookHttp;
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return (w) => w.webhookScheme(url.protocol);
    if (url.username || url.password) return (w) => w.webhookCredentials;
    return undefined;
  });
}

/** Why `text` is not an SMTP URL, or undefined when it is one. */
export function smtpUrlProblem(text: string): Say | undefined {
  return urlProblem(text, (w) => w.smtpNotUrl, (url) => {
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') return (w) => w.smtpScheme(url.protocol);
    if (!url.hostname) return (w) => w.smtpNoServer;
    if (url.port && !/^\d+$/.test(url.port)) return (w) => w.smtpPort;
    return undefined;
  });
}

/** `$NAME` or `${NAME}`: a value read from the environment. */
const ENV_REFERENCE = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/;

const scalarText = (node: Node | null | undefined): string | undefined =>
  isScalar(node) && node.value !== null && typeof node.value !== 'object' ? String(node.value).trim() : undefined;

/**
 * Reads `notify:` and `smtp:` from a parsed config.yaml; each problem goes to
 * `report` at its node (which may throw, as config.yaml's reader does). `line`
 * turns a node into its line number.
 */
export function parseNotifyConfig(doc: Document, report: Report, line: (node: Node | null | undefined) => number | undefined): NotifyConfig | undefined {
  const notify = doc.get('notify', true) as Node | null | undefined;
  const smtpNode = doc.get('smtp', true) as Node | null | undefined;
  const empty = (n: Node | null | undefined) => n === undefined || n === null || (isScalar(n) && n.value === null);
  if (empty(notify) && empty(smtpNode)) return undefined;
  const config: NotifyConfig = { destinations: [], roleLines: {} };
  if (!empty(notify)) {
    if (!isMap(notify)) {
      report(notify, (w) => w.notifyMap);
    } else {
      for (const pair of notify.items) {
        const keyNode = pair.key as Node | null;
        const role = scalarText(keyNode) ?? '';
        const roleLine = line(keyNode);
        if (roleLine !== undefined) config.roleLines[role] = roleLine;
        readRole(role, pair.value as Node | null, keyNode, config, report, line);
      }
    }
  }
  if (!empty(smtpNode)) {
    const smtp = readSmtp(smtpNode as Node, report, line);
    if (smtp) config.smtp = smtp;
  }
  return config;
}

function readRole(role: string, value: Node | null, keyNode: Node | null, config: NotifyConfig, report: Report, line: (node: Node | null | undefined) => number | undefined): void {
  if (!/^[a-z][a-z0-9_-]*$/.test(role)) {
    report(keyNode, (w) => w.notARoleId(role));
    return;
  }
  if (!isMap(value)) {
    report(value ?? keyNode, (w) => w.roleMap(role));
    return;
  }
  for (const pair of value.items) {
    const kindNode = pair.key as Node | null;
    const kind = scalarText(kindNode) ?? '';
    if (!(DESTINATION_KINDS as readonly string[]).includes(kind)) {
      report(kindNode, (w) => w.unknownDestination(kind, role, DESTINATION_KINDS.join(', ')));
      continue;
    }
    const items = isSeq(pair.value) ? (pair.value.items as Array<Node | null>) : [pair.value as Node | null];
    const where = `notify.${role}.${kind}`;
    if (items.length === 0) report((pair.value as Node | null) ?? kindNode, (w) => w.empty(where));
    for (const item of items) {
      const text = scalarText(item);
      if (text === undefined || text === '') {
        report(item ?? kindNode, (w) => (kind === 'email' ? w.emails(where) : w.webhookQuoted(where)));
        continue;
      }
      const reference = kind === 'email' ? null : ENV_REFERENCE.exec(text);
      const problem: Say | undefined = reference ? undefined : kind === 'email' ? (isEmail(text) ? undefined : (w) => w.notEmail) : webhookProblem(text);
      // the value itself is not repeated: a webhook URL is a secret
      if (problem) {
        report(item, (w) => w.is(where, problem(w)));
        continue;
      }
      const at = line(item);
      const key = destinationKey(role, kind as DestinationKind, text);
      if (config.destinations.some((d) => d.key === key)) {
        report(item, (w) => w.twice(where));
        continue;
      }
      const env = reference ? (reference[1] ?? reference[2]) : undefined;
      config.destinations.push({ role, kind: kind as DestinationKind, target: text, key, ...(at !== undefined ? { line: at } : {}), ...(env ? { env } : {}) });
    }
  }
}

function readSmtp(node: Node, report: Report, line: (node: Node | null | undefined) => number | undefined): Partial<SmtpConfig> | undefined {
  let urlNode: Node | null | undefined = node;
  let fromNode: Node | null | undefined;
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = scalarText(pair.key as Node | null);
      if (key !== 'url' && key !== 'from') report(pair.key as Node | null, (w) => w.smtpUnknownKey(key ?? ''));
    }
    urlNode = node.get('url', true) as Node | null | undefined;
    fromNode = node.get('from', true) as Node | null | undefined;
  }
  const url = scalarText(urlNode);
  const smtp: Partial<SmtpConfig> = {};
  if (url === undefined || url === '') {
    // the URL, password included, may stay out of the file: CRISIS_SMTP_URL
    if (!isMap(node) || urlNode !== undefined) {
      report(urlNode ?? node, (w) => w.smtpMissing);
      return undefined;
    }
  } else {
    const problem = smtpUrlProblem(url);
    if (problem) {
      report(urlNode, (w) => w.is('smtp.url', problem(w)));
      return undefined;
    }
    smtp.url = url;
  }
  const at = line(urlNode ?? node);
  if (at !== undefined) smtp.line = at;
  if (fromNode !== undefined && fromNode !== null) {
    const from = scalarText(fromNode);
    const address = from?.match(/<([^>]+)>\s*$/)?.[1] ?? from;
    if (!from || !address || !isEmail(address)) report(fromNode, (w) => w.smtpFrom);
    else smtp.from = from;
  }
  return smtp;
}

/**
 * The SMTP settings in force: `CRISIS_SMTP_URL` replaces `smtp.url`. A
 * malformed variable is an error naming the variable (never its value).
 */
export function smtpInForce(config: NotifyConfig | undefined, env: Record<string, string | undefined>): SmtpConfig | undefined | { error: Say } {
  const fromEnv = env.CRISIS_SMTP_URL?.trim();
  if (fromEnv) {
    const problem = smtpUrlProblem(fromEnv);
    if (problem) return { error: (w) => w.is('CRISIS_SMTP_URL', problem(w)) };
    return { ...config?.smtp, url: fromEnv };
  }
  const url = config?.smtp?.url;
  return url ? { ...config.smtp, url } : undefined;
}

/**
 * `config` with each `$NAME` destination replaced by the variable's URL.
 * A variable unset leaves its destination out (a warning); one that is not a
 * webhook URL is a problem naming the variable, never its value.
 */
export function resolveEnv(config: NotifyConfig, env: Record<string, string | undefined>): { config: NotifyConfig; warnings: Say[]; errors: Say[] } {
  const warnings: Say[] = [];
  const errors: Say[] = [];
  const destinations: Destination[] = [];
  for (const d of config.destinations) {
    if (!d.env) {
      destinations.push(d);
      continue;
    }
    const value = env[d.env]?.trim();
    const name = d.env;
    const where = (w: ConfigWords) => (d.line !== undefined ? w.atLine(`notify.${d.role}.${d.kind}`, d.line) : `notify.${d.role}.${d.kind}`);
    if (!value) {
      warnings.push((w) => w.envUnset(where(w), name, d.role, d.kind));
      continue;
    }
    const problem = webhookProblem(value);
    if (problem) {
      errors.push((w) => w.envBad(name, where(w), problem(w)));
      continue;
    }
    destinations.push({ ...d, target: value });
  }
  return { config: { ...config, destinations }, warnings, errors };
}

/** The roles of `config` that are none of `known`, each with its line. */
export function unknownRoles(config: NotifyConfig, known: ReadonlySet<string>): Array<{ role: string; line?: number }> {
  const roles = [...new Set(config.destinations.map((d) => d.role)), ...Object.keys(config.roleLines)];
  return [...new Set(roles)].filter((r) => !known.has(r)).map((role) => ({ role, ...(config.roleLines[role] !== undefined ? { line: config.roleLines[role] } : {}) }));
}

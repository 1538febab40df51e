/**
 * The channel catalogue: every place a message can be pasted, with the limit
 * that place enforces. A playbook may override a built-in channel (label,
 * limit, SMS segments, e-mail subject) or declare its own under `channels:`.
 */
import type { ChannelSettings, Playbook } from '../playbook/schema.js';
import { catalogueFor } from '../i18n/index.js';

/** How a channel's length is counted. */
export type LengthUnit = 'characters' | 'weighted' | 'segments';

/** One channel as the renderer and the checks see it, overrides applied. */
export interface ChannelSpec {
  id: string;
  /** Human name in the playbook's language. */
  label: string;
  unit: LengthUnit;
  /** Characters, weighted characters (X) or SMS segments, depending on `unit`. */
  limit: number;
  /** Set for channels whose template is `{ subject, body }` (e-mail). */
  subjectLimit?: number;
}

interface CatalogueEntry {
  /** A brand's own name, the same in every language; the other channels are named by the language catalogue. */
  brand?: string;
  /** A shorter name for tables (the report), when the label explains more than it names. */
  short?: string;
  unit: LengthUnit;
  limit: number;
  subjectLimit?: number;
}

/** Default number of SMS parts a message may use. */
export const DEFAULT_SMS_SEGMENTS = 2;

/**
 * E-mail bodies have no hard limit; this one only catches a template gone
 * wrong (Gmail clips messages past about 100 kB).
 */
export const EMAIL_BODY_LIMIT = 100_000;

/** The key of a message's fallback template; never a channel. */
export const DEFAULT_TEMPLATE_KEY = 'default';

const CATALOGUE: Readonly<Record<string, CatalogueEntry>> = {
  x: { brand: 'X (Twitter)', short: 'X', unit: 'weighted', limit: 280 },
  threads: { brand: 'Threads', unit: 'characters', limit: 500 },
  instagram: { brand: 'Instagram', unit: 'characters', limit: 2200 },
  linkedin: { brand: 'LinkedIn', unit: 'characters', limit: 3000 },
  facebook: { brand: 'Facebook', unit: 'characters', limit: 63206 },
  whatsapp: { brand: 'WhatsApp', unit: 'characters', limit: 4096 },
  whatsapp_status: { unit: 'characters', limit: 700 },
  sms: { unit: 'segments', limit: DEFAULT_SMS_SEGMENTS },
  email: { unit: 'characters', limit: EMAIL_BODY_LIMIT, subjectLimit: 78 },
  website: { unit: 'characters', limit: 300 },
  status_page: { unit: 'characters', limit: 2000 },
};

/** Ids of the built-in channels, in catalogue order. */
export const CATALOGUE_CHANNEL_IDS: readonly string[] = Object.keys(CATALOGUE);

/** True for a built-in channel id. */
export function isCatalogueChannel(id: string): boolean {
  return Object.hasOwn(CATALOGUE, id);
}

/** A built-in channel's label in a language: its brand, else the catalogue of words' name for it. */
function labelIn(id: string, lang: string | undefined): string {
  const brand = Object.hasOwn(CATALOGUE, id) ? CATALOGUE[id]?.brand : undefined;
  if (brand) return brand;
  const names: Readonly<Record<string, string>> = catalogueFor(lang).channels;
  return (Object.hasOwn(names, id) ? names[id] : undefined) ?? id;
}

/**
 * A channel's name where a short one reads best (the report's tables and
 * sentences): the label the playbook gives it, else the catalogue's short
 * name or label in `lang`, else the id made readable ("status_page" ->
 * "Status page").
 */
export function channelName(id: string, lang: string, overrides?: Readonly<Record<string, { label?: string | undefined }>>): string {
  const label = overrides && Object.hasOwn(overrides, id) ? overrides[id]?.label : undefined;
  if (label) return label;
  const entry = Object.hasOwn(CATALOGUE, id) ? CATALOGUE[id] : undefined;
  if (entry) return entry.short ?? labelIn(id, lang);
  return id.charAt(0).toUpperCase() + id.slice(1).replace(/[_-]+/g, ' ');
}

function settingsFor(id: string, playbook: Playbook | undefined): ChannelSettings | undefined {
  const channels = playbook?.channels;
  return channels && Object.hasOwn(channels, id) ? channels[id] : undefined;
}

/**
 * The channel `id` with the playbook's overrides applied, or undefined when
 * the id is neither built in nor declared (with a `limit`) by the playbook.
 * For SMS the limit is `max_segments` (a `limit` there is ignored: SMS is
 * counted in segments, not characters).
 */
export function resolveChannel(id: string, playbook?: Playbook): ChannelSpec | undefined {
  if (id === DEFAULT_TEMPLATE_KEY) return undefined;
  const settings = settingsFor(id, playbook);
  const entry = Object.hasOwn(CATALOGUE, id) ? CATALOGUE[id] : undefined;
  if (entry) {
    const limit = entry.unit === 'segments' ? (settings?.max_segments ?? entry.limit) : (settings?.limit ?? entry.limit);
    const spec: ChannelSpec = { id, label: settings?.label ?? labelIn(id, playbook?.lang), unit: entry.unit, limit };
    const subjectLimit = settings?.subject_limit ?? entry.subjectLimit;
    if (subjectLimit !== undefined) spec.subjectLimit = subjectLimit;
    return spec;
  }
  if (settings?.limit === undefined) return undefined;
  const spec: ChannelSpec = { id, label: settings.label ?? id, unit: 'characters', limit: settings.limit };
  if (settings.subject_limit !== undefined) spec.subjectLimit = settings.subject_limit;
  return spec;
}

/** Every channel id a playbook may use: the catalogue's, then its own declared ones. */
export function knownChannelIds(playbook?: Playbook): string[] {
  const own = Object.keys(playbook?.channels ?? {}).filter(
    (id) => !isCatalogueChannel(id) && resolveChannel(id, playbook) !== undefined,
  );
  return [...CATALOGUE_CHANNEL_IDS, ...own];
}

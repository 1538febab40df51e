/**
 * The page's machine-readable files: `summary.json` in the shape of
 * Atlassian Statuspage's public summary, and `feed.atom` (Atom 1.0, one
 * entry per update, ids derived from the log so they never change).
 */
import { createHash } from 'node:crypto';
import type { PageIncident, PageModel } from './model.js';
import { isoInZone } from './time.js';
import { catalogueFor } from '../i18n/index.js';

/** summary.json's document, as the spec gives it. */
export interface StatusSummary {
  page: { name: string; url: string | null; time_zone: string; updated_at: string };
  status: { indicator: PageModel['indicator']; description: string };
  components: Array<{ id: string; name: string; status: PageModel['components'][number]['status']; updated_at: string }>;
  incidents: Array<{
    id: string;
    name: string;
    status: PageIncident['status'];
    impact: PageIncident['impact'];
    created_at: string;
    updated_at: string;
    resolved_at: string | null;
    incident_updates: Array<{ id: string; status: PageIncident['status']; body: string; created_at: string }>;
  }>;
}

/** The incidents a page lists: the open one, then the resolved ones. */
function incidentsOf(model: PageModel): PageIncident[] {
  return [...(model.active ? [model.active] : []), ...model.history];
}

/** summary.json's content, times in the incident's zone. */
export function statusSummary(model: PageModel, timeZone: string): StatusSummary {
  const t = (iso: string) => isoInZone(iso, timeZone);
  const words = catalogueFor(model.lang).page;
  return {
    page: { name: model.name, url: model.url, time_zone: timeZone, updated_at: t(model.updatedAt) },
    status: { indicator: model.indicator, description: words.indicator[model.indicator] },
    components: model.components.map((c) => ({ id: c.id, name: c.name, status: c.status, updated_at: t(c.updatedAt) })),
    incidents: incidentsOf(model).map((i) => ({
      id: i.id,
      name: i.name,
      status: i.status,
      impact: i.impact,
      created_at: t(i.createdAt),
      updated_at: t(i.updatedAt),
      resolved_at: i.resolvedAt === null ? null : t(i.resolvedAt),
      incident_updates: i.updates.map((u) => ({ id: u.id, status: u.status, body: u.body, created_at: t(u.at) })),
    })),
  };
}

/** A name-based UUID (version 5 layout, SHA-1) under crisis's own namespace: the same text always gives the same id. */
export function stableUuid(text: string): string {
  const hex = createHash('sha1').update(`crisis-status-page\u0000${text}`).digest('hex');
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/** Text for XML content and attributes. Characters XML 1.0 forbids (most controls) are dropped. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** feed.atom: one entry per update, newest first. */
export function atomFeed(model: PageModel, timeZone: string): string {
  const t = (iso: string) => isoInZone(iso, timeZone);
  const words = catalogueFor(model.lang).page;
  const link = model.url ? `  <link rel="alternate" type="text/html" href="${xmlEscape(model.url)}"/>\n` : '';
  const entries = incidentsOf(model)
    .flatMap((incident) => incident.updates.map((update) => ({ incident, update })))
    .sort((a, b) => Date.parse(b.update.at) - Date.parse(a.update.at) || b.update.id.localeCompare(a.update.id))
    .map(
      ({ incident, update }) =>
        `  <entry>\n` +
        `    <id>${stableUuid(`update\u0000${update.id}`)}</id>\n` +
        `    <title>${xmlEscape(`${incident.name} (${words.phase[update.status]})`)}</title>\n` +
        `    <updated>${t(update.at)}</updated>\n` +
        `    <content type="text">${xmlEscape(update.body)}</content>\n` +
        `  </entry>\n`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n` +
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlEscape(model.lang)}">\n` +
    `  <id>${stableUuid(`feed\u0000${model.name}\u0000${model.url ?? ''}`)}</id>\n` +
    `  <title>${xmlEscape(words.title(model.name))}</title>\n` +
    `  <updated>${t(model.updatedAt)}</updated>\n` +
    `  <author><name>${xmlEscape(model.name)}</name></author>\n` +
    link +
    entries +
    `</feed>\n`
  );
}

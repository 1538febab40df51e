/**
 * The view an HTML page template receives: the page model with every time
 * put in words in the incident's language and zone, and the page's words.
 * Templates get plain values; Handlebars escapes them (see renderHtml).
 */
import type { ComponentStatus, PageIncident, PageModel } from './model.js';
import { HISTORY_DAYS } from './model.js';
import { dateTimeWords, isoInZone, zoneLabel } from './time.js';
import { durationInWords } from '../playbook/duration.js';
import { catalogueFor } from '../i18n/index.js';

/** A time for `<time datetime="{{iso}}">{{text}}</time>`. */
export interface TimeView {
  iso: string;
  text: string;
}

export interface UpdateView {
  id: string;
  status: string;
  time: TimeView;
  body: string;
}

export interface IncidentView {
  id: string;
  name: string;
  status: string;
  started: TimeView;
  resolved: TimeView | null;
  duration: string | null;
  updates: UpdateView[];
}

export interface PageView {
  lang: string;
  title: string;
  name: string;
  url: string | null;
  indicator: PageModel['indicator'];
  summary: string;
  components: Array<{ id: string; name: string; status: ComponentStatus; statusText: string; working: boolean }>;
  active: (IncidentView & { latest: UpdateView | null; nextUpdate: TimeView | null }) | null;
  history: IncidentView[];
  zone: string;
  updated: TimeView;
  words: {
    channels: string;
    currentMessage: string;
    updates: string;
    noUpdates: string;
    nextUpdate: string;
    colon: string;
    started: string;
    resolvedAt: string;
    duration: string;
    pastIncidents: string;
    noPastIncidents: string;
    timeZone: string;
    lastUpdated: string;
    feed: string;
    allGood: string;
  };
}

/** The template's view of a page model, in `timeZone`. */
export function pageView(model: PageModel, timeZone: string): PageView {
  const catalogue = catalogueFor(model.lang);
  const words = catalogue.page;
  const time = (iso: string): TimeView => ({ iso: isoInZone(iso, timeZone), text: dateTimeWords(iso, model.lang, timeZone) });
  const update = (u: PageIncident['updates'][number]): UpdateView => ({ id: u.id, status: words.phase[u.status], time: time(u.at), body: u.body });
  const incident = (i: PageIncident): IncidentView => ({
    id: i.id,
    name: i.name,
    status: words.phase[i.status],
    started: time(i.createdAt),
    resolved: i.resolvedAt === null ? null : time(i.resolvedAt),
    duration: i.resolvedAt === null ? null : durationInWords((Date.parse(i.resolvedAt) - Date.parse(i.createdAt)) / 60_000, model.lang),
    updates: i.updates.map(update),
  });
  const active = model.active
    ? {
        ...incident(model.active),
        latest: model.active.updates[0]
          ? update(model.active.updates[0])
          : model.elsewhere
            ? { id: '', status: '', time: time(model.elsewhere.at), body: model.elsewhere.body }
            : null,
        nextUpdate: model.nextUpdateAt ? time(model.nextUpdateAt) : null,
      }
    : null;
  return {
    lang: model.lang,
    title: words.title(model.name),
    name: model.name,
    // only a web address becomes a link (never javascript: or data:)
    url: model.url !== null && /^https?:\/\/[^\s]+$/i.test(model.url) ? model.url : null,
    indicator: model.indicator,
    summary: words.indicator[model.indicator],
    components: model.components.map((c) => ({ id: c.id, name: c.name, status: c.status, statusText: words.status[c.status], working: c.status === 'operational' })),
    active,
    history: model.history.map(incident),
    zone: zoneLabel(timeZone, new Date(model.updatedAt)),
    updated: time(model.updatedAt),
    words: {
      channels: words.channels,
      currentMessage: words.currentMessage,
      updates: words.updates,
      noUpdates: words.noUpdates,
      nextUpdate: words.nextUpdate,
      colon: words.colon,
      started: words.started,
      resolvedAt: words.resolvedAt,
      duration: words.duration,
      pastIncidents: words.pastIncidents(HISTORY_DAYS),
      noPastIncidents: words.noPastIncidents(HISTORY_DAYS),
      timeZone: words.timeZone,
      lastUpdated: words.lastUpdated,
      feed: words.feed,
      allGood: words.allGood,
    },
  };
}

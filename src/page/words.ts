/**
 * The public status page's words, in English and French. They move into the
 * program's word catalogue when it holds a `page` section; until then they
 * live here, in one place.
 */

/** Every word the page says, in one language. */
export interface PageWords {
  /** `<title>` and heading: `{brand} status`. */
  title: (brand: string) => string;
  channels: string;
  status: {
    operational: string;
    degraded_performance: string;
    partial_outage: string;
    major_outage: string;
  };
  indicator: { none: string; minor: string; major: string; critical: string };
  phase: { investigating: string; identified: string; monitoring: string; resolved: string };
  currentMessage: string;
  updates: string;
  noUpdates: string;
  nextUpdate: string;
  /** Between a label and its value: `: ` in English, ` : ` (no-break space) in French. */
  colon: string;
  started: string;
  resolvedAt: string;
  duration: string;
  pastIncidents: (days: number) => string;
  noPastIncidents: (days: number) => string;
  timeZone: string;
  lastUpdated: string;
  feed: string;
  allGood: string;
}

const en: PageWords = {
  title: (brand) => `${brand} status`,
  channels: 'How to reach us',
  status: {
    operational: 'Working',
    degraded_performance: 'Slow',
    partial_outage: 'Partly down',
    major_outage: 'Down',
  },
  indicator: {
    none: 'Every channel is working',
    minor: 'Some of our channels are disrupted',
    major: 'One of our channels is down',
    critical: 'One of our channels is down',
  },
  phase: { investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved' },
  currentMessage: 'Latest news',
  updates: 'Updates',
  noUpdates: 'No update posted yet.',
  nextUpdate: 'Next update',
  colon: ': ',
  started: 'Started',
  resolvedAt: 'Resolved',
  duration: 'Lasted',
  pastIncidents: (days) => `Past incidents (last ${days} days)`,
  noPastIncidents: (days) => `No incident in the last ${days} days.`,
  timeZone: 'Times are in',
  lastUpdated: 'Last updated',
  feed: 'Follow the updates (Atom feed)',
  allGood: 'Everything is working normally.',
};

const fr: PageWords = {
  title: (brand) => `État des services ${brand}`,
  channels: 'Pour nous joindre',
  status: {
    operational: 'Fonctionne',
    degraded_performance: 'Ralenti',
    partial_outage: 'En partie en panne',
    major_outage: 'En panne',
  },
  indicator: {
    none: 'Tous nos canaux fonctionnent',
    minor: 'Certains de nos canaux sont perturbés',
    major: 'Un de nos canaux est en panne',
    critical: 'Un de nos canaux est en panne',
  },
  phase: { investigating: 'Vérification en cours', identified: 'Panne identifiée', monitoring: 'Suivi en cours', resolved: 'Résolu' },
  currentMessage: 'Dernières nouvelles',
  updates: 'Mises à jour',
  noUpdates: 'Aucune mise à jour publiée pour l’instant.',
  nextUpdate: 'Prochaine mise à jour',
  colon: '\u00a0: ',
  started: 'Début',
  resolvedAt: 'Résolu',
  duration: 'Durée',
  pastIncidents: (days) => `Incidents passés (${days} derniers jours)`,
  noPastIncidents: (days) => `Aucun incident ces ${days} derniers jours.`,
  timeZone: 'Fuseau horaire\u00a0:',
  lastUpdated: 'Dernière mise à jour',
  feed: 'Suivre les mises à jour (flux Atom)',
  allGood: 'Tout fonctionne normalement.',
};

/** The page's words for a playbook language: `fr...` gets French, anything else English. */
export function pageWords(lang: string): PageWords {
  return lang.toLowerCase().split('-')[0] === 'fr' ? fr : en;
}

/** Every language the page speaks (for tests). */
export const PAGE_LANGS = ['en', 'fr'] as const;

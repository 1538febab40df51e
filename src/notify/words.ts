/**
 * What team notifications say, in English and French (the incident's
 * language; any other falls back to English).
 */
import type { NotificationStatus } from './fold.js';
import type { NotificationTrigger } from '../incident/events.js';

export interface NotifyWords {
  /** ': ' in English, ' : ' with a no-break space in French. */
  colon: string;
  headline: Record<NotificationTrigger, (severity: string | undefined) => string>;
  drill: string;
  incident: string;
  severity: string;
  yourRole: string;
  askedTo: string;
  publicMessage: string;
  noPublicMessage: string;
  nextUpdate: string;
  detected: string;
  sentBy: string;
  status: Record<NotificationStatus, string>;
  /** `crisis notify` */
  none: string;
  noDestinations: string;
  attempts: (n: number) => string;
  retryAt: string;
  written: string;
  flushHint: (id: string) => string;
  summary: (pending: number, failed: number) => string;
  trigger: Record<NotificationTrigger, string>;
  count: (n: number) => string;
  busy: string;
  background: string;
  /** `crisis status` */
  teamNotifications: string;
  sentCount: (n: number) => string;
  pendingCount: (n: number) => string;
  failedCount: (n: number) => string;
  /** The walkthrough, once notifications are queued. */
  notifiedInBackground: string;
  queuedOnly: (id: string) => string;
}

const en: NotifyWords = {
  colon: ': ',
  headline: {
    severity: (s) => (s ? `Severity ${s}: you are alerted` : 'You are alerted'),
    update_due: () => 'A public update is due now',
    resolved: () => 'The incident is resolved',
    reopened: () => 'The incident is open again',
  },
  drill: 'DRILL',
  incident: 'Incident',
  severity: 'Severity',
  yourRole: 'Your role',
  askedTo: 'What you are asked to do',
  publicMessage: 'Public message',
  noPublicMessage: 'none posted yet',
  nextUpdate: 'Next public update',
  detected: 'Detected',
  sentBy: 'Sent by crisis',
  status: { pending: 'pending', sent: 'sent', failed: 'failed' },
  none: 'No team notification for this incident.',
  noDestinations: 'config.yaml names no destination under notify:, so nobody is notified.',
  attempts: (n) => `${n} attempt${n === 1 ? '' : 's'}`,
  retryAt: 'next attempt',
  written: 'written to',
  flushHint: (id) => `send the pending and failed ones now with: crisis notify ${id} --flush`,
  summary: (pending, failed) => `${pending} pending, ${failed} failed`,
  trigger: { severity: 'severity', update_due: 'update due', resolved: 'resolved', reopened: 'reopened' },
  count: (n) => `${n} team notification${n === 1 ? '' : 's'}`,
  busy: 'another crisis process is sending them; run this again in a moment',
  background: 'the next attempts are made in the background',
  teamNotifications: 'Team notifications',
  sentCount: (n) => `${n} sent`,
  pendingCount: (n) => `${n} pending`,
  failedCount: (n) => `${n} failed`,
  notifiedInBackground: 'Team notified in the background',
  queuedOnly: (id) => `Team notifications queued (send them with crisis notify ${id} --flush)`,
};

const NBSP = '\u00a0';

const fr: NotifyWords = {
  colon: `${NBSP}: `,
  headline: {
    severity: (s) => (s ? `Gravité ${s}${NBSP}: vous êtes alerté` : 'Vous êtes alerté'),
    update_due: () => 'Une mise à jour publique est attendue maintenant',
    resolved: () => 'L’incident est résolu',
    reopened: () => 'L’incident est rouvert',
  },
  drill: 'EXERCICE',
  incident: 'Incident',
  severity: 'Gravité',
  yourRole: 'Votre rôle',
  askedTo: 'Ce que l’on attend de vous',
  publicMessage: 'Message public',
  noPublicMessage: 'aucun publié pour l’instant',
  nextUpdate: 'Prochaine mise à jour publique',
  detected: 'Détecté',
  sentBy: 'Envoyé par crisis',
  status: { pending: 'en attente', sent: 'envoyée', failed: 'échec' },
  none: 'Aucune notification d’équipe pour cet incident.',
  noDestinations: 'config.yaml ne nomme aucun destinataire sous notify:, personne n’est donc prévenu.',
  attempts: (n) => `${n}${NBSP}essai${n > 1 ? 's' : ''}`,
  retryAt: 'prochain essai',
  written: 'écrit dans',
  flushHint: (id) => `envoyer maintenant celles en attente ou en échec${NBSP}: crisis notify ${id} --flush`,
  summary: (pending, failed) => `${pending}${NBSP}en attente, ${failed}${NBSP}en échec`,
  trigger: { severity: 'gravité', update_due: 'mise à jour due', resolved: 'résolu', reopened: 'rouvert' },
  count: (n) => `${n}${NBSP}notification${n > 1 ? 's' : ''} d’équipe`,
  busy: `un autre processus crisis les envoie déjà${NBSP}; relancez dans un instant`,
  background: 'les essais suivants se font en arrière-plan',
  teamNotifications: 'Notifications d’équipe',
  sentCount: (n) => `${n}${NBSP}envoyée${n > 1 ? 's' : ''}`,
  pendingCount: (n) => `${n}${NBSP}en attente`,
  failedCount: (n) => `${n}${NBSP}en échec`,
  notifiedInBackground: 'Équipe prévenue en arrière-plan',
  queuedOnly: (id) => `Notifications d’équipe en attente (envoyez-les avec crisis notify ${id} --flush)`,
};

/** The words for a language (English unless French). */
export function notifyWords(lang: string): NotifyWords {
  return lang.toLowerCase().startsWith('fr') ? fr : en;
}

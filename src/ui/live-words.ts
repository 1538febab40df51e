/** The words of the live views (`crisis status --watch`), in the incident's language. */
const en = {
  watching: (time: string) => `Shown at ${time}; redrawn on every new event and every minute. Ctrl-C to stop.`,
  notRedrawn: (why: string) => `Not redrawn: ${why}. The view above may be behind; watching goes on.`,
};

type LiveWords = typeof en;

const fr: LiveWords = {
  watching: (time) => `Affiché à ${time} ; mis à jour à chaque nouvel événement et chaque minute. Ctrl-C pour arrêter.`,
  notRedrawn: (why) => `Pas de mise à jour : ${why}. La vue ci-dessus peut être en retard ; le suivi continue.`,
};

export function watchWords(lang: string): LiveWords {
  return lang === 'fr' || lang.startsWith('fr-') ? fr : en;
}

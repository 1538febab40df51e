process.env.TZ = 'UTC';
/**
 * `crisis status` as text: every line, in English and in French, for an
 * open incident (a late update, an overdue deadline) and a resolved one.
 */
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { foldEvents } from '../../src/incident/state.js';
import { statusOf } from '../../src/incident/status.js';
import { formatStatus } from '../../src/ui/status-view.js';
import { at, openIncident, resolvedIncident } from '../fixtures/report/events.js';
import { playbookEn, playbookFr } from '../fixtures/report/playbook.js';

const plain = new Chalk({ level: 0 });

function render(events: ReturnType<typeof openIncident>, lang: 'en' | 'fr', now: Date): string[] {
  const playbook = lang === 'fr' ? playbookFr : playbookEn;
  const state = foldEvents(events);
  return formatStatus(statusOf(playbook, state, now), state, playbook, now, plain);
}

describe('crisis status as text', () => {
  it('an open incident, in English: late update, overdue deadline, aligned values', () => {
    const lines = render(openIncident(), 'en', new Date(at('10:40')));
    expect(lines.slice(0, 6)).toEqual([
      '2026-11-21-messenger-down  OPEN',
      'Facebook Messenger is down  [messenger-down.en]',
      'Detected    09:05  (1 h 35 min ago)',
      'Severity    Major',
      expect.stringMatching(/^Progress {4}\d+\/\d+ steps, next: \S+ \(\S+\)$/),
      'Next update 10:31 (9 min late)',
    ]);
    expect(lines).toContain('Deadlines');
    expect(lines.find((l) => l.includes('✔ met'))).toMatch(/^ {2}✔ met {5}09:20 {2}.+ {2}\(done 09:12\)$/);
    expect(lines.some((l) => /^ {2}! overdue \d\d:\d\d {2}.+ {2}\(\d+ (min|h)[^)]* late\)$/.test(l))).toBe(true);
  });

  it('the same incident in French, with French words and the labels aligned on the longest', () => {
    const events = openIncident().map((e) => (e.type === 'opened' ? { ...e, lang: 'fr' } : e));
    const lines = render(events, 'fr', new Date(at('10:40')));
    expect(lines[0]).toBe('2026-11-21-messenger-down  EN COURS');
    expect(lines[2]).toBe('Détecté               09:05  (il y a 1 h 35 min)');
    expect(lines[3]).toBe('Gravité               Major');
    expect(lines[4]).toMatch(/^Avancement {12}\d+\/\d+ étapes, suivante\u202f: \S+ \(\S+\)$/);
    expect(lines[5]).toBe('Prochaine mise à jour 10:31 (9 min de retard)');
    expect(lines).toContain('Échéances');
    expect(lines.find((l) => l.includes('✔ tenue'))).toMatch(/^ {2}✔ tenue {4}09:20 {2}.+ {2}\(fait à 09:12\)$/);
    expect(lines.some((l) => l.includes('! dépassée'))).toBe(true);
  });

  it('a resolved incident: its whole duration, and the latest notes', () => {
    const lines = render(resolvedIncident('fr'), 'fr', new Date(at('15:00')));
    expect(lines[0]).toBe('2026-11-21-messenger-down  RÉSOLU');
    expect(lines[2]).toBe('Détecté               09:05  (4 h 05 min en tout)');
    expect(lines).toContain('Dernières notes');
    // the role's title, not its id; later lines under the first
    expect(lines.at(-1)).toBe('  09:45  Responsable de crise\u202f: Boîte support à 340 e-mails\n                                voir https://status.example.com/incidents/42');
  });

  it("says the incident's zone when this machine's is another: its times are the incident's wall clock", () => {
    const paris = openIncident().map((e) => (e.type === 'opened' ? { ...e, time_zone: 'Europe/Paris' } : e));
    const lines = render(paris, 'en', new Date(at('10:40')));
    expect(lines[2]).toMatch(/^Detected {4}\d\d:\d\d {2}\(1 h 35 min ago\)$/);
    expect(lines[3]).toBe('Time zone   Europe/Paris, UTC+01:00');
    // on a machine in the incident's zone, nothing to say
    expect(render(openIncident(), 'en', new Date(at('10:40'))).some((l) => l.startsWith('Time zone'))).toBe(false);
  });
});

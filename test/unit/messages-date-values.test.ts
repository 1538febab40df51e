process.env.TZ = 'America/New_York';
import { describe, expect, it } from 'vitest';
import { oneMessagePlaybook, renderAt } from '../helpers/playbooks.js';

const NOW = new Date('2026-11-21T13:05:00Z'); // 14:05 in Paris, 08:05 in New York
const TEMPLATE = 'now={{now}} detected={{incident.detected_at}} time={{time incident.detected_at}} elapsed={{elapsed incident.detected_at}}';

function render(lang: string, detectedAt: string): string {
  return renderAt(oneMessagePlaybook(lang, { facebook: TEMPLATE }), { now: NOW, timeZone: 'Europe/Paris', detectedAt }).channels[0]?.text ?? '';
}

describe('date values used bare', () => {
  it('render as times in the incident zone, in French and English, whatever the machine zone', () => {
    expect(render('fr', '2026-11-21T11:55:00Z')).toBe('now=14:05 detected=12:55 time=12:55 elapsed=1 heure 10 minutes');
    expect(render('en', '2026-11-21T11:55:00Z')).toBe('now=14:05 detected=12:55 time=12:55 elapsed=1 hour 10 minutes');
  });

  it('name the day when it is not today', () => {
    expect(render('fr', '2026-11-20T22:30:00Z')).toMatch(/^now=14:05 detected=20 novembre 2026 à 23:30 time=23:30 /);
    expect(render('en', '2026-11-20T22:30:00Z')).toMatch(/^now=14:05 detected=20 November 2026 at 23:30 time=23:30 /);
  });

  it('never print ISO text', () => {
    expect(render('fr', '2026-11-21T11:55:00Z')).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });
});

process.env.TZ = 'America/New_York';
import { describe, expect, it } from 'vitest';
import { PlaybookSchema, type Playbook } from '../../src/playbook/schema.js';
import { renderMessage } from '../../src/messages/render.js';
import { buildView } from '../../src/messages/view.js';

const NOW = new Date('2026-11-21T13:05:00Z'); // 14:05 in Paris, 08:05 in New York
const TEMPLATE = 'now={{now}} detected={{incident.detected_at}} time={{time incident.detected_at}} elapsed={{elapsed incident.detected_at}}';

function playbook(lang: string): Playbook {
  return PlaybookSchema.parse({
    format: 1,
    id: 'down',
    lang,
    title: 'Down',
    roles: { lead: { title: 'Lead' } },
    severities: [{ id: 'major', title: 'Major', update_every: '1h' }],
    phases: [{ id: 'assess', title: 'Assess', steps: [{ id: 'look', check: 'Look' }] }],
    messages: { m: { title: 'M', channels: { facebook: TEMPLATE } } },
  });
}

function render(lang: string, detectedAt: string): string {
  const pb = playbook(lang);
  const view = buildView(pb, { variables: {}, people: {}, answers: {}, incident: { id: 'i', detected_at: detectedAt }, now: NOW, timeZone: 'Europe/Paris' });
  return renderMessage(pb, 'm', { view, now: NOW, timeZone: 'Europe/Paris' }).channels[0]?.text ?? '';
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

import { describe, expect, it } from 'vitest';
import { loadPlaybookFile } from '../../src/playbook/load.js';
import { foldEvents } from '../../src/incident/state.js';
import type { IncidentEvent } from '../../src/incident/events.js';
import { announceForStep, questionOptions } from '../../src/incident/announce.js';
import { findStep } from '../../src/incident/plan.js';

const AT = '2026-11-21T09:00:00.000Z';

async function messengerDown() {
  const { playbook } = await loadPlaybookFile('playbooks/messenger-down.en.yaml');
  if (!playbook) throw new Error('built-in playbook does not load');
  return playbook;
}

function state(alternatives: string[]) {
  const events = [
    { v: 1, seq: 1, at: AT, type: 'opened', incident: 'i', playbook: 'messenger-down', lang: 'en', title: 't', format: 1, source: 'built-in', detected_at: AT, drill: false },
    { v: 1, seq: 2, at: AT, type: 'variables_set', source: 'test', variables: { brand: 'Acme', signature: 'Julie', support_email: 'help@acme.example', support_phone: '+33 1 84 60 12 34', website: 'https://acme.example' } },
    { v: 1, seq: 3, at: AT, type: 'step_answered', step: 'alternatives', phase: 'redirect', kind: 'ask', value: alternatives },
  ] as IncidentEvent[];
  return foldEvents(events);
}

describe('announcements during an incident', () => {
  it('render the chosen alternatives by their labels, with no warning', async () => {
    const playbook = await messengerDown();
    const step = findStep(playbook, 'redirect-post')!.step;
    const a = announceForStep(playbook, state(['email', 'phone']), step, new Date(AT));
    const x = a.channels.find((c) => c.channel === 'x');
    expect(x?.text).toContain('help@acme.example');
    expect(x?.text).toContain('+33\u00a01\u00a084\u00a060\u00a012\u00a034');
    expect(a.warnings).toEqual([]);
  });

  it('warn when a redirection gives no way to reach the brand', async () => {
    const playbook = await messengerDown();
    const step = findStep(playbook, 'redirect-post')!.step;
    const a = announceForStep(playbook, state([]), step, new Date(AT));
    expect(a.warnings.join('\n')).toMatch(/redirect.*(contact|reach)/i);
  });

  it('option labels are rendered with the incident variables; severities show when they apply', async () => {
    const playbook = await messengerDown();
    const s = state(['email']);
    const labels = questionOptions(playbook, s, findStep(playbook, 'alternatives')!.step, new Date(AT));
    expect(labels.find((o) => o.value === 'email')?.label).toContain('help@acme.example');
    const severities = questionOptions(playbook, s, findStep(playbook, 'severity')!.step, new Date(AT));
    expect(severities[0]?.label).toMatch(/^Minor — /);
  });

  it('an option label whose variable was left empty shows [name], not template syntax', async () => {
    const playbook = await messengerDown();
    const events = [
      { v: 1, seq: 1, at: AT, type: 'opened', incident: 'i', playbook: 'messenger-down', lang: 'en', title: 't', format: 1, source: 'built-in', detected_at: AT, drill: false },
      { v: 1, seq: 2, at: AT, type: 'variables_set', source: 'test', variables: { brand: 'Acme', signature: 'Julie', support_email: 'help@acme.example' }, skipped: ['support_phone'] },
    ] as IncidentEvent[];
    const labels = questionOptions(playbook, foldEvents(events), findStep(playbook, 'alternatives')!.step, new Date(AT));
    const phone = labels.find((o) => o.value === 'phone')?.label ?? '';
    expect(phone).toContain('[support_phone]');
    expect(phone).not.toContain('{{');
    expect(labels.find((o) => o.value === 'email')?.label).toContain('help@acme.example');
  });
});

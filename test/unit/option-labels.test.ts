/**
 * One rendering of option labels: the prompt's choices, the message view
 * (`{{alternatives}}`) and the report's answers show the same words for the
 * same recorded answer, including labels that use a variable nobody set,
 * another answer, or a broken template.
 */
process.env.TZ = 'UTC';
import { describe, expect, it } from 'vitest';
import { foldEvents } from '../../src/incident/state.js';
import type { IncidentEvent } from '../../src/incident/events.js';
import { questionOptions, viewInput } from '../../src/incident/announce.js';
import { buildView } from '../../src/messages/view.js';
import { answerText } from '../../src/report/answers.js';
import { reportLocale } from '../../src/report/labels.js';
import { PlaybookSchema } from '../../src/playbook/schema.js';

const AT = '2026-11-21T09:00:00.000Z';
const playbook = PlaybookSchema.parse({
  format: 1,
  id: 'labels',
  lang: 'en',
  title: 'Labels',
  variables: { support_email: { prompt: 'E-mail' }, support_phone: { prompt: 'Phone' }, city: { prompt: 'City', default: 'Lyon' } },
  roles: { lead: { title: 'Lead' } },
  severities: [{ id: 'minor', title: 'Minor' }],
  phases: [
    {
      id: 'assess',
      title: 'Assess',
      steps: [
        { id: 'where', ask: 'Where?', type: 'choice', save_as: 'where', options: [{ value: 'office', label: '{{city}} office' }, 'remote from {{time}}'] },
        {
          id: 'alternatives',
          ask: 'How?',
          type: 'multi',
          save_as: 'alternatives',
          options: [
            { value: 'email', label: 'at {{support_email}}' },
            { value: 'phone', label: 'on {{support_phone}}' },
            { value: 'desk', label: 'at our {{city}} desk, {{people.lead}} on duty' },
            { value: 'broken', label: 'by {{#if}}' },
          ],
        },
      ],
    },
  ],
});

function incident() {
  const events = [
    { v: 1, seq: 1, at: AT, type: 'opened', incident: 'i', playbook: 'labels', lang: 'en', title: 't', format: 1, source: 'test', detected_at: AT, drill: false },
    { v: 1, seq: 2, at: AT, type: 'variables_set', source: 'test', variables: { support_email: 'help@acme.example' } },
    { v: 1, seq: 3, at: AT, type: 'people_set', source: 'test', people: { lead: 'Julie' } },
    { v: 1, seq: 4, at: AT, type: 'step_answered', step: 'where', phase: 'assess', kind: 'ask', value: 'office' },
    { v: 1, seq: 5, at: AT, type: 'step_answered', step: 'alternatives', phase: 'assess', kind: 'ask', value: ['email', 'phone', 'desk', 'broken'] },
  ] as IncidentEvent[];
  return foldEvents(events);
}

describe('option labels', () => {
  it('read the same in the prompt, the report and a lenient message view', () => {
    const state = incident();
    const step = playbook.phases[0]!.steps[1]!;
    const prompt = questionOptions(playbook, state, step, new Date(AT)).map((o) => o.label);
    expect(prompt).toEqual(['at help@acme.example', 'on [support_phone]', 'at our Lyon desk, Julie on duty', 'by {{#if}}']);
    const report = answerText(['email', 'phone', 'desk', 'broken'], step, playbook, state, reportLocale('en'));
    expect(report).toBe(prompt.join(', '));
    // a string option is its own label, rendered like the others
    const where = playbook.phases[0]!.steps[0]!;
    expect(questionOptions(playbook, state, where, new Date(AT)).map((o) => o.label)).toEqual(['Lyon office', 'remote from 09:00']);
    expect(answerText('office', where, playbook, state, reportLocale('en'))).toBe('Lyon office');
  });

  it('in a message, a broken label or one missing a variable is an error, never half a sentence', () => {
    const state = incident();
    expect(() => buildView(playbook, viewInput(playbook, state, new Date(AT)))).toThrow(/label/);
    const fixed = { ...viewInput(playbook, state, new Date(AT)), answers: { where: 'office', alternatives: ['email', 'desk'] } };
    const view = buildView(playbook, fixed);
    expect(String(view.alternatives)).toBe('at help@acme.example and at our Lyon desk, Julie on duty');
  });
});

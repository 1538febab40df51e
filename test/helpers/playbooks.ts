/**
 * Small playbooks for unit tests of rendering: the least a valid playbook
 * needs, with one message `m` whose channels the test gives, and the one way
 * to render it at a fixed time in a zone.
 */
import { PlaybookSchema, type Playbook } from '../../src/playbook/schema.js';
import { renderMessage, type RenderedMessage } from '../../src/messages/render.js';
import { buildView } from '../../src/messages/view.js';

/** A valid playbook in `lang` with one message `m` carrying `channels` (channel id -> template). */
export function oneMessagePlaybook(lang: string, channels: Record<string, unknown>): Playbook {
  return PlaybookSchema.parse({
    format: 1,
    id: 'down',
    lang,
    title: 'Down',
    roles: { lead: { title: 'Lead' } },
    severities: [{ id: 'major', title: 'Major', update_every: '1h' }],
    phases: [{ id: 'assess', title: 'Assess', steps: [{ id: 'look', check: 'Look' }] }],
    messages: { m: { title: 'M', channels } },
  });
}

/** Message `m` of `playbook` rendered at `now` in `timeZone` for an incident detected at `detectedAt`. */
export function renderAt(playbook: Playbook, options: { now: Date; timeZone: string; detectedAt?: string; channels?: string[] }): RenderedMessage {
  const { now, timeZone } = options;
  const view = buildView(playbook, { variables: {}, people: {}, answers: {}, incident: { id: 'i', detected_at: options.detectedAt ?? now.toISOString() }, now, timeZone });
  return renderMessage(playbook, 'm', { view, now, timeZone, ...(options.channels ? { channels: options.channels } : {}) });
}

/**
 * A playbook written as a plain object (no schema defaults), for the engine's
 * and the walkthrough's tests: `tiny-down` with a lead and a major severity
 * updated every 30 minutes, unless `parts` says otherwise.
 */
export function tinyPlaybook(parts: Pick<Playbook, 'phases' | 'messages'> & Partial<Playbook>): Playbook {
  return {
    format: 1,
    id: 'tiny-down',
    lang: 'en',
    title: 'Tiny is down',
    roles: { lead: { title: 'Lead' } },
    severities: [{ id: 'major', title: 'Major', update_every: '30m' }],
    ...parts,
  };
}

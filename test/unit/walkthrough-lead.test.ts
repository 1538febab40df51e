/**
 * Who leads: a live run asks once for the person behind the playbook's lead
 * role (`lead: true`, else the role with id `lead`) when nobody holds it; an
 * empty answer is recorded so that resume does not ask again; people given by
 * config.yaml or the answers file, and playbooks without a lead, ask nothing.
 */
import { describe, expect, it } from 'vitest';
import { collectLead } from '../../src/incident/walkthrough.js';
import type { Prompter } from '../../src/incident/prompter.js';
import type { NewEvent } from '../../src/incident/events.js';
import { memoryIncident } from '../helpers/memory-log.js';
import { tinyPlaybook } from '../helpers/playbooks.js';

const AT = new Date('2026-11-21T09:00:00Z');
const phases = [{ id: 'confirm', title: 'Confirm', steps: [{ id: 'devices', check: 'Test devices' }] }];

/** A prompter that answers the lead question with `reply` and counts the questions. */
function asking(reply: string | undefined) {
  const asked: string[] = [];
  const prompter: Prompter = {
    answer: async () => undefined,
    variable: async () => undefined,
    person: async (roleId, role) => {
      asked.push(`${roleId}:${role.title}`);
      return reply;
    },
  };
  return { prompter, asked };
}

describe('the lead question', () => {
  it('asks for the role marked lead: true, records the person, and asks nothing once someone holds it', async () => {
    const playbook = tinyPlaybook({ phases, roles: { pilot: { title: 'Crisis pilot', lead: true }, lead: { title: 'Not this one' } } });
    const inc = memoryIncident(AT);
    const { prompter, asked } = asking('  Camille Dupont ');
    // timed when answered, not when asked
    let now = AT;
    const slow: Prompter = { ...prompter, person: async (id, role) => ((now = new Date(AT.getTime() + 90_000)), prompter.person!(id, role)) };
    const events = await collectLead(playbook, inc.state, slow, () => now);
    expect(asked).toEqual(['pilot:Crisis pilot']);
    expect(events).toEqual([{ type: 'people_set', at: '2026-11-21T09:01:30.000Z', people: { pilot: 'Camille Dupont' }, source: 'walkthrough' }]);
    await inc.append(events);
    expect(await collectLead(playbook, inc.state, prompter, () => AT)).toEqual([]);
    expect(asked).toHaveLength(1);
  });

  it('left empty, is recorded as skipped and not asked again (resume)', async () => {
    const playbook = tinyPlaybook({ phases });
    const inc = memoryIncident(AT);
    const { prompter, asked } = asking('');
    const events = await collectLead(playbook, inc.state, prompter, () => AT);
    expect(events).toEqual([{ type: 'people_set', at: AT.toISOString(), people: {}, source: 'walkthrough', skipped: ['lead'] }]);
    await inc.append(events);
    expect(inc.state.people).toEqual({});
    expect(await collectLead(playbook, inc.state, prompter, () => AT)).toEqual([]);
    expect(asked).toEqual(['lead:Lead']);
  });

  it('asks nothing when the lead is already named, when the playbook has no lead, or when no prompter asks (scripted runs)', async () => {
    const inc = memoryIncident(AT);
    await inc.append([{ type: 'people_set', at: AT.toISOString(), people: { lead: 'Julie' }, source: 'config' } as NewEvent]);
    const { prompter, asked } = asking('Someone');
    expect(await collectLead(tinyPlaybook({ phases }), inc.state, prompter, () => AT)).toEqual([]);
    expect(await collectLead(tinyPlaybook({ phases, roles: { community: { title: 'Community' } } }), memoryIncident(AT).state, prompter, () => AT)).toEqual([]);
    expect(asked).toEqual([]);
    const scripted: Prompter = { answer: async () => undefined, variable: async () => undefined };
    expect(await collectLead(tinyPlaybook({ phases }), memoryIncident(AT).state, scripted, () => AT)).toEqual([]);
  });
});

/**
 * Posting: "Posted on which channels?" starts with nothing ticked; a text
 * over its channel's limit is posted only after an explicit yes, and is
 * logged `over_limit: true` (from an answers file, with a warning).
 */
import { describe, expect, it } from 'vitest';
import type { Phase, Step } from '../../src/playbook/schema.js';
import type { StepQuestion } from '../../src/incident/prompter.js';
import { terminalPrompter } from '../../src/ui/prompts.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';

const ENTER = '\r';
const DOWN = '\x1b[B';

const question = (extra: Partial<StepQuestion> = {}): StepQuestion => ({
  step: { id: 'first-post', announce: 'initial' } as Step,
  phase: { id: 'p', title: 'P', steps: [] } as unknown as Phase,
  repeat: false,
  channels: ['x', 'facebook'],
  channelLabels: { x: 'X', facebook: 'Facebook' },
  ...extra,
});

describe('"Posted on which channels?"', () => {
  it('starts with nothing ticked: Enter alone records no post', async () => {
    const t = fakeTerminal({ keepOpen: true });
    const answer = terminalPrompter('en', t.context).answer(question());
    await t.when('Posted on which channels?', ENTER);
    expect(await answer).toEqual({ answer: { kind: 'announce', posted: [] } });
    expect(t.screen()).toContain('◯ X');
    expect(t.screen()).not.toContain('◉');
  });

  it('shows a text over its limit as such, and posts it only after an explicit yes (no by default)', async () => {
    const t = fakeTerminal({ keepOpen: true });
    const answer = terminalPrompter('en', t.context).answer(question({ overLimit: { x: '282/280' } }));
    await t.when('X (over its limit: 282/280)', ' ');
    await t.when('◉ X', DOWN);
    await t.when('❯◯ Facebook', ' ');
    await t.when('❯◉ Facebook', ENTER);
    await t.when('The X text is over its limit. Post it anyway?', ENTER);
    expect(await answer).toEqual({ answer: { kind: 'announce', posted: ['facebook'] } });
  });

  it('records the yes, so nobody is warned twice', async () => {
    const t = fakeTerminal({ keepOpen: true });
    const answer = terminalPrompter('fr', t.context).answer(question({ overLimit: { x: '282/280' } }));
    await t.when('X (trop long\u202f: 282/280)', ' ');
    await t.when('◉ X', ENTER);
    await t.when('Le texte pour X dépasse sa limite. Le publier quand même\u202f?', `o${ENTER}`);
    expect(await answer).toEqual({ answer: { kind: 'announce', posted: ['x'], postedAnyway: ['x'] } });
  });
});

import { describe, expect, it } from 'vitest';
import { leadRoleId, phaseStage, stagePhase } from '../../src/playbook/kinds.js';

describe('phase stages and the lead role', () => {
  it('takes a phase stage from its key, else from an id that is a stage name, else none', () => {
    expect(phaseStage({ id: 'evaluer', stage: 'assess' })).toBe('assess');
    expect(phaseStage({ id: 'confirm' })).toBe('confirm');
    expect(phaseStage({ id: 'confirmer' })).toBeUndefined();
    const phases = [
      { id: 'confirmer', title: 'Confirmer', stage: 'confirm' as const, steps: [] },
      { id: 'evaluer', title: 'Évaluer', stage: 'assess' as const, steps: [] },
    ];
    expect(stagePhase({ phases }, 'assess')?.id).toBe('evaluer');
    expect(stagePhase({ phases }, 'resolve')).toBeUndefined();
  });

  it('finds the lead role by its flag before the id lead', () => {
    expect(leadRoleId({ roles: { pilote: { title: 'Pilote', lead: true }, lead: { title: 'x' } } })).toBe('pilote');
    expect(leadRoleId({ roles: { lead: { title: 'Lead' } } })).toBe('lead');
    expect(leadRoleId({ roles: { cm: { title: 'CM' } } })).toBeUndefined();
  });
});

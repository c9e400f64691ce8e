import { describe, expect, it } from 'vitest';
import { AGENT_RULE_CASES, signedAuthorisation } from './agent-rules.cases.js';
import { agentSubmissionIssues, filerRuleIssues, householdMaterialIssues } from './agent-rules.js';
import { materialUses, type ApplicationDoc } from './schemas/application.js';

const ME = 'agent00000001';
const sha = (c: string) => c.repeat(64);
const page = (c: string) => ({ sha256: sha(c), bytes: 10, contentType: 'image/jpeg' as const });

describe('filerRuleIssues', () => {
  it.each(AGENT_RULE_CASES)('should answer $name as the table says', ({ filer, parts, refused }) => {
    const next = { lifecycle: 'submitted' as const, ...parts(ME) };
    const issues = [...filerRuleIssues(next, { userId: ME, role: filer }), ...agentSubmissionIssues(next, { userId: ME, role: filer })];
    expect(issues[0] ?? null).toEqual(refused);
  });

  it('should treat an authorisation and household the gateway holds on a submitted application as history', () => {
    const master = { lifecycle: 'submitted' as const, householdId: 'household-0000001', authorisation: signedAuthorisation(ME) };
    const changed = { ...master, authorisation: { ...signedAuthorisation(ME), text: '另一份' } };
    expect(filerRuleIssues(changed, { userId: ME, role: 'agent' }, master)).toEqual([{ field: 'authorisation', code: 'ALREADY_RECEIVED' }]);
    const moved = { ...master, householdId: 'household-0000002' };
    expect(filerRuleIssues(moved, { userId: ME, role: 'agent' }, master)).toEqual([{ field: 'householdId', code: 'ALREADY_RECEIVED' }]);
    expect(filerRuleIssues(master, { userId: ME, role: 'agent' }, master)).toEqual([]);
  });

  it('should not let an operator file for a household either', () => {
    expect(filerRuleIssues({ householdId: 'household-0000001' }, { userId: ME, role: 'operator' })).toEqual([{ field: 'householdId', code: 'AGENTS_ONLY' }]);
  });
});

describe('agentSubmissionIssues', () => {
  const agent = { userId: ME, role: 'agent' as const };

  it("should need the household and the applicant's authorisation on an agent's submission", () => {
    expect(agentSubmissionIssues({ lifecycle: 'submitted' }, agent)).toEqual([
      { field: 'householdId', code: 'HOUSEHOLD_REQUIRED' },
      { field: 'authorisation', code: 'AUTHORISATION_REQUIRED' },
    ]);
    expect(agentSubmissionIssues({ lifecycle: 'submitted', householdId: 'household-0000001', authorisation: signedAuthorisation(ME) }, agent)).toEqual([]);
  });

  it('should let a draft, and an applicant filing for themselves, go without', () => {
    expect(agentSubmissionIssues({ lifecycle: 'draft' }, agent)).toEqual([]);
    expect(agentSubmissionIssues({ lifecycle: 'submitted' }, { userId: ME, role: 'applicant' })).toEqual([]);
  });

  it('should keep an application an agent submitted before households existed going without them', () => {
    expect(agentSubmissionIssues({ lifecycle: 'submitted' }, agent, { lifecycle: 'submitted' })).toEqual([]);
  });
});

describe('householdMaterialIssues', () => {
  const app: Pick<ApplicationDoc, 'householdId' | 'materials' | 'commitment' | 'supplements' | 'authorisation'> = {
    householdId: 'household-B',
    materials: [
      { key: 'id-card', name: '身份证', pages: [page('a'), page('b')] },
      { key: 'hukou', name: '户口簿', pages: [page('c')] },
    ],
    authorisation: signedAuthorisation(ME),
    supplements: [{ id: 'sup-00000001', requestedBy: 'p-1', materials: [{ key: 'hukou', name: '户口簿', pages: [page('d')] }], at: '2026-11-25T08:00:00.000Z' }],
  };

  it('should name each field holding a photo another household owns, once', () => {
    const boundTo = new Map([
      [sha('a'), 'household-A'],
      [sha('b'), 'household-A'],
      [sha('c'), 'household-B'],
      [sha('d'), 'household-A'],
    ]);
    expect(householdMaterialIssues(app, boundTo)).toEqual([
      { field: 'materials.id-card', code: 'OTHER_HOUSEHOLD' },
      { field: 'supplements.sup-00000001.hukou', code: 'OTHER_HOUSEHOLD' },
    ]);
  });

  it('should accept photos of its own household and photos no household owns yet', () => {
    expect(householdMaterialIssues(app, new Map([[sha('c'), 'household-B']]))).toEqual([]);
  });

  it('should not apply to an application for no household (an applicant files only for themselves)', () => {
    expect(householdMaterialIssues({ ...app, householdId: undefined }, new Map([[sha('a'), 'household-A']]))).toEqual([]);
  });

  it('should list every use with its field, the authorisation image included', () => {
    expect(materialUses(app).map((u) => u.field)).toEqual(['materials.id-card', 'materials.id-card', 'materials.hukou', 'authorisation.image', 'supplements.sup-00000001.hukou']);
  });
});

import { describe, expect, it } from 'vitest';
import { householdRuleIssues } from './household-rules.js';
import { createDocumentValidators, validateWireDocument } from './validation.js';
import type { HouseholdDoc } from './schemas/household.js';

const today = new Date('2026-11-25T08:00:00.000Z');
const household: HouseholdDoc = {
  id: 'household-0000001',
  village: { name: '黄沙腰村', code: '331123104201' },
  address: '遂昌县黄沙腰镇黄沙腰村12号',
  members: [
    { id: 'member-00000001', name: '王秀英', idNumber: '11010519491231002X', phone: '13957800123', relation: '户主' },
    { id: 'member-00000002', name: '李大伯', relation: '配偶' },
  ],
  createdAt: '2026-11-25T07:00:00.000Z',
  updatedAt: '2026-11-25T07:00:00.000Z',
};

describe('household profiles', () => {
  it('should accept a household with one head and real identifiers', () => {
    expect(validateWireDocument(createDocumentValidators().households, household)).toEqual({ ok: true });
    expect(householdRuleIssues(household, today)).toEqual([]);
  });

  it('should name the member whose ID number or mobile is wrong', () => {
    const members = [
      { ...household.members[0], idNumber: '110105194912310021' },
      { ...household.members[1], phone: '1395780012' },
    ];
    expect(householdRuleIssues({ members }, today)).toEqual([
      { field: 'members.member-00000001.idNumber', code: 'ID_CHECK_DIGIT' },
      { field: 'members.member-00000002.phone', code: 'MOBILE_LENGTH', params: { length: 10 } },
    ]);
  });

  it('should need exactly one head of household', () => {
    expect(householdRuleIssues({ members: [{ ...household.members[1] }] }, today)).toEqual([{ field: 'members', code: 'ONE_HEAD' }]);
    const twoHeads = [household.members[0], { ...household.members[1], relation: '户主' as const }];
    expect(householdRuleIssues({ members: twoHeads }, today)).toEqual([{ field: 'members', code: 'ONE_HEAD' }]);
  });

  it('should refuse a member id listed twice', () => {
    const members = [household.members[0], { ...household.members[1], id: household.members[0].id }];
    expect(householdRuleIssues({ members }, today)).toContainEqual({ field: 'members', code: 'DUPLICATE_ID', params: { id: 'member-00000001' } });
  });

  it('should refuse by schema a village code that is not 12 digits and a household with no members', () => {
    const validate = createDocumentValidators().households;
    const badCode = validateWireDocument(validate, { ...household, village: { name: '黄沙腰村', code: '331123' } });
    expect(badCode.ok === false && badCode.issues[0].field).toBe('village.code');
    const empty = validateWireDocument(validate, { ...household, members: [] });
    expect(empty.ok === false && empty.issues[0].field).toBe('members');
  });
});

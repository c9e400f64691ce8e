import { describe, expect, it } from 'vitest';
import { blankHousehold, blankMember, checkHousehold, draftOf, toHouseholdDoc, type HouseholdDraft } from './household-form.js';

const today = new Date('2026-12-04T00:00:00Z');
const filled = (): HouseholdDraft => ({
  villageName: '石练村',
  address: '石练镇石练村12号',
  notes: '',
  members: [
    { id: 'member-head0001', name: '张桂英', idNumber: '330825195803120023', phone: '139 5780 0123', relation: '户主' },
    { id: 'member-son00001', name: '李建军', idNumber: '', phone: '', relation: '子女' },
  ],
});

describe('household profile form', () => {
  it('accepts a complete profile and makes the document the protocol takes', () => {
    const draft = filled();
    expect(checkHousehold(draft, today)).toEqual({});
    const doc = toHouseholdDoc(draft, { id: 'household-0001', existing: null }, '2026-12-04T08:00:00.000Z');
    expect(doc.village).toEqual({ name: '石练村' });
    expect(doc.members[0]).toEqual({ id: 'member-head0001', name: '张桂英', idNumber: '330825195803120023', phone: '13957800123', relation: '户主' });
    expect(doc.members[1]).toEqual({ id: 'member-son00001', name: '李建军', relation: '子女' });
    expect(doc.createdAt).toBe(doc.updatedAt);
  });

  it('names the member and the field of each problem, in words', () => {
    const draft = filled();
    draft.villageName = ' ';
    draft.members[0].idNumber = '330825195803120024';
    draft.members[1].phone = '12345';
    draft.members[1].name = '';
    const errors = checkHousehold(draft, today);
    expect(Object.keys(errors).sort()).toEqual(['members.member-head0001.idNumber', 'members.member-son00001.name', 'members.member-son00001.phone', 'villageName']);
    expect(errors['members.member-head0001.idNumber']).toContain('身份证号码');
    expect(errors.villageName).toContain('村');
  });

  it('asks for exactly one head of household', () => {
    const draft = filled();
    draft.members[1].relation = '户主';
    expect(checkHousehold(draft, today).members).toBeTruthy();
    draft.members = [blankMember('member-x0000001', '配偶')];
    draft.members[0].name = '王';
    expect(checkHousehold(draft, today).members).toBeTruthy();
  });

  it('keeps what the form does not hold when a saved profile is edited (creation time, village code, results handed over)', () => {
    const existing = {
      ...toHouseholdDoc(filled(), { id: 'household-0001', existing: null }, '2026-11-01T08:00:00.000Z'),
      village: { name: '石练村', code: '331127101201' },
      delivered: [{ applicationId: 'app-00000001', at: '2026-11-20T08:00:00.000Z' }],
    };
    const draft = draftOf(existing);
    draft.address = '';
    const edited = toHouseholdDoc(draft, { id: existing.id, existing }, '2026-12-04T08:00:00.000Z');
    expect(edited.createdAt).toBe('2026-11-01T08:00:00.000Z');
    expect(edited.village.code).toBe('331127101201');
    expect(edited.delivered).toEqual(existing.delivered);
    expect(edited.address).toBeUndefined();
  });

  it('starts a new profile with its head', () => {
    expect(blankHousehold('member-head0001').members).toEqual([{ id: 'member-head0001', name: '', idNumber: '', phone: '', relation: '户主' }]);
  });
});

import { describe, expect, it } from 'vitest';
import type { ApplicationDoc, HouseholdDoc } from '../../../sync-protocol/index.js';
import type { ApplicationView } from '../db/data-api.js';
import { applicantAddressOf, applicantValuesOf, householdTitle, memberOf } from './household-applicant.js';
import { groupByVillage, searchHouseholds } from './households-list.js';

const at = '2026-12-01T08:00:00.000Z';
function household(id: string, village: string, head: string, idNumber = ''): HouseholdDoc {
  return { id, village: { name: village }, members: [{ id: `${id}-m1`, name: head, relation: '户主', ...(idNumber ? { idNumber } : {}) }], createdAt: at, updatedAt: at };
}
function view(id: string, householdId: string, trackingCode?: string): ApplicationView {
  const application: ApplicationDoc = {
    id,
    guideId: 'guide-000001',
    guideVersion: 1,
    guideName: '城乡居民基本养老保险参保登记',
    applicant: { name: 'x' },
    form: {},
    householdId,
    lifecycle: trackingCode ? 'submitted' : 'draft',
    ...(trackingCode ? { trackingCode } : {}),
    createdAt: at,
    updatedAt: at,
  };
  return { application, syncState: 'pending', statuses: [], stage: 'pending' } as ApplicationView;
}

const households = [household('household-b', '石练村', '周大明'), household('household-a', '大柘村', '张桂英', '33082519580312002X'), household('household-c', '石练村', '陈秀兰')];
const apps = [view('app-00000001', 'household-a', 'TB-AB12-CD34-EF56-GH78'), view('app-00000002', 'household-b')];

describe('households by village', () => {
  it('groups by village and lists heads in pinyin order, each with its applications', () => {
    const groups = groupByVillage(households, apps);
    expect(groups.map((g) => g.village)).toEqual(['大柘村', '石练村']);
    expect(groups[1].households.map((e) => e.household.members[0].name)).toEqual(['陈秀兰', '周大明']);
    expect(groups[0].households[0].applications.map((v) => v.application.id)).toEqual(['app-00000001']);
  });

  it('finds a household by a name, the last digits of an ID number, or a tracking code', () => {
    const groups = groupByVillage(households, apps);
    const ids = (q: string) => searchHouseholds(groups, q).flatMap((g) => g.households.map((e) => e.household.id));
    expect(ids('秀兰')).toEqual(['household-c']);
    expect(ids('002x')).toEqual(['household-a']);
    expect(ids('cd34')).toEqual(['household-a']);
    expect(ids('TB-AB12-CD34')).toEqual(['household-a']);
    expect(ids('')).toHaveLength(3);
    expect(ids('12')).toEqual([]); // two digits match no ID tail
  });
});

describe('applicant from a household profile', () => {
  it('fills the applicant fields from the member and the address from the household', () => {
    const h: HouseholdDoc = { ...household('household-a', '大柘村', '张桂英', '33082519580312002X'), address: '大柘镇大柘村5号' };
    h.members.push({ id: 'household-a-m2', name: '李建军', relation: '子女', phone: '13957800123' });
    expect(applicantValuesOf(memberOf(h, 'household-a-m2'))).toEqual({ applicantName: '李建军', idNumber: '', phone: '13957800123' });
    expect(applicantValuesOf(memberOf(h, 'gone'))).toEqual({ applicantName: '张桂英', idNumber: '33082519580312002X', phone: '' });
    expect(applicantAddressOf(h)).toBe('大柘镇大柘村5号');
    expect(applicantAddressOf({ ...h, address: '5号' })).toBe('大柘村5号');
    expect(householdTitle(h)).toBe('张桂英家');
  });
});

import { describe, expect, it } from 'vitest';
import type { ApplicationDoc } from '../../../sync-protocol/index.js';
import {
  blockedHint,
  blockedReason,
  describeLockerEntries,
  describeLockerTotals,
  describeTakenAt,
  filterLockerEntries,
  lockerFilterOptions,
  type LockerItemFacts,
} from './locker-usage.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const SIG = 'c'.repeat(64);

const item = (sha256: string, extra: Partial<LockerItemFacts> = {}): LockerItemFacts => ({
  sha256,
  kind: 'photo',
  label: '居民身份证',
  createdAt: '2026-11-25T08:00:00.000Z',
  storedBytes: 300 * 1024,
  ...extra,
});

function app(id: string, name: string, lifecycle: ApplicationDoc['lifecycle'], pages: Record<string, string[]>, extra: Partial<ApplicationDoc> = {}): ApplicationDoc {
  return {
    id,
    guideId: 'guide-0001',
    guideVersion: 1,
    guideName: '个体工商户设立登记',
    applicant: { name },
    form: {},
    lifecycle,
    createdAt: extra.createdAt ?? '2026-11-25T08:00:00.000Z',
    updatedAt: '2026-11-25T08:00:00.000Z',
    materials: Object.entries(pages).map(([materialName, hashes], i) => ({
      key: `m${i}`,
      name: materialName,
      pages: hashes.map((sha256) => ({ sha256, bytes: 9, contentType: 'image/jpeg' as const })),
    })),
    ...extra,
  };
}

describe('locker usage', () => {
  it('should name an item by the materials it was attached as and list the applications using it, newest first', () => {
    const apps = [
      app('app-0001', '王秀英', 'submitted', { 居民身份证: [A] }, { createdAt: '2026-11-24T08:00:00.000Z' }),
      app('app-0002', '李建国', 'draft', { 法定代表人身份证: [A], 经营场所证明: [B] }, { createdAt: '2026-11-25T08:00:00.000Z' }),
    ];
    const [entry] = describeLockerEntries([item(A)], apps);
    expect(entry.names).toEqual(['法定代表人身份证', '居民身份证']);
    expect(entry.uses.map((u) => [u.applicantName, u.guideName, u.state])).toEqual([
      ['李建国', '个体工商户设立登记', 'draft'],
      ['王秀英', '个体工商户设立登记', 'unsent'],
    ]);
  });

  it('should follow the removal rule: a draft or a photo not yet at the gateway blocks, a sent photo does not', () => {
    const apps = [app('app-0001', '王秀英', 'submitted', { 居民身份证: [A] }), app('app-0002', '张三', 'draft', { 营业执照: [B] })];
    const [unsent, drafted] = describeLockerEntries([item(A), item(B, { uploadedAt: '2026-11-25T09:00:00.000Z' })], apps);
    expect(blockedReason(unsent)).toBe('王秀英的申请还没发送，不能删除');
    expect(blockedHint(unsent)).toContain('发送完就可以删除');
    expect(blockedReason(drafted)).toBe('张三的申请还没提交，不能删除');
    expect(blockedHint(drafted)).toContain('草稿里');

    const [sent] = describeLockerEntries([item(A, { uploadedAt: '2026-11-25T09:00:00.000Z' })], apps);
    expect(sent.uses[0].state).toBe('sent');
    expect(sent.blockers).toEqual([]);
    expect(blockedReason(sent)).toBeNull();
  });

  it('should say both reasons and shorten a long list of applicants', () => {
    const apps = ['甲', '乙', '丙', '丁'].map((n, i) => app(`app-000${i}`, n, 'submitted', { 居民身份证: [A] }));
    apps.push(app('app-0009', '戊', 'draft', { 居民身份证: [A] }));
    const [entry] = describeLockerEntries([item(A)], apps);
    expect(blockedReason(entry)).toMatch(/^.、.、.等4人的申请还没发送，戊的申请还没提交，不能删除$/);
  });

  it('should name a signature and supplement pages, and keep the label of an item nothing uses', () => {
    const signed = app(
      'app-0001',
      '王秀英',
      'submitted',
      {},
      {
        commitment: { waivedKeys: ['m0'], text: '承诺', signedAt: '2026-11-25T08:00:00.000Z', signature: { sha256: SIG, bytes: 9, contentType: 'image/png' } },
        supplements: [
          {
            id: 'sup-1',
            requestedBy: 'st-1',
            at: '2026-11-25T08:00:00.000Z',
            materials: [{ key: 'm1', name: '营业执照', pages: [{ sha256: B, bytes: 9, contentType: 'image/jpeg' }] }],
          },
        ],
      },
    );
    const entries = describeLockerEntries([item(SIG, { kind: 'signature', label: '' }), item(B), item(A, { label: '户口本' })], [signed]);
    expect(entries.map((e) => e.names)).toEqual([['承诺书签名'], ['营业执照（补交）'], ['户口本']]);
    expect(entries[2].uses).toEqual([]);
  });

  it('should offer a filter per applicant and for unused items only when there is something to tell apart', () => {
    const apps = [
      app('app-0001', '王秀英', 'submitted', { 居民身份证: [A] }),
      app('app-0002', '王秀英', 'submitted', { 居民身份证: [A] }),
      app('app-0003', '李建国', 'submitted', { 居民身份证: [A, B] }),
    ];
    const C = 'd'.repeat(64);
    const entries = describeLockerEntries([item(A), item(B), item(C)], apps);
    const options = lockerFilterOptions(entries);
    expect(options.map((o) => `${o.label}${o.count}`)).toEqual(['全部3', '李建国2', '王秀英1', '没用到的1']);
    expect(filterLockerEntries(entries, { kind: 'applicant', name: '李建国' }).map((e) => e.item.sha256)).toEqual([A, B]);
    expect(filterLockerEntries(entries, { kind: 'unused' }).map((e) => e.item.sha256)).toEqual([C]);
    expect(filterLockerEntries(entries, { kind: 'all' })).toHaveLength(3);

    expect(lockerFilterOptions(describeLockerEntries([item(A)], apps.slice(0, 1)))).toEqual([]);
  });

  it('should total what the locker takes and what deleting could free', () => {
    const entries = describeLockerEntries([item(A), item(B, { storedBytes: 1024 * 1024 })], [app('app-0001', '王秀英', 'draft', { 居民身份证: [A] })]);
    expect(describeLockerTotals(entries)).toBe('材料柜里有 2 张，共约 1.3 MB（其中 1 张可以删除，约 1 MB）');
    expect(describeLockerTotals(entries.slice(1))).toBe('材料柜里有 1 张，共约 1 MB');
    expect(describeLockerTotals([])).toBe('');
  });

  it('should say when a photo was taken or a signature signed, with the year only when it is not this one', () => {
    const at = new Date(2026, 10, 26, 9, 5).toISOString();
    const now = new Date(2026, 11, 1);
    expect(describeTakenAt({ createdAt: at, kind: 'photo' }, now)).toBe('11月26日 09:05 拍的');
    expect(describeTakenAt({ createdAt: at, kind: 'signature' }, now)).toBe('11月26日 09:05 签的');
    expect(describeTakenAt({ createdAt: at, kind: 'photo' }, new Date(2027, 0, 2))).toBe('2026年11月26日 09:05 拍的');
    expect(describeTakenAt({ createdAt: 'not a date', kind: 'photo' }, now)).toBe('');
  });
});

describe('same-name households in the locker', () => {
  const withId = (id: string, name: string, idNumber: string | undefined, sha: string) => {
    const a = app(id, name, 'submitted', { 居民身份证: [sha] });
    return { ...a, applicant: { name, ...(idNumber ? { idNumber } : {}) } };
  };

  it('should tell two 张伟 apart by the last four digits of their ID numbers, never the whole number', () => {
    const apps = [withId('app-1', '张伟', '332527198805120029', A), withId('app-2', '张伟', '33252719900101123x', B), withId('app-3', '王秀英', '332527198805120011', SIG)];
    const entries = describeLockerEntries([item(A), item(B), item(SIG)], apps);
    expect(entries.map((e) => e.uses[0].applicantName)).toEqual(['张伟（尾号0029）', '张伟（尾号123X）', '王秀英']);
    const labels = lockerFilterOptions(entries).map((o) => o.label);
    expect(labels).toEqual(['全部', '王秀英', '张伟（尾号0029）', '张伟（尾号123X）']);
    expect(JSON.stringify(entries)).not.toContain('332527');
    const one = lockerFilterOptions(entries).find((o) => o.label === '张伟（尾号0029）')!;
    expect(filterLockerEntries(entries, one.filter).map((e) => e.item.sha256)).toEqual([A]);
  });

  it('should keep one group for one person filing twice, and the bare name without an ID number', () => {
    const apps = [withId('app-1', '张伟', '332527198805120029', A), withId('app-2', '张伟', '332527198805120029', B)];
    expect(lockerFilterOptions(describeLockerEntries([item(A), item(B)], apps))).toEqual([]);
    const mixed = describeLockerEntries([item(A), item(B)], [withId('app-1', '张伟', '332527198805120029', A), withId('app-2', '张伟', undefined, B)]);
    expect(mixed.map((e) => e.uses[0].applicantName)).toEqual(['张伟（尾号0029）', '张伟']);
    // A short typo is never shown: its last four would be most of it.
    expect(describeLockerEntries([item(A)], [withId('app-1', '李', '1234', A), withId('app-2', '李', '332527198805120029', B)])[0].uses[0].applicantName).toBe('李');
  });
});

import { describe, expect, it } from 'vitest';
import type { ApplicationDoc } from '../../../sync-protocol/index.js';
import { describeCleanUpOffer, describeCleanUpOutcome, describeCleanUpQuestion, isDelivered, planSentCleanUp } from './locker-clean-up.js';
import { describeLockerEntries, type LockerItemFacts } from './locker-usage.js';

const MB = 1024 * 1024;
const SENT = '2026-11-25T09:00:00.000Z';
const item = (seed: string, extra: Partial<LockerItemFacts> = {}): LockerItemFacts => ({
  sha256: seed.repeat(64),
  kind: 'photo',
  label: '居民身份证',
  createdAt: '2026-11-25T08:00:00.000Z',
  storedBytes: 3 * MB,
  ...extra,
});
function app(id: string, lifecycle: ApplicationDoc['lifecycle'], seeds: string[]): ApplicationDoc {
  return {
    id,
    guideId: 'guide-0001',
    guideVersion: 1,
    guideName: '个体工商户设立登记',
    applicant: { name: '王秀英' },
    form: {},
    lifecycle,
    createdAt: '2026-11-25T08:00:00.000Z',
    updatedAt: '2026-11-25T08:00:00.000Z',
    materials: [{ key: 'id-card', name: '居民身份证', pages: seeds.map((s) => ({ sha256: s.repeat(64), bytes: 9, contentType: 'image/jpeg' as const })) }],
  };
}

describe('clean-up of delivered photos', () => {
  const entries = describeLockerEntries(
    [item('a', { uploadedAt: SENT }), item('b', { uploadedAt: SENT }), item('c'), item('d', { uploadedAt: SENT }), item('e', { uploadedAt: SENT })],
    [app('app-1', 'submitted', ['a', 'b', 'c']), app('app-2', 'draft', ['d'])],
  );

  it('should take only uploaded photos whose applications were all submitted', () => {
    expect(entries.map(isDelivered)).toEqual([true, true, false, false, false]);
    const plan = planSentCleanUp(entries);
    expect(plan).toEqual({ sha256s: ['a'.repeat(64), 'b'.repeat(64)], bytes: 6 * MB });
  });

  it('should ask with the count and the room it gives back', () => {
    const plan = planSentCleanUp(entries);
    expect(describeCleanUpQuestion(plan)).toBe('删除 2 张已送达的照片，可腾出约 6 MB。删除后无法恢复，申请不受影响。');
    expect(describeCleanUpOffer(plan)).toContain('2 张');
    expect(describeCleanUpOffer({ sha256s: [], bytes: 0 })).toBeNull();
  });

  it('should tell what was deleted, and what was kept because an application needs it now', () => {
    expect(describeCleanUpOutcome({ removed: 22, freedBytes: 9 * MB, skipped: 1, failed: 0 })).toBe('已删除 22 张照片，腾出约 9 MB。有 1 张刚被别的申请用上，没有删，留在手机上。');
    expect(describeCleanUpOutcome({ removed: 0, freedBytes: 0, skipped: 0, failed: 2 })).toBe('没有删除照片。有 2 张没删掉，请再试一次。');
  });
});

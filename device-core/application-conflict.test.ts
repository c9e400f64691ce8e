import { describe, expect, it } from 'vitest';
import type { WireDocument } from '../sync-protocol/messages.js';
import type { ApplicationDoc } from '../sync-protocol/schemas/application.js';
import { resolveApplicationConflict } from './application-conflict.js';

const AT = '2026-11-26T03:00:00.000Z';
const LATER = '2026-11-26T04:00:00.000Z';

function app(extra: Partial<ApplicationDoc>): WireDocument<ApplicationDoc> {
  return {
    id: 'app-00000001',
    guideId: 'guide-0001',
    guideVersion: 1,
    guideName: '个体工商户设立登记',
    applicant: { name: '王秀英' },
    form: { shopName: '小吃店' },
    lifecycle: 'draft',
    createdAt: AT,
    updatedAt: AT,
    _deleted: false,
    ...extra,
  };
}

describe('resolveApplicationConflict', () => {
  it("should keep a submission met by a draft master the device never saw acknowledged, with the master's server stamp", () => {
    const master = app({ server: { receivedAt: AT } });
    const fork = app({ lifecycle: 'submitted', submittedAt: LATER, updatedAt: LATER, form: { shopName: '王记小吃店' } });
    expect(resolveApplicationConflict({ realMasterState: master, newDocumentState: fork })).toEqual({ ...fork, server: { receivedAt: AT } });
  });

  it('should still let the master win without a base in every other case', () => {
    const master = app({ lifecycle: 'submitted', submittedAt: AT, form: { shopName: '甲' } });
    const fork = app({ lifecycle: 'submitted', submittedAt: AT, form: { shopName: '乙' } });
    expect(resolveApplicationConflict({ realMasterState: master, newDocumentState: fork }).form).toEqual({ shopName: '甲' });
    const draftFork = app({ form: { shopName: '乙' } });
    expect(resolveApplicationConflict({ realMasterState: app({ form: { shopName: '甲' } }), newDocumentState: draftFork }).form).toEqual({ shopName: '甲' });
  });

  it('should merge three ways when the device knows the master it assumed', () => {
    const base = app({});
    const master = app({ applicant: { name: '王秀英', phone: '13800000000' } } as Partial<ApplicationDoc>);
    const fork = app({ lifecycle: 'submitted', submittedAt: LATER });
    const merged = resolveApplicationConflict({ realMasterState: master, newDocumentState: fork, assumedMasterState: base });
    expect(merged.lifecycle).toBe('submitted');
    expect(merged.applicant).toEqual(master.applicant);
  });
});

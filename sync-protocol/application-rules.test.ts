import { describe, expect, it } from 'vitest';
import { applicationRuleIssues } from './application-rules.js';
import { mergeConflict } from './conflicts.js';
import { referencedMaterials, type ApplicationDoc, type Supplement } from './schemas/application.js';
import { statusSchema } from './schemas/status.js';
import { createDocumentValidators, validateWireDocument } from './validation.js';

const validators = createDocumentValidators();
const sha = (c: string) => c.repeat(64);

const submitted: ApplicationDoc = {
  id: 'app-0000000001',
  guideId: 'guide-0000001',
  guideVersion: 1,
  guideName: '个体工商户设立登记',
  applicant: { name: '张三' },
  form: {},
  lifecycle: 'submitted',
  createdAt: '2026-11-20T08:00:00.000Z',
  updatedAt: '2026-11-20T08:00:00.000Z',
  materials: [{ key: 'id-card', name: '身份证', pages: [{ sha256: sha('a'), bytes: 10, contentType: 'image/jpeg' }] }],
};

const supplement: Supplement = {
  id: 'sup-00000001',
  requestedBy: 'p-app-0000000001-3',
  materials: [{ key: 'id-card', name: '身份证', pages: [{ sha256: sha('b'), bytes: 12, contentType: 'image/jpeg' }] }],
  at: '2026-11-22T08:00:00.000Z',
};

describe('supplements and rating in the application schema', () => {
  it('should accept a submitted application with a supplement and a rating', () => {
    const doc = { ...submitted, supplements: [supplement], rating: { score: 5, comment: '办事很快', at: '2026-11-25T08:00:00.000Z' }, _deleted: false };
    expect(validateWireDocument(validators.applications, doc)).toEqual({ ok: true });
  });

  it('should refuse a rating outside 1 to 5 and a comment over 500 characters', () => {
    const low = validateWireDocument(validators.applications, { ...submitted, rating: { score: 0, at: '2026-11-25T08:00:00.000Z' } });
    expect(low.ok === false && low.issues[0].field).toBe('rating.score');
    const long = validateWireDocument(validators.applications, { ...submitted, rating: { score: 3, comment: '好'.repeat(501), at: '2026-11-25T08:00:00.000Z' } });
    expect(long.ok === false && long.issues[0].field).toBe('rating.comment');
  });

  it('should refuse a supplement without pages', () => {
    const empty = { ...supplement, materials: [{ key: 'id-card', name: '身份证', pages: [] }] };
    const result = validateWireDocument(validators.applications, { ...submitted, supplements: [empty] });
    expect(result.ok === false && result.issues[0].field).toBe('supplements.0.materials.0.pages');
  });

  it('should count the pages of supplements among the referenced materials', () => {
    expect(referencedMaterials({ ...submitted, supplements: [supplement] })).toEqual([sha('a'), sha('b')]);
  });

  it('should accept a status naming the material key (status version 1)', () => {
    expect(statusSchema.version).toBe(1);
    const status = {
      id: 'p-1',
      applicationId: submitted.id,
      state: 'supplement_required',
      materials: [{ key: 'id-card', name: '身份证', reason: '照片模糊' }],
      at: '2026-11-21T08:00:00.000Z',
      _deleted: false,
    };
    expect(validateWireDocument(validators.statuses, status)).toEqual({ ok: true });
  });
});

describe('a draft without the applicant name', () => {
  const nameless = { ...submitted, lifecycle: 'draft' as const, applicant: {} };

  it('should be a valid document (a photo is often attached before anything is typed)', () => {
    expect(validateWireDocument(validators.applications, { ...nameless, _deleted: false })).toEqual({ ok: true });
    expect(applicationRuleIssues(nameless)).toEqual([]);
  });

  it('should not be submitted: the rule names the field', () => {
    expect(applicationRuleIssues({ ...nameless, lifecycle: 'submitted' })).toEqual([{ field: 'applicant.name', code: 'REQUIRED' }]);
    expect(applicationRuleIssues({ ...submitted, applicant: { name: '  ' } })[0].field).toBe('applicant.name');
  });

  it('should still refuse an empty name string in the schema', () => {
    const result = validateWireDocument(validators.applications, { ...nameless, applicant: { name: '' }, _deleted: false });
    expect(result.ok === false && result.issues[0].field).toBe('applicant.name');
  });
});

describe('applicationRuleIssues', () => {
  it('should allow supplements and a rating on a submitted application', () => {
    expect(applicationRuleIssues({ ...submitted, supplements: [supplement], rating: { score: 4, at: '2026-11-25T08:00:00.000Z' } }, { master: submitted })).toEqual([]);
  });

  it('should refuse supplements and a rating on a draft', () => {
    const draft = { ...submitted, lifecycle: 'draft' as const, supplements: [supplement], rating: { score: 4, at: '2026-11-25T08:00:00.000Z' } };
    expect(applicationRuleIssues(draft).map((issue) => issue.field)).toEqual(['supplements', 'rating']);
  });

  it('should refuse two supplements with one id', () => {
    expect(applicationRuleIssues({ ...submitted, supplements: [supplement, supplement] })[0].field).toBe('supplements');
  });

  it('should refuse changing or removing a supplement the gateway holds', () => {
    const master = { ...submitted, supplements: [supplement] };
    expect(applicationRuleIssues({ ...submitted, supplements: [] }, { master })[0].field).toBe('supplements');
    const changed = { ...supplement, note: '换一张' };
    expect(applicationRuleIssues({ ...submitted, supplements: [changed] }, { master })[0].field).toBe('supplements');
    const second = { ...supplement, id: 'sup-00000002' };
    expect(applicationRuleIssues({ ...submitted, supplements: [supplement, second] }, { master })).toEqual([]);
  });

  it('should refuse changing a rating once given', () => {
    const master = { ...submitted, rating: { score: 2, at: '2026-11-25T08:00:00.000Z' } };
    expect(applicationRuleIssues({ ...submitted, rating: { score: 5, at: '2026-11-25T09:00:00.000Z' } }, { master })[0].field).toBe('rating');
    expect(applicationRuleIssues(master, { master })).toEqual([]);
  });

  it('should keep a supplement from the master when only the device edited another field in a conflict', () => {
    const assumed = { ...submitted, _deleted: false };
    const master = { ...submitted, supplements: [supplement], _deleted: false };
    const device = { ...submitted, notes: '备注', _deleted: false };
    const merged = mergeConflict({ realMasterState: master, assumedMasterState: assumed, newDocumentState: device }) as unknown as ApplicationDoc;
    expect(merged.supplements).toEqual([supplement]);
    expect(merged.notes).toBe('备注');
  });
});

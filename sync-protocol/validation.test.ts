import { describe, expect, it } from 'vitest';
import { createDocumentValidators, validateWireDocument } from './validation.js';

const validators = createDocumentValidators();

const application = {
  id: 'app-0000000001',
  guideId: 'guide-0000001',
  guideVersion: 1,
  guideName: '个体工商户设立登记',
  applicant: { name: '张三', phone: '13800138000' },
  form: { shopName: '张三小卖部' },
  lifecycle: 'submitted',
  createdAt: '2026-11-20T08:00:00.000Z',
  updatedAt: '2026-11-20T08:00:00.000Z',
  _deleted: false,
};

describe('document validation', () => {
  it('should accept a valid application', () => {
    expect(validateWireDocument(validators.applications, application)).toEqual({ ok: true });
  });

  it('should name a missing nested field', () => {
    const result = validateWireDocument(validators.applications, { ...application, materials: [{ key: 'id-card', name: '身份证' }] });
    expect(result).toEqual({ ok: false, issues: [{ field: 'materials.0.pages', reason: 'is required' }] });
  });

  it('should name a field of the wrong type', () => {
    const result = validateWireDocument(validators.applications, { ...application, guideVersion: 'one' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0].field).toBe('guideVersion');
  });

  it('should refuse unknown fields by name', () => {
    const result = validateWireDocument(validators.applications, { ...application, secret: 1 });
    expect(result).toEqual({ ok: false, issues: [{ field: 'secret', reason: 'is not an allowed field' }] });
  });

  it('should refuse a non-boolean tombstone flag', () => {
    const result = validateWireDocument(validators.applications, { ...application, _deleted: 'yes' });
    expect(result).toEqual({ ok: false, issues: [{ field: '_deleted', reason: 'must be a boolean' }] });
  });

  it('should refuse a device time that is not a date-time', () => {
    const result = validateWireDocument(validators.applications, { ...application, createdAt: 'yesterday' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0].field).toBe('createdAt');
  });

  it('should accept materials by content address, a waiver and a signed commitment', () => {
    const page = { sha256: 'a'.repeat(64), bytes: 301_000, contentType: 'image/jpeg', width: 1200, height: 1600 };
    const result = validateWireDocument(validators.applications, {
      ...application,
      trackingCode: 'TB-7KQ4-M2XD-9F3A-0C1E',
      materials: [
        { key: 'id-card', name: '居民身份证', pages: [page, { ...page, sha256: 'b'.repeat(64) }] },
        { key: 'property-proof', name: '经营场所使用证明', pages: [], waived: true },
      ],
      commitment: {
        waivedKeys: ['property-proof'],
        text: '本人承诺在5个工作日内补齐经营场所使用证明。',
        signature: { sha256: 'c'.repeat(64), bytes: 8000, contentType: 'image/png' },
        signedAt: '2026-11-20T08:00:00.000Z',
      },
    });
    expect(result).toEqual({ ok: true });
  });

  it('should name a material page whose hash is not a SHA-256', () => {
    const result = validateWireDocument(validators.applications, {
      ...application,
      materials: [{ key: 'id-card', name: '居民身份证', pages: [{ sha256: 'xyz', bytes: 1, contentType: 'image/jpeg' }] }],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0].field).toBe('materials.0.pages.0.sha256');
  });
});

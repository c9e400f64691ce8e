import { describe, expect, it } from 'vitest';
import type { ApplicationDoc } from '../../sync-protocol/index.js';
import type { StoredDocument } from './stored-document.js';
import { intakeMaterialHashes } from '../../province/intake-contract.js';
import { idempotencyKey, mayGoUpstream, outboxEntriesFor, toIntakeApplication, toIntakeRating, toIntakeSupplement } from './plan-deliveries.js';

const page = { sha256: 'b'.repeat(64), bytes: 10, contentType: 'image/png' as const, width: 100, height: 50 };
const app: ApplicationDoc = {
  id: 'app-00000001',
  guideId: 'guide-331123-x',
  guideVersion: 2,
  guideName: '个体工商户设立登记',
  applicant: { name: '王秀英', idNumber: '330000' },
  form: { shopName: '小吃店' },
  lifecycle: 'submitted',
  createdAt: '2026-11-20T08:00:00.000Z',
  updatedAt: '2026-11-20T08:00:00.000Z',
  trackingCode: 'TB-7KQ4-M2XD-9F3A-0C1E',
  materials: [{ key: 'id-card', name: '居民身份证', pages: [page] }],
  supplements: [{ id: 'sup-00000001', requestedBy: 's', materials: [{ key: 'id-card', name: '居民身份证', pages: [page] }], note: '重拍', at: '2026-11-21T08:00:00.000Z' }],
  rating: { score: 5, comment: '好', at: '2026-11-22T08:00:00.000Z' },
};

function stored(doc: ApplicationDoc, extra: Partial<StoredDocument> = {}): StoredDocument {
  return {
    _id: doc.id,
    data: { ...doc } as Record<string, unknown>,
    server: { receivedAt: 'r', completeAt: '2026-11-20T09:00:00.000Z' },
    deleted: false,
    materialsComplete: true,
    ...extra,
  };
}

describe('outboxEntriesFor', () => {
  it('should owe the province the submission, each supplement and the rating of a complete submitted application', () => {
    const entries = outboxEntriesFor(stored(app), 'alice01', '2026-11-26T00:00:00.000Z');
    expect(entries.map((e) => [e._id, e.kind, e.key])).toEqual([
      ['submit:app-00000001', 'submit', idempotencyKey('submit', app)],
      ['supplement:app-00000001:sup-00000001', 'supplement', 'app-00000001.supplement.sup-00000001'],
      ['rating:app-00000001', 'rating', 'app-00000001.rating'],
    ]);
    expect(entries[0]).toMatchObject({ owner: 'alice01', state: 'pending', attempts: 0, readyAt: '2026-11-20T09:00:00.000Z' });
  });

  it('should owe nothing for a draft, an incomplete application or a tombstone', () => {
    expect(outboxEntriesFor(stored({ ...app, lifecycle: 'draft' }), 'a', 'now')).toEqual([]);
    expect(outboxEntriesFor(stored(app, { materialsComplete: false }), 'a', 'now')).toEqual([]);
    expect(outboxEntriesFor(stored(app, { deleted: true }), 'a', 'now')).toEqual([]);
  });
});

describe('mayGoUpstream', () => {
  it('should let only a live, submitted application whose every material is held go upstream, whatever its stamp says', () => {
    expect(mayGoUpstream(stored(app), true)).toBe(true);
    expect(mayGoUpstream(stored(app), false)).toBe(false);
    expect(mayGoUpstream(stored(app, { materialsComplete: false }), true)).toBe(true);
    expect(mayGoUpstream(stored({ ...app, lifecycle: 'draft' }), true)).toBe(false);
    expect(mayGoUpstream(stored(app, { deleted: true }), true)).toBe(false);
  });
});

describe('idempotencyKey', () => {
  it('should stay the same when only supplements, rating, notes or updatedAt change, and change with the submitted content', () => {
    const key = idempotencyKey('submit', app);
    expect(key).toMatch(/^app-00000001\.submit\.[0-9a-f]{16}$/);
    expect(idempotencyKey('submit', { ...app, supplements: [], rating: undefined, notes: 'x', updatedAt: '2027-01-01T00:00:00.000Z' })).toBe(key);
    expect(idempotencyKey('submit', { ...app, form: { shopName: '面馆' } })).not.toBe(key);
  });
});

describe('intake bodies', () => {
  it('should carry the application with its materials by hash and the gateway’s time', () => {
    const body = toIntakeApplication(app, '2026-11-20T09:00:00.000Z');
    expect(body.materials).toEqual([{ key: 'id-card', name: '居民身份证', pages: [{ sha256: page.sha256, bytes: 10, contentType: 'image/png' }] }]);
    expect(body).toMatchObject({ applicationId: app.id, trackingCode: app.trackingCode, receivedAt: '2026-11-20T09:00:00.000Z' });
  });

  it("should carry an agent's authorisation with its image by hash, and the applicant's address", () => {
    const authorisation = {
      method: 'thumbprint' as const,
      text: '授权委托书',
      image: page,
      agent: { userId: 'agent0000001', name: '李建国' },
      signedAt: '2026-11-20T08:00:00.000Z',
    };
    const body = toIntakeApplication({ ...app, applicant: { ...app.applicant, address: '石练村12号' }, householdId: 'household-0001', authorisation }, '2026-11-20T09:00:00.000Z');
    expect(body.authorisation).toEqual({ ...authorisation, image: { sha256: page.sha256, bytes: 10, contentType: 'image/png' } });
    expect(body.applicant.address).toBe('石练村12号');
    expect(intakeMaterialHashes(body).map((p) => p.sha256)).toContain(page.sha256);
  });

  it('should carry a supplement and a rating, or nothing when the application no longer has them', () => {
    expect(toIntakeSupplement(app, 'sup-00000001')).toMatchObject({ supplementId: 'sup-00000001', applicationId: app.id, note: '重拍' });
    expect(toIntakeSupplement(app, 'sup-x')).toBeNull();
    expect(toIntakeRating(app)).toEqual({ applicationId: app.id, score: 5, comment: '好' });
    expect(toIntakeRating({ ...app, rating: undefined })).toBeNull();
  });
});

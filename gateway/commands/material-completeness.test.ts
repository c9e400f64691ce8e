import { describe, expect, it } from 'vitest';
import type { StoredDocument } from '../domain/stored-document.js';
import { materialsOf, withCompleteness } from './material-completeness.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const NOW = '2026-11-26T00:00:00.000Z';

function stored(overrides: Partial<StoredDocument> = {}): StoredDocument {
  return {
    _id: 'app-00000001',
    data: {
      id: 'app-00000001',
      materials: [{ key: 'id-card', name: '身份证', pages: [{ sha256: A, bytes: 1, contentType: 'image/jpeg' }] }],
      commitment: { waivedKeys: ['x'], text: '承诺', signature: { sha256: B, bytes: 1, contentType: 'image/png' }, signedAt: NOW },
    },
    server: { receivedAt: NOW, owner: 'ualice' },
    deleted: false,
    ...overrides,
  };
}

describe('materialsOf', () => {
  it('should list pages and the signature, and nothing for a tombstone', () => {
    expect(materialsOf(stored())).toEqual([A, B]);
    expect(materialsOf(stored({ deleted: true }))).toEqual([]);
  });
});

describe('withCompleteness', () => {
  it('should flag an application incomplete while one material is missing', () => {
    const doc = withCompleteness(stored(), new Set([A]), undefined, NOW);
    expect(doc.materialsComplete).toBe(false);
    expect(doc.server.completeAt).toBeUndefined();
  });

  it('should stamp completeAt now when every material is held', () => {
    const doc = withCompleteness(stored(), new Set([A, B]), undefined, NOW);
    expect(doc).toMatchObject({ materialsComplete: true, server: { completeAt: NOW } });
  });

  it('should keep the first completeAt across edits that stay complete', () => {
    const previous = stored({ materialsComplete: true, server: { receivedAt: NOW, completeAt: '2026-01-01T00:00:00.000Z' } });
    expect(withCompleteness(stored(), new Set([A, B]), previous, NOW).server.completeAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('should give a tombstone neither flag nor stamp, so no index finds it', () => {
    const doc = withCompleteness(stored({ deleted: true, server: { receivedAt: NOW, completeAt: NOW } }), new Set([A, B]), undefined, NOW);
    expect(doc).not.toHaveProperty('materialsComplete');
    expect(doc.server.completeAt).toBeUndefined();
  });
});

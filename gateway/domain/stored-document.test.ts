import { describe, expect, it } from 'vitest';
import { isStoredDocument, toStoredDocument, toWireDocument } from './stored-document.js';

const stamp = { receivedAt: '2026-11-25T08:00:00.000Z', owner: 'u0123456789abcdef' };

describe('toStoredDocument', () => {
  it('should keep client fields under data and drop what the client sent as server', () => {
    const wire = { id: 'app-00000001', name: '张三', server: { receivedAt: '1999-01-01T00:00:00.000Z', owner: 'someone' }, _deleted: false };
    expect(toStoredDocument(wire, stamp, '1-abc')).toEqual({
      _id: 'app-00000001',
      _rev: '1-abc',
      data: { id: 'app-00000001', name: '张三' },
      server: stamp,
      deleted: false,
    });
  });

  it('should store a tombstone as an ordinary revision with deleted true', () => {
    const stored = toStoredDocument({ id: 'app-00000001', _deleted: true }, stamp);
    expect(stored.deleted).toBe(true);
    expect(stored).not.toHaveProperty('_deleted');
    expect(stored.data).not.toHaveProperty('_deleted');
  });
});

describe('toWireDocument', () => {
  const stored = { _id: 'a-00000001', _rev: '2-x', data: { id: 'a-00000001', n: 1 }, server: stamp, deleted: true };

  it('should put data, server and _deleted on the wire without the revision', () => {
    expect(toWireDocument(stored, { includeServer: true })).toEqual({ id: 'a-00000001', n: 1, server: stamp, _deleted: true });
  });

  it('should leave the stamp out for collections whose schema has no server field', () => {
    expect(toWireDocument(stored, { includeServer: false })).toEqual({ id: 'a-00000001', n: 1, _deleted: true });
  });
});

describe('isStoredDocument', () => {
  it('should skip design documents', () => {
    expect(isStoredDocument({ _id: '_design/x', data: {} })).toBe(false);
    expect(isStoredDocument({ _id: 'a-00000001', data: {} })).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { clientContent, decidePushRow, mergeConflict } from './conflicts.js';

type Doc = { id: string; name?: string; form?: Record<string, string>; server?: { receivedAt?: string }; _deleted: boolean };

const base: Doc = { id: 'app-00000001', name: '张三', form: { a: '1', b: '2' }, _deleted: false };
const stamped: Doc = { ...base, server: { receivedAt: '2026-11-25T08:00:00.000Z' } };

describe('clientContent', () => {
  it('should leave out the server-owned fields and local metadata', () => {
    expect(clientContent({ ...stamped, _rev: '1-x', _meta: { lwt: 1 } } as Doc)).toEqual(base);
  });
});

describe('decidePushRow', () => {
  it('should write a document the server has never seen', () => {
    expect(decidePushRow<Doc>(null, null, base)).toBe('write');
  });

  it('should treat a retried push as unchanged, not as a conflict', () => {
    expect(decidePushRow<Doc>(stamped, null, base)).toBe('unchanged');
  });

  it('should write when the assumed master matches, ignoring the server stamp', () => {
    const next = { ...base, name: '李四' };
    expect(decidePushRow<Doc>(stamped, base, next)).toBe('write');
  });

  it('should report a conflict when the master moved on', () => {
    const master = { ...stamped, name: '王五' };
    expect(decidePushRow<Doc>(master, base, { ...base, name: '李四' })).toBe('conflict');
  });

  it('should report a conflict when the device never saw the existing master', () => {
    expect(decidePushRow<Doc>(stamped, null, { ...base, name: '李四' })).toBe('conflict');
  });

  it('should treat a deletion as a client edit', () => {
    expect(decidePushRow<Doc>(stamped, base, { ...base, _deleted: true })).toBe('write');
    expect(decidePushRow<Doc>({ ...stamped, _deleted: true }, null, { ...base, _deleted: true })).toBe('unchanged');
  });
});

describe('mergeConflict', () => {
  it('should keep fields each side changed and let the master win on the same field', () => {
    const master = { ...stamped, form: { a: 'master', b: '2' }, name: '主' };
    const fork = { ...base, form: { a: 'fork', b: 'fork-b' }, name: '张三' };
    const merged = mergeConflict<Doc>({ realMasterState: master, newDocumentState: fork, assumedMasterState: base });
    expect(merged).toEqual({ id: base.id, name: '主', form: { a: 'master', b: 'fork-b' }, server: stamped.server, _deleted: false });
  });

  it('should take the master for every field it has when there is no assumed master', () => {
    const master = { ...stamped, name: '主' };
    const fork = { ...base, name: '副', form: { a: '1', b: '2', c: 'new' } };
    const merged = mergeConflict<Doc>({ realMasterState: master, newDocumentState: fork });
    expect(merged.name).toBe('主');
    expect(merged.form).toEqual({ a: '1', b: '2', c: 'new' });
  });

  it('should let a deletion win over an edit, from either side', () => {
    const deletedMaster = { ...stamped, _deleted: true };
    const edited = { ...base, name: '改' };
    expect(mergeConflict<Doc>({ realMasterState: deletedMaster, newDocumentState: edited, assumedMasterState: base })._deleted).toBe(true);
    expect(mergeConflict<Doc>({ realMasterState: { ...stamped, name: '改' }, newDocumentState: { ...base, _deleted: true }, assumedMasterState: base })._deleted).toBe(true);
  });

  it('should always take the server stamp from the master', () => {
    const fork = { ...base, server: { receivedAt: '1999-01-01T00:00:00.000Z' }, name: 'x' };
    const merged = mergeConflict<Doc>({ realMasterState: stamped, newDocumentState: fork, assumedMasterState: base });
    expect(merged.server).toEqual(stamped.server);
  });

  it('should converge: both devices resolving the same conflict get the same document', () => {
    const master = { ...stamped, form: { a: 'A', b: '2' } };
    const fork = { ...base, form: { a: '1', b: 'B' } };
    const once = mergeConflict<Doc>({ realMasterState: master, newDocumentState: fork, assumedMasterState: base });
    const twice = mergeConflict<Doc>({ realMasterState: master, newDocumentState: once, assumedMasterState: base });
    expect(twice).toEqual(once);
  });
});

import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../../sync-protocol/index.js';
import { keepKnownFields } from './known-fields.js';

describe('keepKnownFields', () => {
  const schema = COLLECTIONS.guides.schema as never;

  it('should drop fields a newer gateway added, at any depth the schema closes', () => {
    const doc = { id: 'guide-0001', name: 'x', future: 1, materials: [{ key: 'a', name: 'b', later: true }], _deleted: false };
    expect(keepKnownFields(schema, doc)).toEqual({ id: 'guide-0001', name: 'x', materials: [{ key: 'a', name: 'b' }], _deleted: false });
  });

  it('should keep every member of an open object such as an application form', () => {
    const app = { id: 'app-00000001', form: { anything: 'yes', n: 2 }, _deleted: false };
    expect(keepKnownFields(COLLECTIONS.applications.schema as never, app)).toEqual(app);
  });
});

import { describe, expect, it } from 'vitest';
import { MemoryDocumentStore, MemoryImportJournalStore } from '../../test/support/memory-stores.js';
import type { ImportWrite } from '../store/store.js';
import { applyImportWrites, rollForwardImports } from './apply-import-writes.js';

const at = '2026-11-25T08:00:00.000Z';

function guideWrite(id: string, area: string, version: number, deleted = false): ImportWrite {
  return { scope: { collection: 'guides', area }, doc: { _id: id, data: { id, areaCode: area, version }, server: { receivedAt: at }, deleted } };
}

describe('applyImportWrites', () => {
  it('should write each database once and skip documents that already hold their planned content', async () => {
    const documents = new MemoryDocumentStore();
    const writes = [guideWrite('guide-a-000001', '331123', 1), guideWrite('guide-b-000001', '331124', 1), guideWrite('guide-c-000001', '331123', 1)];
    expect(await applyImportWrites({ documents }, writes)).toEqual({ written: 3 });
    expect(await applyImportWrites({ documents }, writes)).toEqual({ written: 0 });
    const page = await documents.pullChanges({ collection: 'guides', area: '331123' }, '0', 10);
    expect(page.documents.map((doc) => doc._id)).toEqual(['guide-a-000001', 'guide-c-000001']);
  });

  it('should overwrite whatever stands where the plan says otherwise', async () => {
    const documents = new MemoryDocumentStore();
    await applyImportWrites({ documents }, [guideWrite('guide-a-000001', '331123', 1)]);
    await applyImportWrites({ documents }, [guideWrite('guide-a-000001', '331123', 2, true)]);
    const stored = (await documents.readDocuments({ collection: 'guides', area: '331123' }, ['guide-a-000001'])).get('guide-a-000001');
    expect(stored).toMatchObject({ deleted: true, data: { version: 2 } });
  });
});

describe('rollForwardImports', () => {
  it('should apply every entry left applying, oldest first, and mark each applied', async () => {
    const documents = new MemoryDocumentStore();
    const imports = new MemoryImportJournalStore();
    const result = { created: [], updated: [], unchanged: [], withdrawn: [] };
    await imports.create({ id: `${at}-b`, state: 'applying', createdAt: at, writes: [guideWrite('guide-a-000001', '331123', 2)], result });
    await imports.create({ id: `${at}-a`, state: 'applying', createdAt: at, writes: [guideWrite('guide-a-000001', '331123', 1)], result });
    await imports.create({ id: `${at}-0`, state: 'applied', createdAt: at, writes: [guideWrite('guide-z-000001', '331123', 1)], result });
    const rolled = await rollForwardImports({ documents, imports, now: () => at });
    expect(rolled).toEqual([
      { id: `${at}-a`, written: 1 },
      { id: `${at}-b`, written: 1 },
    ]);
    expect(await imports.listApplying()).toEqual([]);
    const stored = await documents.readDocuments({ collection: 'guides', area: '331123' }, ['guide-a-000001', 'guide-z-000001']);
    expect(stored.get('guide-a-000001')?.data.version).toBe(2);
    expect(stored.has('guide-z-000001')).toBe(false);
  });
});

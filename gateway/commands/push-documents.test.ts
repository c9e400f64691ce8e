import { Readable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApplicationDoc, PushRow, WireDocument } from '../../sync-protocol/index.js';
import { MemoryDocumentStore, MemoryMaterialStore, MemoryRegistryStore } from '../../test/support/memory-stores.js';
import { createValidators } from '../validators.js';
import { pushDocuments, type PushDeps } from './push-documents.js';

type App = WireDocument<Record<string, unknown>>;
type Row = PushRow<Record<string, unknown>>;

const validators = createValidators();
const clock = { now: () => new Date('2026-11-25T08:00:00.000Z') };

function application(id: string, name = '张三'): App {
  const doc: WireDocument<ApplicationDoc> = {
    id,
    guideId: 'guide-getihu-0001',
    guideVersion: 1,
    guideName: '个体工商户设立登记',
    applicant: { name },
    form: { shopName: '小卖部' },
    lifecycle: 'draft',
    createdAt: '2026-11-20T08:00:00.000Z',
    updatedAt: '2026-11-20T08:00:00.000Z',
    _deleted: false,
  };
  return doc as unknown as App;
}

describe('pushDocuments', () => {
  let deps: PushDeps & { documents: MemoryDocumentStore };

  beforeEach(() => {
    deps = { documents: new MemoryDocumentStore(), registry: new MemoryRegistryStore(), materials: new MemoryMaterialStore(), clock };
  });

  function push(userId: string, rows: Row[]) {
    return pushDocuments(deps, { collection: 'applications', userId, role: 'applicant', validate: validators.documents.applications, request: { rows } });
  }

  async function stored(userId: string, id: string) {
    return (await deps.documents.readDocuments({ collection: 'applications', userId }, [id])).get(id);
  }

  it('should write a new document with the server stamp and ignore the client one', async () => {
    const doc = { ...application('app-00000001'), server: { receivedAt: '1999-01-01T00:00:00.000Z', owner: 'ux', completeAt: '1999-01-01T00:00:00.000Z' } };
    const { response, counts } = await push('ualice', [{ newDocumentState: doc }]);
    expect(response).toEqual({ conflicts: [], errors: [] });
    expect(counts).toMatchObject({ rows: 1, written: 1 });
    // Without materials the application is complete at once.
    expect((await stored('ualice', 'app-00000001'))?.server).toEqual({ receivedAt: '2026-11-25T08:00:00.000Z', owner: 'ualice', completeAt: '2026-11-25T08:00:00.000Z' });
  });

  it('should write nothing when the same rows come again', async () => {
    const rows = [{ newDocumentState: application('app-00000001') }];
    await push('ualice', rows);
    const rev = (await stored('ualice', 'app-00000001'))?._rev;
    const again = await push('ualice', rows);
    expect(again.response).toEqual({ conflicts: [], errors: [] });
    expect(again.counts).toMatchObject({ written: 0, unchanged: 1 });
    expect((await stored('ualice', 'app-00000001'))?._rev).toBe(rev);
  });

  it('should answer a stale assumed master with the current master', async () => {
    const base = application('app-00000001');
    await push('ualice', [{ newDocumentState: base }]);
    await push('ualice', [{ assumedMasterState: base, newDocumentState: application('app-00000001', '李四') }]);
    const late = await push('ualice', [{ assumedMasterState: base, newDocumentState: application('app-00000001', '王五') }]);
    expect(late.response.conflicts).toHaveLength(1);
    expect(late.response.conflicts[0]).toMatchObject({ id: 'app-00000001', applicant: { name: '李四' }, _deleted: false });
  });

  it('should refuse an id another user holds and still store the rest of the batch', async () => {
    await push('ubob', [{ newDocumentState: application('app-bob-0001') }]);
    const { response } = await push('ualice', [{ newDocumentState: application('app-bob-0001', '冒名') }, { newDocumentState: application('app-alice-01') }]);
    expect(response.errors).toEqual([expect.objectContaining({ id: 'app-bob-0001', code: 'NOT_OWNER' })]);
    expect(await stored('ualice', 'app-alice-01')).toBeDefined();
    expect((await stored('ubob', 'app-bob-0001'))?.data.applicant).toEqual({ name: '张三' });
  });

  it('should name the invalid field and store the valid documents of the batch', async () => {
    const bad: App = { ...application('app-00000002'), applicant: { name: '张三', phone: '1'.repeat(21) } };
    const { response } = await push('ualice', [{ newDocumentState: bad }, { newDocumentState: application('app-00000003') }]);
    expect(response.errors).toEqual([expect.objectContaining({ id: 'app-00000002', code: 'DOCUMENT_INVALID', field: 'applicant.phone' })]);
    expect(await stored('ualice', 'app-00000003')).toBeDefined();
    expect(await stored('ualice', 'app-00000002')).toBeUndefined();
  });

  it('should store a draft without the applicant name and refuse it submitted, naming the field', async () => {
    const nameless: App = { ...application('app-00000004'), applicant: {} };
    expect((await push('ualice', [{ newDocumentState: nameless }])).response.errors).toEqual([]);
    expect((await stored('ualice', 'app-00000004'))?.data.applicant).toEqual({});

    const submitted: App = { ...nameless, lifecycle: 'submitted', submittedAt: '2026-11-20T09:00:00.000Z' };
    const { response } = await push('ualice', [{ assumedMasterState: nameless, newDocumentState: submitted }]);
    expect(response.errors).toEqual([expect.objectContaining({ id: 'app-00000004', code: 'DOCUMENT_INVALID', field: 'applicant.name' })]);
    expect((await stored('ualice', 'app-00000004'))?.data.lifecycle).toBe('draft');
  });

  it('should refuse a row whose assumed master has another id', async () => {
    const { response } = await push('ualice', [{ assumedMasterState: application('app-00000009'), newDocumentState: application('app-00000001') }]);
    expect(response.errors).toEqual([expect.objectContaining({ id: 'app-00000001', code: 'DOCUMENT_INVALID', field: 'id' })]);
  });

  it('should answer a conflict when another writer lands between the read and the write', async () => {
    const base = application('app-00000001');
    await push('ualice', [{ newDocumentState: base }]);
    deps.documents.beforeWrite = async () => {
      deps.documents.beforeWrite = null;
      const current = await stored('ualice', 'app-00000001');
      await deps.documents.writeDocuments({ collection: 'applications', userId: 'ualice' }, [{ ...current!, data: { ...current!.data, notes: '另一台网关' } }]);
    };
    const { response, counts } = await push('ualice', [{ assumedMasterState: base, newDocumentState: application('app-00000001', '李四') }]);
    expect(counts.written).toBe(0);
    expect(response.conflicts).toEqual([expect.objectContaining({ id: 'app-00000001', notes: '另一台网关' })]);
  });

  it('should store a deletion as a tombstone that keeps the body', async () => {
    const base = application('app-00000001');
    await push('ualice', [{ newDocumentState: base }]);
    await push('ualice', [{ assumedMasterState: base, newDocumentState: { ...base, _deleted: true } }]);
    const doc = await stored('ualice', 'app-00000001');
    expect(doc?.deleted).toBe(true);
    expect(doc?.data.guideName).toBe('个体工商户设立登记');
  });

  describe('round trips', () => {
    /** Counts master reads: a push of ids never seen before needs none. */
    function countReads(): { reads: number } {
      const counter = { reads: 0 };
      const read = deps.documents.readDocuments.bind(deps.documents);
      deps.documents.readDocuments = async (scope, ids) => {
        if (ids.length > 0) counter.reads += 1;
        return read(scope, ids);
      };
      return counter;
    }

    it('should write ids the registry had never seen without reading masters', async () => {
      const counter = countReads();
      const { counts } = await push('ualice', [{ assumedMasterState: null, newDocumentState: application('app-fresh-01') }, { newDocumentState: application('app-fresh-02') }]);
      expect(counts.written).toBe(2);
      expect(counter.reads).toBe(0);
    });

    it('should read the master of an id held already: a repeated deletion stays a no-op, never a resurrection', async () => {
      const base = application('app-00000001');
      await push('ualice', [{ newDocumentState: base }]);
      await push('ualice', [{ assumedMasterState: base, newDocumentState: { ...base, _deleted: true } }]);
      const tombstone = await stored('ualice', 'app-00000001');
      const counter = countReads();
      // A device that never saw the deletion sends the living document again as new.
      const late = await push('ualice', [{ assumedMasterState: null, newDocumentState: base }]);
      expect(counter.reads).toBe(1);
      expect(late.counts.written).toBe(0);
      expect(late.response.conflicts).toEqual([expect.objectContaining({ id: 'app-00000001', _deleted: true })]);
      expect((await stored('ualice', 'app-00000001'))?._rev).toBe(tombstone?._rev);
    });

    it('should answer a retry of a push that was written but never answered as unchanged', async () => {
      const rows = [{ assumedMasterState: null, newDocumentState: application('app-00000001') }];
      await push('ualice', rows);
      const again = await push('ualice', rows);
      expect(again.response).toEqual({ conflicts: [], errors: [] });
      expect(again.counts).toMatchObject({ written: 0, unchanged: 1 });
    });

    it('should refuse an id another user holds without writing it, whatever the device assumed', async () => {
      await push('ubob', [{ newDocumentState: application('app-bob-0001') }]);
      const { response } = await push('ualice', [{ assumedMasterState: null, newDocumentState: application('app-bob-0001', '冒名') }]);
      expect(response.errors).toEqual([expect.objectContaining({ id: 'app-bob-0001', code: 'NOT_OWNER', field: 'id' })]);
      expect(await stored('ualice', 'app-bob-0001')).toBeUndefined();
    });
  });

  describe('completeness of applications', () => {
    const photo = 'a'.repeat(64);
    const withPhoto = (id: string): App => ({ ...application(id), materials: [{ key: 'photo', name: '照片', pages: [{ sha256: photo, bytes: 10, contentType: 'image/jpeg' }] }] });
    const material = { sha256: photo, contentType: 'image/jpeg', bytes: 1, open: () => Readable.from([Buffer.from('x')]) };

    it('should leave completeAt out and flag the application while a material is missing', async () => {
      await push('ualice', [{ newDocumentState: withPhoto('app-00000001') }]);
      const doc = await stored('ualice', 'app-00000001');
      expect(doc?.server.completeAt).toBeUndefined();
      expect(doc?.materialsComplete).toBe(false);
      expect(await deps.documents.listAwaitingMaterials('ualice')).toHaveLength(1);
    });

    it('should stamp completeAt when the owner already holds every material, and only the owner', async () => {
      await deps.materials.put('ubob', material);
      await push('ualice', [{ newDocumentState: withPhoto('app-00000001') }]);
      expect((await stored('ualice', 'app-00000001'))?.server.completeAt).toBeUndefined();
      await deps.materials.put('ualice', material);
      await push('ualice', [{ newDocumentState: withPhoto('app-00000002') }]);
      expect((await stored('ualice', 'app-00000002'))?.server.completeAt).toBe('2026-11-25T08:00:00.000Z');
    });

    it('should complete an application whose material landed between the check and the write', async () => {
      deps.documents.beforeWrite = async () => {
        deps.documents.beforeWrite = null;
        await deps.materials.put('ualice', material);
      };
      await push('ualice', [{ newDocumentState: withPhoto('app-00000001') }]);
      const doc = await stored('ualice', 'app-00000001');
      expect(doc?.server.completeAt).toBe('2026-11-25T08:00:00.000Z');
      expect(doc?.materialsComplete).toBe(true);
    });
  });
});

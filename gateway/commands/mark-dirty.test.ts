import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ApplicationDoc, WireDocument } from '../../sync-protocol/index.js';
import { MemoryDocumentStore, MemoryMaterialStore, MemoryOutboxStore, MemoryRegistryStore } from '../../test/support/memory-stores.js';
import { submitEntryId } from '../domain/outbox-entry.js';
import { createValidators } from '../validators.js';
import { DIRTY_MARK_STALE_MS, sweepDirtyUsers } from './enqueue-deliveries.js';
import { pushDocuments, type PushDeps } from './push-documents.js';

const validators = createValidators();
const start = new Date('2026-12-03T08:00:00.000Z');

const photo = 'b'.repeat(64);
const material = { sha256: photo, contentType: 'image/jpeg', bytes: 1, open: () => Readable.from([Buffer.from('x')]) };

function application(id: string, lifecycle: 'draft' | 'submitted', withPhoto = false): WireDocument<Record<string, unknown>> {
  const doc: WireDocument<ApplicationDoc> = {
    id,
    guideId: 'guide-getihu-0001',
    guideVersion: 1,
    guideName: '个体工商户设立登记',
    applicant: { name: '张三' },
    form: { shopName: '小卖部' },
    lifecycle,
    ...(lifecycle === 'submitted' ? { submittedAt: '2026-12-03T07:00:00.000Z' } : {}),
    createdAt: '2026-12-03T07:00:00.000Z',
    updatedAt: '2026-12-03T07:00:00.000Z',
    ...(withPhoto ? { materials: [{ key: 'photo', name: '照片', pages: [{ sha256: photo, bytes: 1, contentType: 'image/jpeg' }] }] } : {}),
    _deleted: false,
  };
  return doc as unknown as WireDocument<Record<string, unknown>>;
}

/** An outbox whose enqueue fails, as a process killed between storing and queueing leaves it. */
class FailingOutbox extends MemoryOutboxStore {
  failing = true;
  marked = 0;
  override async markDirty(userId: string, at: string) {
    this.marked += 1;
    return super.markDirty(userId, at);
  }
  override async enqueue(entries: Parameters<MemoryOutboxStore['enqueue']>[0]): Promise<number> {
    if (this.failing) throw new Error('killed before queueing');
    return super.enqueue(entries);
  }
}

function setup() {
  let now = start;
  const outbox = new FailingOutbox();
  const deps: PushDeps & { outbox: FailingOutbox; documents: MemoryDocumentStore } = {
    documents: new MemoryDocumentStore(),
    registry: new MemoryRegistryStore(),
    materials: new MemoryMaterialStore(),
    clock: { now: () => now },
    outbox,
  };
  const push = (id: string, lifecycle: 'draft' | 'submitted', withPhoto = false) =>
    pushDocuments(deps, {
      collection: 'applications',
      userId: 'uagent',
      role: 'applicant',
      validate: validators.documents.applications,
      request: { rows: [{ newDocumentState: application(id, lifecycle, withPhoto) }] },
    });
  return { deps, outbox, push, later: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe('dirty marks around application writes', () => {
  it('should leave no mark once a submitted application is stored and queued', async () => {
    const { outbox, push } = setup();
    outbox.failing = false;
    await push('app-00000001', 'submitted');
    expect(await outbox.read(submitEntryId('app-00000001'))).not.toBeNull();
    expect(await outbox.listDirty()).toEqual([]);
  });

  it('should not mark a user for a draft', async () => {
    const { outbox, push } = setup();
    outbox.failing = false;
    await push('app-00000001', 'draft');
    expect(outbox.marked).toBe(0);
  });

  it('should not mark a user for a submitted application still waiting for a material: nothing of it can be queued yet', async () => {
    const { deps, outbox, push } = setup();
    outbox.failing = false;
    await push('app-00000001', 'submitted', true);
    expect(outbox.marked).toBe(0);
    expect((await deps.documents.listAwaitingMaterials('uagent')).map((doc) => doc._id)).toEqual(['app-00000001']);
  });

  it('should queue, under a mark, a submitted application whose material landed between the check and the write', async () => {
    const { deps, outbox, push } = setup();
    outbox.failing = false;
    deps.documents.beforeWrite = async () => {
      deps.documents.beforeWrite = null;
      await deps.materials.put('uagent', material);
    };
    await push('app-00000001', 'submitted', true);
    expect(outbox.marked).toBe(1);
    expect(await outbox.read(submitEntryId('app-00000001'))).not.toBeNull();
    expect(await outbox.listDirty()).toEqual([]);
  });

  it('should mark a user for a submitted application that holds every material, and leave the mark of a kill before queueing', async () => {
    const { deps, outbox, push } = setup();
    await deps.materials.put('uagent', material);
    await expect(push('app-00000001', 'submitted', true)).rejects.toThrow('killed before queueing');
    expect(await outbox.listDirty()).toMatchObject([{ userId: 'uagent' }]);
  });

  it('should leave the mark of a write that stopped before queueing, for the sweep to repair and then clear', async () => {
    const { deps, outbox, push, later } = setup();
    await expect(push('app-00000001', 'submitted')).rejects.toThrow('killed before queueing');
    expect((await deps.documents.listComplete('uagent')).map((doc) => doc._id)).toEqual(['app-00000001']);
    expect(await outbox.listDirty()).toMatchObject([{ userId: 'uagent' }]);
    outbox.failing = false;

    // While the mark is young its writer may still be running: the user is swept, the mark stays.
    expect(await sweepDirtyUsers(deps)).toEqual({ users: 1, queued: 1, cleared: 0 });
    expect(await outbox.read(submitEntryId('app-00000001'))).not.toBeNull();
    expect(await outbox.listDirty()).toHaveLength(1);

    later(DIRTY_MARK_STALE_MS + 1);
    expect(await sweepDirtyUsers(deps)).toEqual({ users: 1, queued: 0, cleared: 1 });
    expect(await outbox.listDirty()).toEqual([]);
  });

  it('should sweep no one when no mark stands', async () => {
    const { deps } = setup();
    expect(await sweepDirtyUsers(deps)).toEqual({ users: 0, queued: 0, cleared: 0 });
  });
});

import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { WireDocument } from '../../sync-protocol/messages.js';
import type { ApplicationDoc } from '../../sync-protocol/schemas/application.js';
import { openTransferStore } from '../transfer/transfer-store.js';
import { createOutgoingMaterialSource, planOutgoingWrites, readOutgoingApplications, writeOutgoing } from './outgoing.js';

const AT = '2026-11-26T03:00:00.000Z';
const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

function application(id: string, name = '王秀英'): WireDocument<ApplicationDoc> {
  return {
    id,
    guideId: 'guide-0001',
    guideVersion: 1,
    guideName: '个体工商户设立登记',
    applicant: { name },
    form: {},
    lifecycle: 'submitted',
    createdAt: AT,
    updatedAt: AT,
    submittedAt: AT,
    _deleted: false,
  };
}

describe('planOutgoingWrites', () => {
  it('should write only changed applications, drop the ones no longer wanted, and copy a material once', () => {
    const held = {
      applications: new Map([
        ['app-1', application('app-1')],
        ['app-2', application('app-2')],
      ]),
      materials: new Set([SHA_A]),
    };
    const writes = planOutgoingWrites(held, { applications: [application('app-1'), application('app-3')], materials: [SHA_A, SHA_B] });
    expect(writes).toEqual({ putApplications: [application('app-3')], deleteApplications: ['app-2'], addMaterials: [SHA_B], deleteMaterials: [] });
    expect(planOutgoingWrites(held, { applications: [application('app-1'), application('app-2', '李建国')], materials: [] })).toEqual({
      putApplications: [application('app-2', '李建国')],
      deleteApplications: [],
      addMaterials: [],
      deleteMaterials: [SHA_A],
    });
  });
});

describe('writeOutgoing', () => {
  it("should hand the worker each person's applications and material bytes, and forget them once no longer outgoing", async () => {
    const store = await openTransferStore(new IDBFactory());
    const bytes = new Blob([new Uint8Array([0xff, 0xd8, 1, 2])], { type: 'image/jpeg' });
    const blobOf = async (sha256: string) => (sha256 === SHA_A ? bytes : null);
    await writeOutgoing(store, 'u-alice', { applications: [application('app-1')], materials: [SHA_A, SHA_B] }, blobOf);
    await writeOutgoing(store, 'u-bob', { applications: [application('app-9', '李建国')], materials: [] }, blobOf);

    expect(await readOutgoingApplications(store, 'u-alice')).toEqual([application('app-1')]);
    const source = createOutgoingMaterialSource(store, 'u-alice');
    // The device lost SHA_B's bytes: nothing to send for it.
    expect(await source.unsent()).toEqual([SHA_A]);
    const blob = await source.blob(SHA_A);
    expect(blob?.type).toBe('image/jpeg');
    expect(new Uint8Array(await blob!.arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 1, 2]));
    expect(await createOutgoingMaterialSource(store, 'u-bob').unsent()).toEqual([]);

    await source.markUploaded(SHA_A);
    expect(await source.unsent()).toEqual([]);
    await writeOutgoing(store, 'u-alice', { applications: [], materials: [] }, blobOf);
    expect(await readOutgoingApplications(store, 'u-alice')).toEqual([]);
    expect(await readOutgoingApplications(store, 'u-bob')).toEqual([application('app-9', '李建国')]);
    store.close();
  });
});

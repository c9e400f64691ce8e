import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, PROTOCOL_VERSION, type Checkpoint, type CollectionName } from '../../sync-protocol/index.js';
import { newDocumentId, sampleApplication, type WireDoc } from '../support/sample-documents.js';
import { ProtocolProblem, type SyncProtocolTarget, type SyncSession } from './sync-protocol-target.js';

const APPS: CollectionName = 'applications';

/** Pulls in batches of `limit` until a batch is short; answers every batch and the final checkpoint. */
async function pullAll(session: SyncSession, from: Checkpoint | undefined, limit: number) {
  const batches: WireDoc[][] = [];
  let checkpoint = from;
  for (let guard = 0; guard < 1000; guard += 1) {
    const answer = await session.pull(APPS, checkpoint, limit);
    batches.push(answer.documents);
    checkpoint = answer.checkpoint;
    if (answer.documents.length < limit) return { batches, checkpoint };
  }
  throw new Error('pull never caught up');
}

/** Latest state per id, in the order a device would apply the batches. */
function applyBatches(batches: WireDoc[][]): Map<string, WireDoc> {
  const state = new Map<string, WireDoc>();
  for (const doc of batches.flat()) state.set(String(doc.id), doc);
  return state;
}

async function refusal(promise: Promise<unknown>): Promise<ProtocolProblem> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(outcome instanceof ProtocolProblem)) throw new Error(`expected a protocol refusal, got ${String(outcome)}`);
  return outcome;
}

/**
 * The sync protocol's behaviour, written once and run against every
 * implementation (`makeTarget` may reach it over HTTP, in memory, …).
 */
export function describeSyncProtocolContract(name: string, makeTarget: () => Promise<SyncProtocolTarget>): void {
  describe(`sync protocol contract: ${name}`, () => {
    let target: SyncProtocolTarget;

    beforeAll(async () => {
      target = await makeTarget();
    });

    afterAll(async () => {
      await target?.close();
    });

    describe('checkpoints', () => {
      it('should return only changes newer than the checkpoint it answered', async () => {
        const device = await target.newUserSession();
        const first = [sampleApplication(newDocumentId()), sampleApplication(newDocumentId())];
        await device.push(
          APPS,
          first.map((doc) => ({ newDocumentState: doc })),
        );
        const { checkpoint } = await device.pull(APPS);

        const later = sampleApplication(newDocumentId());
        const edited = { ...first[0], notes: '已补充材料' };
        await device.push(APPS, [{ newDocumentState: later }, { assumedMasterState: first[0], newDocumentState: edited }]);
        const newer = await device.pull(APPS, checkpoint);
        expect(newer.documents.map((d) => d.id).sort()).toEqual([later.id, edited.id].sort());
        expect(newer.documents.find((d) => d.id === edited.id)).toMatchObject({ notes: '已补充材料' });
        expect(typeof newer.checkpoint.seq).toBe('string');
      });

      it('should give each document’s latest state through a full pull in small batches', async () => {
        const device = await target.newUserSession();
        const docs = Array.from({ length: 7 }, () => sampleApplication(newDocumentId()));
        await device.push(
          APPS,
          docs.map((doc) => ({ newDocumentState: doc })),
        );
        const edits = docs.slice(0, 3).map((doc, i) => ({ assumedMasterState: doc, newDocumentState: { ...doc, notes: `第${i + 1}次修改` } }));
        await device.push(APPS, edits);

        const { batches } = await pullAll(device, undefined, 2);
        expect(batches.every((batch) => batch.length <= 2)).toBe(true);
        const state = applyBatches(batches);
        expect([...state.keys()].sort()).toEqual(docs.map((d) => d.id).sort());
        for (const edit of edits) expect(state.get(String(edit.newDocumentState.id))).toMatchObject({ notes: edit.newDocumentState.notes });
      });

      it('should mean "caught up" when a batch is shorter than the limit', async () => {
        const device = await target.newUserSession();
        await device.push(APPS, [{ newDocumentState: sampleApplication(newDocumentId()) }]);
        const answer = await device.pull(APPS, undefined, LIMITS.maxPullBatch);
        expect(answer.documents.length).toBeLessThan(LIMITS.maxPullBatch);
        expect((await device.pull(APPS, answer.checkpoint, LIMITS.maxPullBatch)).documents).toEqual([]);
      });
    });

    describe('push', () => {
      it('should treat a repeated push as a no-op: no conflict, no new change', async () => {
        const device = await target.newUserSession();
        const doc = sampleApplication(newDocumentId());
        const rows = [{ newDocumentState: doc }];
        expect(await device.push(APPS, rows)).toEqual({ conflicts: [], errors: [] });
        const { checkpoint } = await device.pull(APPS);
        expect(await device.push(APPS, rows)).toEqual({ conflicts: [], errors: [] });
        expect((await device.pull(APPS, checkpoint)).documents).toEqual([]);
      });

      it('should answer a stale assumed master with the current master, as data', async () => {
        const phone = await target.newUserSession();
        const base = sampleApplication(newDocumentId());
        await phone.push(APPS, [{ newDocumentState: base }]);
        const winner = { ...base, notes: '先到的修改' };
        expect((await phone.push(APPS, [{ assumedMasterState: base, newDocumentState: winner }])).conflicts).toEqual([]);
        const answer = await phone.push(APPS, [{ assumedMasterState: base, newDocumentState: { ...base, notes: '后到的修改' } }]);
        expect(answer.errors).toEqual([]);
        expect(answer.conflicts).toEqual([expect.objectContaining({ ...winner, _deleted: false })]);
      });

      it('should answer a conflict when the device never saw the existing master', async () => {
        const device = await target.newUserSession();
        const doc = sampleApplication(newDocumentId());
        await device.push(APPS, [{ newDocumentState: doc }]);
        const answer = await device.push(APPS, [{ newDocumentState: { ...doc, notes: '另一台设备' } }]);
        expect(answer.conflicts).toEqual([expect.objectContaining({ id: doc.id })]);
        expect(answer.conflicts[0].notes).toBeUndefined();
      });

      it('should refuse an invalid document by field and store the rest of the batch', async () => {
        const device = await target.newUserSession();
        const good = sampleApplication(newDocumentId());
        const bad = { ...sampleApplication(newDocumentId()), lifecycle: 'approved' };
        const answer = await device.push(APPS, [{ newDocumentState: bad }, { newDocumentState: good }]);
        expect(answer.errors).toEqual([expect.objectContaining({ id: bad.id, code: 'DOCUMENT_INVALID', field: 'lifecycle' })]);
        const ids = (await device.pull(APPS)).documents.map((d) => d.id);
        expect(ids).toContain(good.id);
        expect(ids).not.toContain(bad.id);
      });
    });

    describe('tombstones', () => {
      it('should replicate a deletion as _deleted true, and take a repeated deletion as a no-op', async () => {
        const device = await target.newUserSession();
        const doc = sampleApplication(newDocumentId());
        await device.push(APPS, [{ newDocumentState: doc }]);
        const { checkpoint } = await device.pull(APPS);
        const rows = [{ assumedMasterState: doc, newDocumentState: { ...doc, _deleted: true } }];
        expect(await device.push(APPS, rows)).toEqual({ conflicts: [], errors: [] });
        const after = await device.pull(APPS, checkpoint);
        expect(after.documents).toEqual([expect.objectContaining({ id: doc.id, _deleted: true })]);
        expect(await device.push(APPS, rows)).toEqual({ conflicts: [], errors: [] });
        expect((await device.pull(APPS, after.checkpoint)).documents).toEqual([]);
      });
    });

    describe('ownership', () => {
      it('should keep each user’s documents out of every other user’s pull', async () => {
        const alice = await target.newUserSession();
        const bob = await target.newUserSession();
        const bobs = sampleApplication(newDocumentId('bob'));
        await bob.push(APPS, [{ newDocumentState: bobs }]);
        expect((await alice.pull(APPS)).documents.map((d) => d.id)).not.toContain(bobs.id);
      });

      it('should refuse another user’s id with NOT_OWNER and leave the document as it was', async () => {
        const alice = await target.newUserSession();
        const bob = await target.newUserSession();
        const bobs = sampleApplication(newDocumentId('bob'));
        await bob.push(APPS, [{ newDocumentState: bobs }]);
        const { checkpoint } = await bob.pull(APPS);
        const answer = await alice.push(APPS, [{ assumedMasterState: bobs, newDocumentState: { ...bobs, notes: '冒名修改' } }]);
        expect(answer.errors).toEqual([expect.objectContaining({ id: bobs.id, code: 'NOT_OWNER' })]);
        expect((await bob.pull(APPS, checkpoint)).documents).toEqual([]);
      });
    });

    describe('changes', () => {
      it('should name exactly the feeds with changes after their checkpoints', async () => {
        const device = await target.newUserSession();
        await device.push(APPS, [{ newDocumentState: sampleApplication(newDocumentId()) }]);
        const apps = await device.pull(APPS);
        const statuses = await device.pull('statuses');
        const feeds = () => [
          { collection: 'statuses' as const, since: statuses.checkpoint.seq },
          { collection: APPS, since: apps.checkpoint.seq },
        ];
        expect(await device.changes(feeds())).toEqual({ changed: [], unknown: [] });
        await device.push(APPS, [{ newDocumentState: sampleApplication(newDocumentId()) }]);
        expect(await device.changes(feeds())).toEqual({ changed: [1], unknown: [] });
        expect(await device.changes([{ collection: APPS, since: '0' }, ...feeds()])).toEqual({ changed: [0, 2], unknown: [] });
      });

      it('should never show another user’s changes in the caller’s feeds', async () => {
        const alice = await target.newUserSession();
        const bob = await target.newUserSession();
        const { checkpoint } = await alice.pull(APPS);
        await bob.push(APPS, [{ newDocumentState: sampleApplication(newDocumentId()) }]);
        expect(await alice.changes([{ collection: APPS, since: checkpoint.seq }])).toEqual({ changed: [], unknown: [] });
        expect(await alice.changes([{ collection: APPS, since: '0' }])).toEqual({ changed: [], unknown: [] });
      });

      it('should refuse malformed feeds, naming the field', async () => {
        const device = await target.newUserSession();
        const unknown = await refusal(device.changes([{ collection: 'payments' as CollectionName, since: '0' }]));
        expect(unknown.problem).toMatchObject({ code: 'INVALID_REQUEST', field: 'feeds.0.collection' });
        const noArea = await refusal(
          device.changes([
            { collection: APPS, since: '0' },
            { collection: 'guides', since: '0' },
          ]),
        );
        expect(noArea.problem).toMatchObject({ code: 'INVALID_REQUEST', field: 'feeds.1.area' });
        const notACode = await refusal(device.changes([{ collection: 'guides', area: 'suichang', since: '0' }]));
        expect(notACode.problem).toMatchObject({ code: 'INVALID_REQUEST', field: 'feeds.0.area' });
        const areaOnPrivate = await refusal(device.changes([{ collection: APPS, area: '331123', since: '0' }]));
        expect(areaOnPrivate.problem).toMatchObject({ code: 'INVALID_REQUEST', field: 'feeds.0.area' });
      });

      it('should answer an area it does not publish as an unknown feed, and still answer the others', async () => {
        const device = await target.newUserSession();
        const apps = await device.pull(APPS);
        await device.push(APPS, [{ newDocumentState: sampleApplication(newDocumentId()) }]);
        const answer = await device.changes([
          { collection: 'guides', area: '999999', since: '0' },
          { collection: APPS, since: apps.checkpoint.seq },
          { collection: 'guides', area: '999999001', since: '5' },
          { collection: 'statuses', since: '0' },
        ]);
        expect(answer).toEqual({ changed: [1], unknown: [0, 2] });
        // Every known feed without news: `unknown` is still there, empty.
        expect(await device.changes([{ collection: 'statuses', since: '0' }])).toEqual({ changed: [], unknown: [] });
      });
    });

    describe('protocol version', () => {
      it('should refuse another protocol version before writing anything', async () => {
        const device = await target.newUserSession();
        const { checkpoint } = await device.pull(APPS);
        const old = device.withProtocolVersion(String(PROTOCOL_VERSION - 1));
        const doc = sampleApplication(newDocumentId());
        expect((await refusal(old.push(APPS, [{ newDocumentState: doc }]))).problem.code).toBe('PROTOCOL_VERSION_UNSUPPORTED');
        expect((await refusal(old.pull(APPS))).problem.code).toBe('PROTOCOL_VERSION_UNSUPPORTED');
        expect((await device.pull(APPS, checkpoint)).documents).toEqual([]);
      });
    });

    describe('live stream', () => {
      it('should send resync first, then the change of a push', async ({ skip }) => {
        const device = await target.newUserSession();
        // `stream` is optional in SyncSession: an implementation without a live stream reports this test as skipped, not as passed.
        if (!device.stream) return skip('this implementation has no live stream');
        const stream = await device.stream(APPS);
        try {
          await stream.waitFor((event) => event.type === 'resync');
          expect(stream.events[0].type).toBe('resync');
          const doc = sampleApplication(newDocumentId());
          await device.push(APPS, [{ newDocumentState: doc }]);
          await stream.waitFor((event) => event.type === 'change' && event.documents.some((d) => d.id === doc.id));
        } finally {
          stream.close();
        }
      });
    });
  });
}

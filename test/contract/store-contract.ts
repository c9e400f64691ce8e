/**
 * The store contract: what every implementation of the gateway's store parts
 * must answer alike, run against the Couch store (embedded behind the strict
 * proxy, or TEST_COUCHDB_URL) and against the in-memory fakes the unit tests
 * use, so a fake cannot drift from the real store.
 *
 * ```ts
 * describeStoreContract('memory', async () => ({ stores: { documents, registry, outbox, materials }, close: async () => {} }));
 * ```
 *
 * Tests share one store per implementation: each uses ids of its own and
 * never assumes it is alone in a database, nor any order of `_changes`.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEntry, OutboxState } from '../../gateway/domain/outbox-entry.js';
import type { StoredDocument } from '../../gateway/domain/stored-document.js';
import type { DocumentScope, DocumentStore, MaterialStore, OutboxStore, RegistryStore } from '../../gateway/store/store.js';

export interface ContractStores {
  documents: DocumentStore;
  registry: RegistryStore;
  outbox: OutboxStore;
  materials: MaterialStore;
}

export interface OpenedContractStores {
  stores: ContractStores;
  close(): Promise<void>;
}

const NOW = '2026-12-03T08:00:00.000Z';

/** A fresh user id: every test gets databases of its own. */
function newUserId(): string {
  return `u${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

function storedDoc(id: string, data: Record<string, unknown> = {}, extra: Partial<StoredDocument> = {}): StoredDocument {
  return { _id: id, data: { id, ...data }, server: { receivedAt: NOW }, deleted: false, ...extra };
}

function outboxEntry(id: string, state: OutboxState = 'pending'): OutboxEntry {
  return {
    _id: `submit:${id}`,
    type: 'outbox',
    kind: 'submit',
    applicationId: id,
    owner: 'contract-user',
    key: `${id}.submit.0000`,
    readyAt: NOW,
    state,
    attempts: 0,
    nextAttemptAt: NOW,
    createdAt: NOW,
  };
}

/** Pulls a feed to its end in pages of `limit`, checking that no page is larger. */
async function pullAll(documents: DocumentStore, scope: DocumentScope, limit: number): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let since = '0', pages = 0; pages < 50; pages += 1) {
    const page = await documents.pullChanges(scope, since, limit);
    expect(page.documents.length).toBeLessThanOrEqual(limit);
    if (page.documents.length === 0) return seen;
    for (const doc of page.documents) seen.add(doc._id);
    since = page.seq;
  }
  throw new Error('the feed did not end');
}

export function describeStoreContract(name: string, open: () => Promise<OpenedContractStores>): void {
  describe(`the store contract: ${name}`, () => {
    let opened: OpenedContractStores;
    let stores: ContractStores;

    beforeAll(async () => {
      opened = await open();
      stores = opened.stores;
    });

    afterAll(() => opened?.close());

    describe('documents', () => {
      it('should answer a new document ok with a revision, and a second create of the same id as a conflict', async () => {
        const scope = { collection: 'applications' as const, userId: newUserId() };
        const [created] = await stores.documents.writeDocuments(scope, [storedDoc('app-1')]);
        expect(created).toMatchObject({ id: 'app-1', ok: true });
        const [again] = await stores.documents.writeDocuments(scope, [storedDoc('app-1', { changed: true })]);
        expect(again).toMatchObject({ id: 'app-1', ok: false, conflict: true });
      });

      it('should write over the current revision, refuse a stale one, and read the current master back', async () => {
        const scope = { collection: 'applications' as const, userId: newUserId() };
        const [first] = await stores.documents.writeDocuments(scope, [storedDoc('app-1', { n: 1 })]);
        if (!first.ok) throw new Error('first write refused');
        const [second] = await stores.documents.writeDocuments(scope, [storedDoc('app-1', { n: 2 }, { _rev: first.rev })]);
        expect(second).toMatchObject({ ok: true });
        const [stale] = await stores.documents.writeDocuments(scope, [storedDoc('app-1', { n: 3 }, { _rev: first.rev })]);
        expect(stale).toMatchObject({ ok: false, conflict: true });
        const read = await stores.documents.readDocuments(scope, ['app-1', 'absent']);
        expect([...read.keys()]).toEqual(['app-1']);
        expect(read.get('app-1')).toMatchObject({ _id: 'app-1', data: { n: 2 }, _rev: second.ok ? second.rev : undefined });
      });

      it('should answer every outcome of a batch in its own row, the rest landing beside a conflict', async () => {
        const scope = { collection: 'applications' as const, userId: newUserId() };
        await stores.documents.writeDocuments(scope, [storedDoc('taken')]);
        const outcomes = await stores.documents.writeDocuments(scope, [storedDoc('new-a'), storedDoc('taken'), storedDoc('new-b')]);
        expect(outcomes.map((o) => [o.id, o.ok])).toEqual([
          ['new-a', true],
          ['taken', false],
          ['new-b', true],
        ]);
      });

      it('should pull at most `limit` documents a page and every document by the end of the feed', async () => {
        const scope = { collection: 'applications' as const, userId: newUserId() };
        const ids = Array.from({ length: 7 }, (_v, i) => `doc-${i}`);
        await stores.documents.writeDocuments(
          scope,
          ids.map((id) => storedDoc(id)),
        );
        const first = await stores.documents.pullChanges(scope, '0', 3);
        expect(first.documents).toHaveLength(3);
        expect([...(await pullAll(stores.documents, scope, 3))].sort()).toEqual(ids);
      });

      it('should list complete submitted applications in id pages of at most `limit`, drafts left out', async () => {
        const userId = newUserId();
        const scope = { collection: 'applications' as const, userId };
        const complete = ['c-1', 'c-2', 'c-3', 'c-4', 'c-5'];
        await stores.documents.writeDocuments(scope, [
          ...complete.map((id) => storedDoc(id, { lifecycle: 'submitted' }, { materialsComplete: true })),
          storedDoc('d-draft', { lifecycle: 'draft' }, { materialsComplete: true }),
          storedDoc('w-waiting', { lifecycle: 'submitted' }, { materialsComplete: false }),
        ]);
        const page = await stores.documents.listComplete(userId, { limit: 2 });
        expect(page.map((d) => d._id)).toEqual(['c-1', 'c-2']);
        const next = await stores.documents.listComplete(userId, { after: 'c-2', limit: 2 });
        expect(next.map((d) => d._id)).toEqual(['c-3', 'c-4']);
        expect((await stores.documents.listComplete(userId)).map((d) => d._id)).toEqual(complete);
        expect((await stores.documents.listAwaitingMaterials(userId)).map((d) => d._id)).toEqual(['w-waiting']);
      });
    });

    describe('registry', () => {
      it('should give an id to its first claimant forever, whoever asks next', async () => {
        const [alice, bob] = [newUserId(), newUserId()];
        const id = `app-${randomUUID()}`;
        expect(await stores.registry.claim('applications', [id], alice)).toEqual(new Map([[id, 'claimed']]));
        const other = `app-${randomUUID()}`;
        expect(await stores.registry.claim('applications', [id, other], bob)).toEqual(
          new Map([
            [id, 'taken'],
            [other, 'claimed'],
          ]),
        );
        // 'held', never 'claimed' again: the push path reads the master of a held id, as a document may exist.
        expect(await stores.registry.claim('applications', [id], alice)).toEqual(new Map([[id, 'held']]));
      });

      it('should answer claims that arrive together each as if alone', async () => {
        const [alice, bob] = [newUserId(), newUserId()];
        const ids = Array.from({ length: 5 }, () => `app-${randomUUID()}`);
        const answers = await Promise.all([
          stores.registry.claim('applications', ids.slice(0, 3), alice),
          stores.registry.claim('applications', ids.slice(2), bob),
          stores.registry.claim('applications', ids.slice(0, 1), alice),
        ]);
        const outcomes = answers.flatMap((answer) => [...answer.values()]);
        expect(outcomes.filter((o) => o === 'claimed')).toHaveLength(5);
        expect(answers[2].get(ids[0])).not.toBe('taken');
        expect([answers[0].get(ids[2]), answers[1].get(ids[2])].sort()).toEqual(['claimed', 'taken']);
      });
    });

    describe('outbox', () => {
      it('should create an entry once: enqueueing it again answers 0 and leaves it as it is', async () => {
        const entry = outboxEntry(`app-${randomUUID()}`);
        expect(await stores.outbox.findMissing([entry._id])).toEqual(new Set([entry._id]));
        expect(await stores.outbox.enqueue([entry])).toBe(1);
        const stored = await stores.outbox.read(entry._id);
        if (!stored) throw new Error('not stored');
        const written = await stores.outbox.write({ ...stored, attempts: 3 });
        expect(written.ok).toBe(true);
        expect(await stores.outbox.enqueue([entry])).toBe(0);
        expect(await stores.outbox.read(entry._id)).toMatchObject({ attempts: 3 });
        expect(await stores.outbox.findMissing([entry._id])).toEqual(new Set());
      });

      it('should answer a write with a stale revision as a conflict', async () => {
        const entry = outboxEntry(`app-${randomUUID()}`);
        await stores.outbox.enqueue([entry]);
        const stored = (await stores.outbox.read(entry._id))!;
        expect((await stores.outbox.write({ ...stored, attempts: 1 })).ok).toBe(true);
        expect(await stores.outbox.write({ ...stored, attempts: 2 })).toEqual({ ok: false, conflict: true });
      });

      it('should list at most `limit` entries, of the state asked for', async () => {
        const entries = Array.from({ length: 5 }, () => outboxEntry(`app-${randomUUID()}`, 'dead'));
        await stores.outbox.enqueue(entries);
        const dead = await stores.outbox.list('dead', 2);
        expect(dead).toHaveLength(2);
        expect(dead.every((entry) => entry.state === 'dead')).toBe(true);
        expect(await stores.outbox.list(undefined, 3)).toHaveLength(3);
        expect((await stores.outbox.list('dead')).length).toBeGreaterThanOrEqual(5);
      });

      it('should keep each dirty mark until it is cleared, a second clear being fine', async () => {
        const userId = newUserId();
        const mark = await stores.outbox.markDirty(userId, NOW);
        expect((await stores.outbox.listDirty()).filter((m) => m.userId === userId)).toEqual([mark]);
        await stores.outbox.clearDirty(mark);
        await stores.outbox.clearDirty(mark);
        expect((await stores.outbox.listDirty()).filter((m) => m.userId === userId)).toEqual([]);
      });
    });

    describe('materials', () => {
      it('should store a material once per user and read its bytes back', async () => {
        const [alice, bob] = [newUserId(), newUserId()];
        const bytes = Buffer.from(randomUUID());
        const sha256 = randomUUID().replace(/-/g, '').padEnd(64, '0');
        const material = { sha256, contentType: 'image/jpeg', bytes: bytes.length, open: () => Readable.from([bytes]) };
        expect(await stores.materials.put(alice, material)).toBe('stored');
        expect(await stores.materials.put(alice, material)).toBe('exists');
        expect(await stores.materials.findHeld(alice, [sha256, '0'.repeat(64)])).toEqual(new Set([sha256]));
        expect(await stores.materials.findHeld(bob, [sha256])).toEqual(new Set());
        expect(await stores.materials.read(alice, sha256)).toEqual(bytes);
        expect(await stores.materials.read(bob, sha256)).toBeNull();
      });

      it('should bind each photo to the household that used it first, per agent, concurrent binders included', async () => {
        const [agent, other] = [newUserId(), newUserId()];
        const [a, b, c] = ['a', 'b', 'c'].map((ch) => ch.repeat(64));
        expect(await stores.materials.bindToHouseholds(agent, new Map([[a, 'household-A']]))).toEqual(new Map([[a, 'household-A']]));
        const answers = await Promise.all(
          ['household-B', 'household-C', 'household-D'].map((household) =>
            stores.materials.bindToHouseholds(
              agent,
              new Map([
                [a, household],
                [b, household],
              ]),
            ),
          ),
        );
        for (const answer of answers) expect(answer.get(a)).toBe('household-A');
        // One concurrent binder won b; every answer agrees which.
        expect(new Set(answers.map((answer) => answer.get(b))).size).toBe(1);
        expect(
          await stores.materials.bindToHouseholds(
            agent,
            new Map([
              [b, 'household-Z'],
              [c, 'household-Z'],
            ]),
          ),
        ).toEqual(
          new Map([
            [b, answers[0].get(b)!],
            [c, 'household-Z'],
          ]),
        );
        // Another agent's households are their own.
        expect(await stores.materials.bindToHouseholds(other, new Map([[a, 'household-Q']]))).toEqual(new Map([[a, 'household-Q']]));
        expect(await stores.materials.bindToHouseholds(agent, new Map())).toEqual(new Map());
      });
    });
  });
}

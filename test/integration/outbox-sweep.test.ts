import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepDeliveries, sweepDirtyUsers, sweepUser } from '../../gateway/commands/enqueue-deliveries.js';
import { toStoredDocument, type StoredDocument } from '../../gateway/domain/stored-document.js';
import type { OutboxStore } from '../../gateway/store/store.js';
import { outboxEntriesFor } from '../../gateway/domain/plan-deliveries.js';
import { submitEntryId } from '../../gateway/domain/outbox-entry.js';
import { sampleApplication } from '../support/sample-documents.js';
import { startTestGateway, type TestAccount, type TestGateway } from '../support/start-test-gateway.js';

const NOW = '2026-12-03T08:00:00.000Z';
const clock = { now: () => new Date(NOW) };

/** An application as the gateway stores it, written here straight into the user's database (no push, no enqueue). */
function storedApplication(id: string, owner: string, lifecycle: 'draft' | 'submitted', complete: boolean): StoredDocument {
  const wire = sampleApplication(id, { lifecycle, ...(lifecycle === 'submitted' ? { submittedAt: NOW } : {}) });
  const doc = toStoredDocument(wire, { receivedAt: NOW, owner, ...(complete ? { completeAt: NOW } : {}) });
  return { ...doc, materialsComplete: complete };
}

function range(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_v, i) => `${prefix}-${String(i).padStart(5, '0')}`);
}

/**
 * An agent's account with thousands of applications, mostly drafts and
 * already-queued submissions, and a few orphans (complete, submitted, with no
 * outbox entry: what a kill between storing and queueing leaves) whose ids
 * sort after every other: past any first page.
 */
describe('the outbox sweep over an account with thousands of applications', () => {
  let gateway: TestGateway;
  let agent: TestAccount;
  const drafts = range('a-draft', 1400);
  const awaiting = range('b-awaiting', 600);
  const queued = range('c-queued', 990);
  const orphans = range('z-orphan', 10);

  async function plant(docs: StoredDocument[]): Promise<void> {
    const db = gateway.couch.use(gateway.userDbName(agent.userId, 'applications'));
    for (let start = 0; start < docs.length; start += 500) await db.bulk({ docs: docs.slice(start, start + 500) });
  }

  async function missingSubmissions(ids: string[]): Promise<string[]> {
    const missing = await gateway.store.outbox.findMissing(ids.map(submitEntryId));
    return ids.filter((id) => missing.has(submitEntryId(id)));
  }

  beforeAll(async () => {
    gateway = await startTestGateway();
    agent = await gateway.createAccount('agent');
    // Through the store once, so the database and its indexes exist as the gateway makes them.
    await gateway.store.documents.listAwaitingMaterials(agent.userId);
    const queuedDocs = queued.map((id) => storedApplication(id, agent.userId, 'submitted', true));
    await plant([
      ...drafts.map((id) => storedApplication(id, agent.userId, 'draft', true)),
      ...awaiting.map((id) => storedApplication(id, agent.userId, 'draft', false)),
      ...queuedDocs,
      ...orphans.map((id) => storedApplication(id, agent.userId, 'submitted', true)),
    ]);
    await gateway.store.outbox.enqueue(queuedDocs.flatMap((doc) => outboxEntriesFor(doc, agent.userId, NOW)));
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('should find every application waiting for a material, past the first page', async () => {
    const found = await gateway.store.documents.listAwaitingMaterials(agent.userId);
    expect(found.map((doc) => doc._id).sort()).toEqual(awaiting);
  });

  it('should list only complete, submitted applications, each once, page after page', async () => {
    const seen: string[] = [];
    for (let after: string | undefined; ;) {
      const page = await gateway.store.documents.listComplete(agent.userId, { after, limit: 97 });
      seen.push(...page.map((doc) => doc._id));
      if (page.length < 97) break;
      after = page[page.length - 1]._id;
    }
    expect(seen).toEqual([...queued, ...orphans]);
  });

  it('should queue every orphan, however far past the first page it lies', async () => {
    expect(await missingSubmissions(orphans)).toEqual(orphans);
    const result = await sweepDeliveries({ ...gateway.store, clock });
    expect(await missingSubmissions(orphans)).toEqual([]);
    expect(result.queued).toBe(orphans.length);
  });

  it('should ask the outbox to create only the entries that are missing', async () => {
    const late = range('z-late', 3);
    await plant(late.map((id) => storedApplication(id, agent.userId, 'submitted', true)));
    const asked: string[] = [];
    const outbox: OutboxStore = Object.assign(Object.create(gateway.store.outbox) as OutboxStore, {
      enqueue: (entries: Parameters<OutboxStore['enqueue']>[0]) => {
        asked.push(...entries.map((entry) => entry._id));
        return gateway.store.outbox.enqueue(entries);
      },
    });
    expect(await sweepUser({ documents: gateway.store.documents, outbox, clock }, agent.userId)).toBe(late.length);
    expect(asked).toEqual(late.map(submitEntryId));
  });

  it('should visit a user a killed write left marked, queue what it owes, and clear only the stale mark', async () => {
    const killed = range('z-killed', 2);
    const stale = await gateway.store.outbox.markDirty(agent.userId, '2026-12-03T07:00:00.000Z');
    const young = await gateway.store.outbox.markDirty(agent.userId, NOW);
    await plant(killed.map((id) => storedApplication(id, agent.userId, 'submitted', true)));

    const result = await sweepDirtyUsers({ ...gateway.store, clock });

    expect(result).toEqual({ users: 1, queued: killed.length, cleared: 1 });
    expect(await missingSubmissions(killed)).toEqual([]);
    expect((await gateway.store.outbox.listDirty()).map((mark) => mark.id)).toEqual([young.id]);
    expect(stale.id).not.toBe(young.id);
  });
});

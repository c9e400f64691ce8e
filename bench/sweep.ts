/**
 * `npm run bench:sweep`: what the outbox sweep costs (issue 11). Two shapes on
 * the embedded store (or `--couch URL`, an Apache CouchDB with admin
 * credentials; its databases get a fresh prefix and are dropped afterwards):
 * one agent's account with 5,000 complete, submitted applications, and 1,000
 * accounts with 5 each. For each: the full sweep when every entry is missing,
 * the full sweep when none is (the every-start and hourly case), the marked-users
 * sweep, and beside them the old way (bulk-inserting every entry again).
 * Prints figures; never fails on timing. `--apps N`, `--accounts N` scale them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sweepDeliveries, sweepDirtyUsers } from '../gateway/commands/enqueue-deliveries.js';
import { toStoredDocument, type StoredDocument } from '../gateway/domain/stored-document.js';
import { openStore } from '../gateway/store/open-store.js';
import type { Store } from '../gateway/store/store.js';
import { outboxEntriesFor } from '../gateway/domain/plan-deliveries.js';
import { sampleApplication } from '../test/support/sample-documents.js';

const { values } = parseArgs({ options: { couch: { type: 'string' }, apps: { type: 'string', default: '5000' }, accounts: { type: 'string', default: '1000' } } });
const NOW = '2026-12-03T08:00:00.000Z';
const clock = { now: () => new Date(NOW) };

function application(id: string, owner: string): StoredDocument {
  const wire = sampleApplication(id, { lifecycle: 'submitted', submittedAt: NOW });
  return { ...toStoredDocument(wire, { receivedAt: NOW, owner, completeAt: NOW }), materialsComplete: true };
}

async function addAccounts(store: Store, prefix: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const userId = `${prefix}${String(i).padStart(5, '0')}`;
    // No password hashing here: the sweep never reads the hash.
    await store.accounts.create({
      login: `bench-${userId}`,
      userId,
      displayName: 'bench',
      role: 'agent',
      passwordHash: 'scrypt$bench',
      disabled: false,
      tokenGeneration: 0,
      createdAt: NOW,
    });
    ids.push(userId);
  }
  return ids;
}

async function plant(store: Store, userId: string, count: number): Promise<StoredDocument[]> {
  const docs = Array.from({ length: count }, (_v, i) => application(`app-${userId}-${String(i).padStart(5, '0')}`, userId));
  for (let start = 0; start < docs.length; start += 1000) await store.documents.writeDocuments({ collection: 'applications', userId }, docs.slice(start, start + 1000));
  return docs;
}

async function timed<T>(what: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  console.log(`  ${what.padEnd(52)} ${((performance.now() - started) / 1000).toFixed(2).padStart(7)} s   ${JSON.stringify(result)}`);
  return result;
}

async function scenario(store: Store, label: string, users: string[], appsEach: number): Promise<void> {
  console.log(`\n${label}: ${users.length} account(s) × ${appsEach} complete, submitted applications`);
  const owned = new Map<string, StoredDocument[]>();
  for (const userId of users) owned.set(userId, await plant(store, userId, appsEach));
  const deps = { ...store, clock };
  await timed('full sweep, every entry missing (first start)', () => sweepDeliveries(deps));
  await timed('full sweep, nothing missing (every start, hourly)', () => sweepDeliveries(deps));
  await timed('marked-users sweep, no mark standing (periodic)', () => sweepDirtyUsers(deps));
  await store.outbox.markDirty(users[0], '2026-12-03T07:00:00.000Z');
  await timed('marked-users sweep, one user marked', () => sweepDirtyUsers(deps));
  await timed('old way (its writes alone): bulk-insert every entry', async () => {
    let created = 0;
    for (const [userId, docs] of owned) created += await store.outbox.enqueue(docs.flatMap((doc) => outboxEntriesFor(doc, userId, NOW)));
    return { created };
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'tongban-bench-sweep-'));
const prefix = values.couch ? `tbbench${Date.now().toString(36)}` : 'tb';
const store = await openStore({ dataDir, dbPrefix: prefix, ...(values.couch ? { couchUrl: values.couch } : {}) });
try {
  console.log(`outbox sweep on ${values.couch ? 'an external CouchDB' : 'the embedded store'}`);
  await scenario(store, 'one agent', await addAccounts(store, 'ubenchone', 1), Number(values.apps));
  // A fresh outbox count: the second shape's figures do not include the first one's users.
  await scenario(store, 'a county', await addAccounts(store, 'ubenchmany', Number(values.accounts)), 5);
} finally {
  if (values.couch) {
    for (const name of await store.couch.db.list()) if (name.startsWith(prefix)) await store.couch.db.destroy(name);
  }
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
}

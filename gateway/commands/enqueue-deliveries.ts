import type { Clock } from '../clock.js';
import type { StoredDocument } from '../store/document-mapping.js';
import type { AccountStore, DocumentStore, OutboxStore } from '../store/store.js';
import { outboxEntriesFor } from '../upstream/plan-deliveries.js';

/**
 * Queues what a user's stored applications owe the province: each complete,
 * submitted application's submission, supplements and rating. Entry ids are
 * deterministic, so this runs after every write that may have made something
 * forwardable and again in the start-up sweep; answers how many entries were new.
 */
export async function enqueueDeliveries(deps: { outbox: OutboxStore; clock: Clock }, userId: string, docs: StoredDocument[]): Promise<number> {
  const now = deps.clock.now().toISOString();
  const entries = docs.flatMap((doc) => outboxEntriesFor(doc, userId, now));
  return deps.outbox.enqueue(entries);
}

/**
 * The start-up sweep: a gateway stopped between storing an application and
 * queueing it (or one that ran before the forwarder existed) leaves complete
 * applications with no entry. Walks every account's complete applications
 * (by the `materialsComplete` index) and queues what is missing.
 */
export async function sweepDeliveries(deps: { accounts: AccountStore; documents: DocumentStore; outbox: OutboxStore; clock: Clock }): Promise<{ users: number; queued: number }> {
  let queued = 0;
  const accounts = await deps.accounts.list();
  for (const account of accounts) {
    if (account.role === 'operator') continue;
    queued += await enqueueDeliveries(deps, account.userId, await deps.documents.listComplete(account.userId));
  }
  return { users: accounts.length, queued };
}

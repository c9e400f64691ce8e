import type { Clock } from '../clock.js';
import type { StoredDocument } from '../domain/stored-document.js';
import type { AccountStore, DirtyMark, DocumentStore, OutboxStore } from '../store/store.js';
import { outboxEntriesFor } from '../domain/plan-deliveries.js';

/** Applications per page of a sweep; the entries they yield are checked by key in one request per page. */
const SWEEP_PAGE = 200;
/**
 * A mark younger than this may belong to a write still running (it clears its
 * own mark when done); the sweep visits its user but leaves the mark standing.
 * Older ones outlived their writer and are cleared once their user is swept.
 */
export const DIRTY_MARK_STALE_MS = 2 * 60_000;

export interface SweepDeps {
  documents: DocumentStore;
  outbox: OutboxStore;
  clock: Clock;
}

/**
 * Queues what a user's stored applications owe the province: each complete,
 * submitted application's submission, supplements and rating. Entry ids are
 * deterministic, so this runs after every write that may have made something
 * forwardable and again in the sweeps; answers how many entries were new.
 */
export async function enqueueDeliveries(deps: { outbox: OutboxStore; clock: Clock }, userId: string, docs: StoredDocument[]): Promise<number> {
  const now = deps.clock.now().toISOString();
  const entries = docs.flatMap((doc) => outboxEntriesFor(doc, userId, now));
  return deps.outbox.enqueue(entries);
}

/**
 * Queues the entries missing for one user: pages through their complete,
 * submitted applications by id (drafts are not read), asks the outbox which
 * of their entries do not exist, and creates only those. Costs two reads per
 * page when nothing is missing. Answers how many entries were created.
 */
export async function sweepUser(deps: SweepDeps, userId: string): Promise<number> {
  const now = deps.clock.now().toISOString();
  let queued = 0;
  for (let after: string | undefined; ;) {
    const page = await deps.documents.listComplete(userId, { after, limit: SWEEP_PAGE });
    const entries = page.flatMap((doc) => outboxEntriesFor(doc, userId, now));
    const missing = entries.length === 0 ? new Set<string>() : await deps.outbox.findMissing(entries.map((entry) => entry._id));
    if (missing.size > 0) queued += await deps.outbox.enqueue(entries.filter((entry) => missing.has(entry._id)));
    if (page.length < SWEEP_PAGE) return queued;
    after = page[page.length - 1]._id;
  }
}

/**
 * The full sweep, at start and now and then: a gateway stopped between
 * storing an application and queueing it (or one that ran before the
 * forwarder or the marks existed) leaves complete applications with no entry.
 * Visits every account and queues what is missing.
 */
export async function sweepDeliveries(deps: SweepDeps & { accounts: AccountStore }): Promise<{ users: number; queued: number }> {
  let queued = 0;
  let users = 0;
  for (const account of await deps.accounts.list()) {
    if (account.role === 'operator') continue;
    users += 1;
    queued += await sweepUser(deps, account.userId);
  }
  return { users, queued };
}

/**
 * The periodic sweep: visits only the users a write marked dirty
 * (`whileMarkedDirty`), queues what is missing, then clears the marks that
 * outlived their writer. A user's marks are read before the user is swept,
 * so a mark cleared here was written before the sweep looked.
 */
export async function sweepDirtyUsers(deps: SweepDeps): Promise<{ users: number; queued: number; cleared: number }> {
  const byUser = new Map<string, DirtyMark[]>();
  for (const mark of await deps.outbox.listDirty()) byUser.set(mark.userId, [...(byUser.get(mark.userId) ?? []), mark]);
  let queued = 0;
  let cleared = 0;
  for (const [userId, marks] of byUser) {
    const staleBefore = new Date(deps.clock.now().getTime() - DIRTY_MARK_STALE_MS).toISOString();
    queued += await sweepUser(deps, userId);
    for (const mark of marks.filter((m) => m.createdAt < staleBefore)) {
      await deps.outbox.clearDirty(mark);
      cleared += 1;
    }
  }
  return { users: byUser.size, queued, cleared };
}

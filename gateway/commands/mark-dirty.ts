import type { Clock } from '../clock.js';
import type { OutboxStore } from '../store/store.js';

/**
 * Why a dirty mark, and not something else (issue 11): the application and
 * its outbox entries live in different databases (the user's own, the shared
 * outbox), and CouchDB has no transaction across databases, so a process
 * killed between the two writes leaves an application the province never gets.
 *
 * - Queueing the entry first (a write-ahead intent) would make the forwarder
 *   meet entries whose application never landed or landed different (a lost
 *   race, a device that merged and pushed another state): it could no longer
 *   tell those from an edit after submission, which must stay a dead letter,
 *   and a submission already on the wire must never be re-keyed.
 * - Deriving the outbox from every user's `_changes` needs one durable
 *   checkpoint per user database, read by every instance, on a feed that is
 *   at-least-once and unordered on a cluster: thousands of feeds to follow.
 * - A mark needs neither: an ordinary document in the outbox database, one per
 *   write (so two writers never clear each other's), written before the
 *   application and removed once its entries are queued. A mark that outlives
 *   its writer sends the periodic sweep to that one user, which queues what
 *   is missing (entry ids are deterministic: nothing doubles). The full sweep
 *   at start stays as the safety net for anything older than the marks.
 */
export async function whileMarkedDirty<T>(deps: { outbox?: OutboxStore; clock: Clock }, userId: string, needed: boolean, work: () => Promise<T>): Promise<T> {
  if (!deps.outbox || !needed) return work();
  const mark = await deps.outbox.markDirty(userId, deps.clock.now().toISOString());
  const result = await work();
  // Only once the work is done: a failure (or a kill) leaves the mark for the sweep.
  await deps.outbox.clearDirty(mark);
  return result;
}

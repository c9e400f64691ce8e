import type { Clock } from '../clock.js';
import type { OutboxStore } from '../store/store.js';
import type { OutboxEntry } from '../domain/outbox-entry.js';

/**
 * Puts dead letters back in the queue, due now, with their attempts reset
 * (an operator fixed the cause). The entry keeps its Idempotency-Key: if the
 * province did take it after all, the resend answers the same case.
 * Answers the ids requeued; ids that are not dead letters are left alone.
 */
export async function retryDeadLetters(deps: { outbox: OutboxStore; clock: Clock }, ids: string[] | 'all'): Promise<{ requeued: string[]; skipped: string[] }> {
  const entries: (OutboxEntry | null)[] = ids === 'all' ? await deps.outbox.list('dead', 100_000) : await Promise.all(ids.map((id) => deps.outbox.read(id)));
  const requeued: string[] = [];
  const skipped: string[] = [];
  for (const [i, entry] of entries.entries()) {
    if (!entry || entry.state !== 'dead') {
      skipped.push(entry?._id ?? (ids === 'all' ? '?' : ids[i]));
      continue;
    }
    const { deadReason: _reason, deadAt: _at, claimedBy: _by, leaseUntil: _until, ...rest } = entry;
    const written = await deps.outbox.write({ ...rest, state: 'pending', attempts: 0, nextAttemptAt: deps.clock.now().toISOString() });
    (written.ok ? requeued : skipped).push(entry._id);
  }
  return { requeued, skipped };
}

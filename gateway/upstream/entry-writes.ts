import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { OutboxStore } from '../store/store.js';
import { leaseEnd } from './claim-rules.js';
import type { EntryPatch } from './failure-outcome.js';
import type { OutboxEntry } from '../domain/outbox-entry.js';

/**
 * Writes an outcome and releases the claim. Should the lease have been taken
 * over meanwhile (a 409), the outcome is written on the fresh revision, unless
 * that one is already done.
 */
export async function settleEntry(outbox: OutboxStore, entry: OutboxEntry, patch: EntryPatch): Promise<void> {
  let current: OutboxEntry | null = entry;
  for (let attempt = 0; attempt < 5 && current; attempt += 1) {
    const { claimedBy: _claimedBy, leaseUntil: _leaseUntil, ...released } = { ...current, ...patch };
    void _claimedBy;
    void _leaseUntil;
    const written = await outbox.write(released);
    if (written.ok) return;
    current = await outbox.read(entry._id);
    if (current?.state === 'done') return;
  }
}

export interface LeaseKeeperDeps {
  outbox: OutboxStore;
  clock: Clock;
  log: Logger;
  instanceId: string;
  leaseMs: number;
  renewEveryMs: number;
  onRenewed(): void;
}

/**
 * Keeps this instance's claim alive while a delivery runs: every
 * `renewEveryMs` the lease is pushed forward on the entry's current revision.
 * Once the entry is no longer ours (released, done, taken over) it stops. The
 * outcome is written by `settleEntry`, which copes with the revisions the
 * renewals made.
 */
export function keepLease(entry: OutboxEntry, deps: LeaseKeeperDeps): { stop(): Promise<void> } {
  let busy: Promise<void> = Promise.resolve();
  let done = false;
  const renew = async () => {
    const current = await deps.outbox.read(entry._id);
    if (!current || current.state !== 'pending' || current.claimedBy !== deps.instanceId) {
      done = true;
      return;
    }
    const written = await deps.outbox.write({ ...current, leaseUntil: leaseEnd(deps.clock.now(), deps.leaseMs) });
    if (written.ok) deps.onRenewed();
  };
  const timer = setInterval(() => {
    if (done) return;
    busy = busy.then(renew).catch((error: unknown) => deps.log.warn({ err: error, entry: entry._id }, 'lease renewal failed'));
  }, deps.renewEveryMs);
  timer.unref?.();
  return {
    async stop() {
      done = true;
      clearInterval(timer);
      await busy;
    },
  };
}

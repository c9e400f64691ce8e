import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import { Problem } from '../problem.js';
import type { ImportJournalStore } from '../store/store.js';

/**
 * Runs guide imports one at a time: a plan is only valid against the state it
 * read. Within a process a queue orders them; across processes (several
 * gateways, or the CLI, on one CouchDB) a lease in the store does, taken and
 * renewed through document revisions.
 */
export interface ImportLock {
  run<T>(work: () => Promise<T>): Promise<T>;
}

export interface SharedLeaseOptions {
  leases: Pick<ImportJournalStore, 'acquireLease' | 'releaseLease'>;
  clock: Clock;
  /** Who holds the lease, for operators reading the store; unique per process by default. */
  holder?: string;
  /** How long a lease lasts unless renewed; a process that died releases it this late. */
  leaseMs?: number;
  /** How long an import waits for another one before it answers IMPORT_BUSY. */
  waitMs?: number;
  /** Pause between two tries while another holder has the lease. */
  retryMs?: number;
  /** Timers, injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
}

// Shorter than the wait: a holder that was killed (SIGKILL mid-import) never blocks a restart for good.
const DEFAULT_LEASE_MS = 30 * 1000;
const DEFAULT_WAIT_MS = 60 * 1000;
const DEFAULT_RETRY_MS = 500;

/** In-process only without `shared`; with it, also exclusive across every process on the store. */
export function createImportLock(shared?: SharedLeaseOptions): ImportLock {
  let tail: Promise<unknown> = Promise.resolve();
  const guarded = shared ? withLease(shared) : <T>(work: () => Promise<T>) => work();
  return {
    run(work) {
      const next = tail.then(
        () => guarded(work),
        () => guarded(work),
      );
      // A failed import must not block the next one.
      tail = next.catch(() => undefined);
      return next;
    },
  };
}

function withLease(options: SharedLeaseOptions) {
  const holder = options.holder ?? `gateway-${process.pid}-${randomBytes(4).toString('hex')}`;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  const retryMs = options.retryMs ?? DEFAULT_RETRY_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = () => options.clock.now();
  const tryTake = () => options.leases.acquireLease(holder, new Date(now().getTime() + leaseMs).toISOString(), now().toISOString());

  return async <T>(work: () => Promise<T>): Promise<T> => {
    const giveUpAt = now().getTime() + waitMs;
    while (!(await tryTake())) {
      if (now().getTime() >= giveUpAt) throw new Problem('IMPORT_BUSY');
      await sleep(retryMs);
    }
    // Renew well before expiry so a long import keeps it; a failed renewal is retried at the next tick.
    const renewal = setInterval(() => void tryTake().catch(() => undefined), Math.max(1, Math.floor(leaseMs / 3)));
    renewal.unref?.();
    try {
      return await work();
    } finally {
      clearInterval(renewal);
      await options.leases.releaseLease(holder).catch(() => undefined);
    }
  };
}

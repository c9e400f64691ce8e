import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { DocumentStore, MaterialStore, OutboxStore } from '../store/store.js';
import { CLOSED, recordSuccess, requestPermission, type BreakerOptions, type BreakerState } from './circuit-breaker.js';
import { isClaimable, leaseEnd, nextRoundDelayMs } from './claim-rules.js';
import { deliverEntry, type Delivered } from './deliver-entry.js';
import { keepLease, settleEntry } from './entry-writes.js';
import { classifyFailure, planAfterFailure } from './failure-outcome.js';
import type { OutboxEntry } from '../domain/outbox-entry.js';
import type { ProvinceAdapter } from './province-adapter.js';
import { forwardedStatusId, recordStatus } from './record-status.js';
import type { RetryPolicy } from './retry-policy.js';
import { SILENT_UPLINK_OBSERVER, type UplinkObserver } from './uplink-observer.js';

export interface ForwarderOptions {
  /** This gateway instance, written into the entries it claims. */
  instanceId: string;
  /** Pause between rounds when there was nothing to do. */
  pollMs: number;
  batchSize: number;
  /** How long a claim holds unless renewed; renewed while a delivery runs, so a slow province never lets a second instance in. */
  leaseMs: number;
  /** How often a running delivery renews its lease; default a third of `leaseMs`. */
  renewEveryMs?: number;
  retry: RetryPolicy;
  breaker: BreakerOptions;
}

export interface ForwarderDeps {
  outbox: OutboxStore;
  documents: DocumentStore;
  materials: MaterialStore;
  province: ProvinceAdapter;
  clock: Clock;
  logger: Logger;
  /** In [0, 1); for the jitter. */
  random?: () => number;
  /** Told how each attempt ended (metrics); default: nobody. */
  observer?: UplinkObserver;
}

/** What this instance has done since it started, for logs and `/v1/admin/outbox`. */
export interface ForwarderCounts {
  delivered: number;
  failed: number;
  dead: number;
  deferred: number;
  /** Entries another instance claimed first (a 409 on the claim). */
  claimConflicts: number;
  /** Leases pushed forward while a slow delivery ran. */
  leaseRenewals: number;
  circuit: BreakerState['phase'];
}

export interface Forwarder {
  /** One round: claim due entries and deliver them; answers how many were due. */
  runOnce(): Promise<number>;
  counts(): ForwarderCounts;
  stop(): Promise<void>;
}

/**
 * Delivers outbox entries to the province: at least once, each with its
 * Idempotency-Key, so the province keeps one of each. Claims an entry by
 * writing `claimedBy`/`leaseUntil` with its `_rev` (a 409 means another
 * instance has it; an expired lease, left by a killed instance, can be taken
 * over). Backoff with full jitter between attempts, a circuit breaker while
 * the province does not answer, dead letters for permanent refusals.
 *
 * This is the shell holding the state (counts, circuit, timer); the decisions
 * are pure (`claim-rules.ts`, `failure-outcome.ts`), the delivery itself is
 * `deliver-entry.ts`, the writes of an entry `entry-writes.ts`.
 */
export function startForwarder(deps: ForwarderDeps, options: ForwarderOptions): Forwarder {
  const random = deps.random ?? Math.random;
  const observer = deps.observer ?? SILENT_UPLINK_OBSERVER;
  const counts: Omit<ForwarderCounts, 'circuit'> = { delivered: 0, failed: 0, dead: 0, deferred: 0, claimConflicts: 0, leaseRenewals: 0 };
  let breaker: BreakerState = CLOSED;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let idleRounds = 0;
  const log = deps.logger.child({ component: 'forwarder', instance: options.instanceId });
  const failurePolicy = { retry: options.retry, breaker: options.breaker, pollMs: options.pollMs };
  const leaseDeps = {
    outbox: deps.outbox,
    clock: deps.clock,
    log,
    instanceId: options.instanceId,
    leaseMs: options.leaseMs,
    renewEveryMs: options.renewEveryMs ?? Math.max(1, Math.floor(options.leaseMs / 3)),
    onRenewed: () => {
      counts.leaseRenewals += 1;
    },
  };

  /** Operators see the circuit change in the logs: opening means the province stopped answering. */
  function setBreaker(next: BreakerState): void {
    if (next.phase !== breaker.phase) {
      const level = next.phase === 'open' ? 'warn' : 'info';
      log[level]({ circuit: next.phase, from: breaker.phase }, next.phase === 'open' ? 'province not answering: circuit open' : 'circuit changed');
    }
    breaker = next;
  }

  /** One round; answers how many entries were due (0: an idle round). */
  async function runOnce(): Promise<number> {
    const due = await deps.outbox.listDue(deps.clock.now().toISOString(), options.batchSize);
    for (const entry of due) {
      if (stopped) return due.length;
      if (!isClaimable(entry, deps.clock.now(), options.instanceId)) continue;
      const permission = requestPermission(breaker, deps.clock.now().getTime());
      setBreaker(permission.state);
      if (!permission.allowed) return due.length;
      const claimed = await claim(entry);
      if (claimed) await deliverClaimed(claimed);
    }
    return due.length;
  }

  async function claim(entry: OutboxEntry): Promise<OutboxEntry | null> {
    const written = await deps.outbox.write({ ...entry, claimedBy: options.instanceId, leaseUntil: leaseEnd(deps.clock.now(), options.leaseMs) });
    if (written.ok) return written.entry;
    counts.claimConflicts += 1;
    log.info({ entry: entry._id, claimConflicts: counts.claimConflicts }, 'entry claimed by another instance');
    return null;
  }

  async function deliverClaimed(entry: OutboxEntry): Promise<void> {
    const lease = keepLease(entry, leaseDeps);
    let delivered: Delivered;
    try {
      delivered = await deliverEntry(deps, entry);
    } catch (error) {
      await lease.stop();
      await handleFailure(entry, error);
      return;
    }
    await lease.stop();
    setBreaker(recordSuccess());
    const now = deps.clock.now().toISOString();
    // The status first: should this instance die before the entry is marked
    // done, the entry is delivered again (the province replays its answer)
    // and the status write is a no-op.
    if (entry.kind === 'submit') {
      const status = { id: forwardedStatusId(entry.applicationId), applicationId: entry.applicationId, state: 'forwarded' as const, message: '已报送省平台', at: now };
      await recordStatus(deps.documents, entry.owner, status, now);
    }
    const { result, replayed } = delivered;
    await settleEntry(deps.outbox, entry, { state: 'done', attempts: entry.attempts + 1, doneAt: now, ...(result ? { result } : {}) });
    counts.delivered += 1;
    observer.delivery(entry.kind, replayed ? 'replayed' : 'delivered');
    log.info(
      { entry: entry._id, kind: entry.kind, applicationId: entry.applicationId, caseId: result?.caseId, attempts: entry.attempts + 1, delivered: counts.delivered },
      'delivered',
    );
  }

  async function handleFailure(entry: OutboxEntry, error: unknown): Promise<void> {
    const failure = classifyFailure(error);
    if (failure.kind === 'internal') log.error({ err: error, entry: entry._id }, 'delivery failed in the gateway');
    // A deferral draws no jitter, so a seeded random stays in step with the retries.
    const plan = planAfterFailure(entry, failure, breaker, deps.clock.now(), failurePolicy, failure.kind === 'not-yet' ? 0 : random());
    setBreaker(plan.breaker);
    const { outcome } = plan;
    await settleEntry(deps.outbox, entry, outcome.patch);
    if (outcome.action === 'deferred') {
      counts.deferred += 1;
      observer.delivery(entry.kind, 'deferred');
    } else if (outcome.action === 'dead') {
      counts.dead += 1;
      observer.delivery(entry.kind, 'dead');
      log.warn({ entry: entry._id, applicationId: entry.applicationId, attempts: entry.attempts + 1, reason: outcome.reason }, 'dead letter');
    } else {
      counts.failed += 1;
      observer.delivery(entry.kind, 'retry');
      const reason = failure.kind === 'not-yet' ? undefined : failure.reason;
      log.info({ entry: entry._id, attempts: entry.attempts + 1, delayMs: outcome.delayMs, circuit: breaker.phase, reason }, 'delivery failed; will retry');
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(
      () => {
        running = runOnce()
          .then((due) => {
            idleRounds = due > 0 ? 0 : idleRounds + 1;
          })
          .catch((error: unknown) => log.warn({ err: error }, 'forwarder round failed'))
          .finally(schedule);
      },
      nextRoundDelayMs(options.pollMs, idleRounds),
    );
  }
  schedule();

  return {
    runOnce,
    counts: () => ({ ...counts, circuit: breaker.phase }),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** A fresh instance id: each gateway process claims under its own name. */
export function newInstanceId(): string {
  return `gw-${randomUUID().slice(0, 8)}`;
}

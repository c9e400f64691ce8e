import { randomUUID } from 'node:crypto';
import { intakeMaterialHashes } from '../../province/intake-contract.js';
import { referencedMaterials, type ApplicationDoc } from '../../sync-protocol/index.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { DocumentStore, MaterialStore, OutboxStore } from '../store/store.js';
import { CLOSED, recordFailure, recordSuccess, requestPermission, type BreakerOptions, type BreakerState } from './circuit-breaker.js';
import { submitEntryId, type OutboxEntry } from './outbox-entry.js';
import { idempotencyKey, mayGoUpstream, toIntakeApplication, toIntakeRating, toIntakeSupplement } from './plan-deliveries.js';
import { UpstreamError, type ProvinceAdapter } from './province-adapter.js';
import { forwardedStatusId, recordStatus } from './record-status.js';
import { decideAfterFailure, type RetryPolicy } from './retry-policy.js';
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
  /** One round: claim due entries and deliver them. */
  /** One round; answers how many entries were due. */
  runOnce(): Promise<number>;
  counts(): ForwarderCounts;
  stop(): Promise<void>;
}

/** Longest wait of a supplement or rating for its submission's case before it looks again. */
const MAX_DEFER_MS = 60_000;

/** An entry that cannot go yet (its application's case is not known): back in the queue without spending an attempt. */
class NotYet extends Error {}

/**
 * Delivers outbox entries to the province: at least once, each with its
 * Idempotency-Key, so the province keeps one of each. Claims an entry by
 * writing `claimedBy`/`leaseUntil` with its `_rev` (a 409 means another
 * instance has it; an expired lease, left by a killed instance, can be taken
 * over). Backoff with full jitter between attempts, a circuit breaker while
 * the province does not answer, dead letters for permanent refusals.
 */
export function startForwarder(deps: ForwarderDeps, options: ForwarderOptions): Forwarder {
  const random = deps.random ?? Math.random;
  const observer = deps.observer ?? SILENT_UPLINK_OBSERVER;
  const counts: Omit<ForwarderCounts, 'circuit'> = { delivered: 0, failed: 0, dead: 0, deferred: 0, claimConflicts: 0, leaseRenewals: 0 };
  let breaker: BreakerState = CLOSED;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const log = deps.logger.child({ component: 'forwarder', instance: options.instanceId });

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
    const now = deps.clock.now();
    const due = await deps.outbox.listDue(now.toISOString(), options.batchSize);
    for (const entry of due) {
      if (stopped) return due.length;
      // The claim below is safe only for what is read here: a query can answer
      // a document that changed since it was indexed (the embedded store does).
      if (entry.state !== 'pending' || entry.nextAttemptAt > now.toISOString()) continue;
      if (entry.leaseUntil && entry.claimedBy !== options.instanceId && Date.parse(entry.leaseUntil) > deps.clock.now().getTime()) continue;
      const permission = requestPermission(breaker, deps.clock.now().getTime());
      setBreaker(permission.state);
      if (!permission.allowed) return due.length;
      const claimed = await claim(entry);
      if (claimed) await deliverClaimed(claimed);
    }
    return due.length;
  }

  async function claim(entry: OutboxEntry): Promise<OutboxEntry | null> {
    const leaseUntil = new Date(deps.clock.now().getTime() + options.leaseMs).toISOString();
    const written = await deps.outbox.write({ ...entry, claimedBy: options.instanceId, leaseUntil });
    if (written.ok) return written.entry;
    counts.claimConflicts += 1;
    log.info({ entry: entry._id, claimConflicts: counts.claimConflicts }, 'entry claimed by another instance');
    return null;
  }

  /**
   * Keeps this instance's claim alive while a delivery runs: every
   * `renewEveryMs` the lease is pushed forward on the entry's current
   * revision. Once the entry is no longer ours (released, done, taken over)
   * it stops. The outcome is written by `settle`, which copes with the
   * revisions the renewals made.
   */
  function keepLease(entry: OutboxEntry): { stop(): Promise<void> } {
    let busy: Promise<void> = Promise.resolve();
    let done = false;
    const renew = async () => {
      const current = await deps.outbox.read(entry._id);
      if (!current || current.state !== 'pending' || current.claimedBy !== options.instanceId) {
        done = true;
        return;
      }
      const leaseUntil = new Date(deps.clock.now().getTime() + options.leaseMs).toISOString();
      const written = await deps.outbox.write({ ...current, leaseUntil });
      if (written.ok) counts.leaseRenewals += 1;
    };
    const timer = setInterval(() => {
      if (done) return;
      busy = busy.then(renew).catch((error: unknown) => log.warn({ err: error, entry: entry._id }, 'lease renewal failed'));
    }, options.renewEveryMs ?? Math.max(1, Math.floor(options.leaseMs / 3)));
    timer.unref?.();
    return {
      async stop() {
        done = true;
        clearInterval(timer);
        await busy;
      },
    };
  }

  async function deliverClaimed(entry: OutboxEntry): Promise<void> {
    let result: { caseId: string; receivedAt: string } | undefined;
    let replayed = false;
    const lease = keepLease(entry);
    try {
      ({ result, replayed } = await deliver(entry));
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
    await settle(entry, (fresh) => ({ ...fresh, state: 'done', attempts: entry.attempts + 1, doneAt: now, ...(result ? { result } : {}) }));
    counts.delivered += 1;
    observer.delivery(entry.kind, replayed ? 'replayed' : 'delivered');
    log.info({ entry: entry._id, kind: entry.kind, applicationId: entry.applicationId, caseId: result?.caseId, attempts: entry.attempts + 1, delivered: counts.delivered }, 'delivered');
  }

  async function handleFailure(entry: OutboxEntry, error: unknown): Promise<void> {
    const now = deps.clock.now();
    if (error instanceof NotYet) {
      counts.deferred += 1;
      observer.delivery(entry.kind, 'deferred');
      const later = new Date(now.getTime() + Math.min(Math.max(options.pollMs, 1000), MAX_DEFER_MS)).toISOString();
      await settle(entry, (fresh) => ({ ...fresh, nextAttemptAt: later }));
      return;
    }
    const upstream = error instanceof UpstreamError ? error : null;
    if (!upstream) log.error({ err: error, entry: entry._id }, 'delivery failed in the gateway');
    const permanent = upstream?.permanent ?? false;
    // A permanent refusal is still an answer: the province is up.
    setBreaker(permanent ? recordSuccess() : recordFailure(breaker, now.getTime(), options.breaker));
    const reason = upstream?.message ?? (error as Error).message ?? String(error);
    const attempts = entry.attempts + 1;
    const decision = decideAfterFailure(attempts, { permanent, reason }, options.retry, random());
    if (decision.action === 'dead') {
      counts.dead += 1;
      observer.delivery(entry.kind, 'dead');
      await settle(entry, (fresh) => ({ ...fresh, state: 'dead', attempts, lastError: reason, deadReason: decision.reason, deadAt: now.toISOString() }));
      log.warn({ entry: entry._id, applicationId: entry.applicationId, attempts, reason: decision.reason }, 'dead letter');
      return;
    }
    counts.failed += 1;
    observer.delivery(entry.kind, 'retry');
    const nextAttemptAt = new Date(now.getTime() + decision.delayMs).toISOString();
    await settle(entry, (fresh) => ({ ...fresh, attempts, lastError: reason, nextAttemptAt }));
    log.info({ entry: entry._id, attempts, delayMs: decision.delayMs, circuit: breaker.phase, reason }, 'delivery failed; will retry');
  }

  /**
   * Writes the outcome and releases the claim. Should the lease have been
   * taken over meanwhile (a 409), the outcome is written on the fresh
   * revision, unless that one is already done.
   */
  async function settle(entry: OutboxEntry, change: (fresh: OutboxEntry) => OutboxEntry): Promise<void> {
    let current: OutboxEntry | null = entry;
    for (let attempt = 0; attempt < 5 && current; attempt += 1) {
      const { claimedBy: _c, leaseUntil: _l, ...released } = change(current);
      const written = await deps.outbox.write(released as OutboxEntry);
      if (written.ok) return;
      current = await deps.outbox.read(entry._id);
      if (current?.state === 'done') return;
    }
  }

  /** Sends the entry; answers the province's case (submissions) and whether it replayed a first answer. */
  async function deliver(entry: OutboxEntry): Promise<{ result?: { caseId: string; receivedAt: string }; replayed: boolean }> {
    const found = await deps.documents.readDocuments({ collection: 'applications', userId: entry.owner }, [entry.applicationId]);
    const stored = found.get(entry.applicationId);
    if (!stored || stored.deleted) throw new UpstreamError('the application no longer exists at the gateway', true);
    const app = stored.data as ApplicationDoc;
    // The one gate (plan-deliveries.ts), asked again at the moment of sending: an application
    // no longer submitted never goes; one waiting for a material (a supplement's) waits for it.
    if (!mayGoUpstream(stored, true)) throw new UpstreamError('the application is not submitted at the gateway', true);
    const hashes = referencedMaterials(app);
    const held = await deps.materials.findHeld(entry.owner, hashes);
    if (!mayGoUpstream(stored, hashes.every((sha256) => held.has(sha256)))) throw new NotYet();
    if (entry.kind === 'submit') {
      if (idempotencyKey('submit', app) !== entry.key) throw new UpstreamError('the application changed after it was queued; edits after submission are not forwarded', true);
      const body = toIntakeApplication(app, entry.readyAt);
      await uploadMaterials(entry.owner, intakeMaterialHashes(body));
      const { caseId, receivedAt, replayed } = await deps.province.submitApplication(entry.key, body);
      return { result: { caseId, receivedAt }, replayed: replayed === true };
    }
    const caseId = await caseOf(entry);
    if (entry.kind === 'supplement') {
      const body = toIntakeSupplement(app, entry.supplementId ?? '');
      if (!body) throw new UpstreamError('the supplement is no longer on the application', true);
      await uploadMaterials(entry.owner, intakeMaterialHashes(body));
      const ack = await deps.province.submitSupplement(entry.key, caseId, body);
      return { replayed: ack.replayed === true };
    }
    const body = toIntakeRating(app);
    if (!body) throw new UpstreamError('the rating is no longer on the application', true);
    const ack = await deps.province.submitRating(entry.key, caseId, body);
    return { replayed: ack.replayed === true };
  }

  /** The province's case of the entry's application; supplements and ratings wait for it. */
  async function caseOf(entry: OutboxEntry): Promise<string> {
    const submit = await deps.outbox.read(submitEntryId(entry.applicationId));
    if (submit?.state === 'done' && submit.result) return submit.result.caseId;
    throw new NotYet();
  }

  async function uploadMaterials(owner: string, pages: { sha256: string; contentType: string }[]): Promise<void> {
    for (const page of pages) {
      const bytes = await deps.materials.read(owner, page.sha256);
      if (!bytes) throw new Error(`material ${page.sha256} is missing at the gateway`);
      await deps.province.putMaterial(page.sha256, page.contentType, bytes);
    }
  }

  // Idle rounds space out (up to IDLE_STRETCH × pollMs): the due-entries
  // query is the forwarder's main load on the store, and most rounds of a
  // quiet gateway find nothing. Any due entry brings the pace back at once.
  let idleRounds = 0;
  function schedule(): void {
    if (stopped) return;
    const delay = options.pollMs * Math.min(2 ** idleRounds, IDLE_STRETCH);
    timer = setTimeout(() => {
      running = runOnce()
        .then((due) => {
          idleRounds = due > 0 ? 0 : idleRounds + 1;
        })
        .catch((error: unknown) => log.warn({ err: error }, 'forwarder round failed'))
        .finally(schedule);
    }, delay);
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

/** How far idle rounds stretch the poll interval. */
const IDLE_STRETCH = 8;

/** A fresh instance id: each gateway process claims under its own name. */
export function newInstanceId(): string {
  return `gw-${randomUUID().slice(0, 8)}`;
}

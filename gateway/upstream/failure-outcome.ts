import { recordFailure, recordSuccess, type BreakerOptions, type BreakerState } from './circuit-breaker.js';
import type { OutboxEntry } from '../domain/outbox-entry.js';
import { UpstreamError } from './province-adapter.js';
import { decideAfterFailure, type RetryPolicy } from './retry-policy.js';

/** An entry that cannot go yet (its application's case is not known): back in the queue without spending an attempt. */
export class NotYet extends Error {}

/** Why a delivery did not happen, as the decisions below need it. */
export type DeliveryFailure =
  | { kind: 'not-yet' }
  /** The province answered with a refusal, or did not answer (transient). */
  | { kind: 'upstream'; permanent: boolean; reason: string }
  /** Something failed in the gateway itself (the store, a missing material): transient, and worth an error log. */
  | { kind: 'internal'; reason: string };

export function classifyFailure(error: unknown): DeliveryFailure {
  if (error instanceof NotYet) return { kind: 'not-yet' };
  if (error instanceof UpstreamError) return { kind: 'upstream', permanent: error.permanent, reason: error.message };
  return { kind: 'internal', reason: error instanceof Error ? error.message : String(error) };
}

/** Fields of an entry an outcome sets; applied to the freshest revision when the outcome is written. */
export type EntryPatch = Partial<Omit<OutboxEntry, '_id' | '_rev' | 'type'>>;

export type FailureOutcome =
  { action: 'deferred'; patch: EntryPatch } | { action: 'dead'; patch: EntryPatch; reason: string } | { action: 'retry'; patch: EntryPatch; delayMs: number };

export interface FailurePolicy {
  retry: RetryPolicy;
  breaker: BreakerOptions;
  pollMs: number;
}

/** Longest wait of a supplement or rating for its submission's case before it looks again. */
const MAX_DEFER_MS = 60_000;

/**
 * What becomes of an entry after a failed delivery, and of the circuit.
 * A deferral spends no attempt and leaves the circuit alone; a permanent
 * refusal is still an answer (the province is up), so it closes the circuit
 * and makes a dead letter; a transient failure counts towards opening it and
 * is retried with jittered backoff until the policy gives up. Pure: `random`
 * in [0, 1).
 */
export function planAfterFailure(
  entry: OutboxEntry,
  failure: DeliveryFailure,
  breaker: BreakerState,
  now: Date,
  policy: FailurePolicy,
  random: number,
): { outcome: FailureOutcome; breaker: BreakerState } {
  if (failure.kind === 'not-yet') {
    const later = new Date(now.getTime() + Math.min(Math.max(policy.pollMs, 1000), MAX_DEFER_MS)).toISOString();
    return { outcome: { action: 'deferred', patch: { nextAttemptAt: later } }, breaker };
  }
  const permanent = failure.kind === 'upstream' && failure.permanent;
  const nextBreaker = permanent ? recordSuccess() : recordFailure(breaker, now.getTime(), policy.breaker);
  const attempts = entry.attempts + 1;
  const decision = decideAfterFailure(attempts, { permanent, reason: failure.reason }, policy.retry, random);
  if (decision.action === 'dead') {
    const patch: EntryPatch = { state: 'dead', attempts, lastError: failure.reason, deadReason: decision.reason, deadAt: now.toISOString() };
    return { outcome: { action: 'dead', patch, reason: decision.reason }, breaker: nextBreaker };
  }
  const nextAttemptAt = new Date(now.getTime() + decision.delayMs).toISOString();
  return { outcome: { action: 'retry', patch: { attempts, lastError: failure.reason, nextAttemptAt }, delayMs: decision.delayMs }, breaker: nextBreaker };
}

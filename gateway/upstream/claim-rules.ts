import type { OutboxEntry } from '../domain/outbox-entry.js';

/**
 * Whether this instance may claim an entry a due-entries query answered. The
 * query can answer a document that changed since it was indexed (the embedded
 * store does), so the claim trusts only what this says about the entry read.
 * Pure.
 */
export function isClaimable(entry: OutboxEntry, now: Date, instanceId: string): boolean {
  if (entry.state !== 'pending' || entry.nextAttemptAt > now.toISOString()) return false;
  const heldByAnother = entry.leaseUntil !== undefined && entry.claimedBy !== instanceId && Date.parse(entry.leaseUntil) > now.getTime();
  return !heldByAnother;
}

/** End of a lease taken or renewed now. */
export function leaseEnd(now: Date, leaseMs: number): string {
  return new Date(now.getTime() + leaseMs).toISOString();
}

/** How far idle rounds stretch the poll interval. */
const IDLE_STRETCH = 8;

/**
 * Pause before the next round: idle rounds space out up to IDLE_STRETCH ×
 * pollMs (the due-entries query is the forwarder's main load on the store, and
 * most rounds of a quiet gateway find nothing); a round with due entries brings
 * the pace back at once. Pure.
 */
export function nextRoundDelayMs(pollMs: number, idleRounds: number): number {
  return pollMs * Math.min(2 ** idleRounds, IDLE_STRETCH);
}

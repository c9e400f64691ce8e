import type { OutboxKind } from '../domain/outbox-entry.js';

/**
 * How one delivery attempt ended:
 * - `delivered`: the province took it (first answer to its Idempotency-Key);
 * - `replayed`: the province recognised a resend and replayed its first answer;
 * - `retry`: no answer or a transient refusal, tried again later;
 * - `dead`: a permanent refusal, or out of attempts: a dead letter;
 * - `deferred`: a supplement or rating waiting for its application's case.
 */
export type DeliveryOutcome = 'delivered' | 'replayed' | 'retry' | 'dead' | 'deferred';

/**
 * What the forwarder and the status poller report as they work (metrics
 * listen here). Every call is synchronous and must not throw.
 */
export interface UplinkObserver {
  delivery(kind: OutboxKind, outcome: DeliveryOutcome): void;
  /** A successful poll of the province change feed: events read, whether the page was full, when. */
  polled(events: number, full: boolean, at: Date): void;
  pollFailed(): void;
}

/** Reports to nobody: the default when no metrics are wired. */
export const SILENT_UPLINK_OBSERVER: UplinkObserver = {
  delivery: () => {},
  polled: () => {},
  pollFailed: () => {},
};

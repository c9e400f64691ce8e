import type { IntakeEventState } from '../../province/intake-contract.js';

/** What one outbox entry delivers: the application itself, one supplement (补件), or the rating (好差评). */
export type OutboxKind = 'submit' | 'supplement' | 'rating';
export type OutboxState = 'pending' | 'done' | 'dead';

/**
 * One delivery to the provincial platform, durable in the outbox database.
 * Its `_id` is deterministic (`submit:<app>`, `supplement:<app>:<supplement>`,
 * `rating:<app>`), so enqueueing twice is a no-op, and `key` (the
 * Idempotency-Key) is fixed when it is enqueued: every attempt of it is the
 * same request to the province.
 */
export interface OutboxEntry {
  _id: string;
  _rev?: string;
  type: 'outbox';
  kind: OutboxKind;
  applicationId: string;
  /** The user whose databases hold the application (applicant or agent who filed it). */
  owner: string;
  supplementId?: string;
  key: string;
  /** Server clock when the gateway held everything this delivery needs (the application's `completeAt`). */
  readyAt: string;
  state: OutboxState;
  attempts: number;
  /** Server clock, ISO: not before this. */
  nextAttemptAt: string;
  createdAt: string;
  /** Gateway instance holding the entry until `leaseUntil` (server clock, ISO). */
  claimedBy?: string;
  leaseUntil?: string;
  lastError?: string;
  deadReason?: string;
  deadAt?: string;
  doneAt?: string;
  /** The province's answer: its case for a submission. */
  result?: { caseId: string; receivedAt: string };
  /** Submissions only: what the province last reported (from the status poller). */
  province?: { state: IntakeEventState; eventId: string; acceptanceNumber?: string };
}

export function submitEntryId(applicationId: string): string {
  return `submit:${applicationId}`;
}

export function supplementEntryId(applicationId: string, supplementId: string): string {
  return `supplement:${applicationId}:${supplementId}`;
}

export function ratingEntryId(applicationId: string): string {
  return `rating:${applicationId}`;
}

/** Backlog figures for operators (`/v1/admin/outbox`, `npm run outbox -- list`). */
export interface OutboxBacklog {
  pending: number;
  dead: number;
  done: number;
  /** Age in seconds of the oldest pending entry, by its creation (server clock). */
  oldestPendingSeconds: number | null;
}

/**
 * The outbox as a metrics scrape sees it: counts by state, read from a
 * reduce view (no entry is fetched). `inFlight` are pending entries an
 * instance holds under an unexpired lease; `pending` includes them.
 */
export interface OutboxGauges {
  pending: number;
  inFlight: number;
  dead: number;
  /** Creation time (server clock, ISO) of the oldest pending entry; null when none is pending. */
  oldestPendingCreatedAt: string | null;
}

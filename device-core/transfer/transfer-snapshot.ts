/**
 * What the device knows about sending materials right now, for the UI:
 * one entry per material of this session's rounds, and what the scheduler
 * is doing. Plain data, replaced (never mutated) on every change.
 */
export type ItemState = 'waiting' | 'sending' | 'sent' | 'failed';

export interface ItemProgress {
  sha256: string;
  /** Bytes the gateway acknowledged (tus offset), or sent so far. */
  sent: number;
  /** Size of the material; 0 until the device read it. */
  total: number;
  state: ItemState;
}

/**
 * - `idle`: nothing to send;
 * - `documents`: waiting for the applications to reach the gateway first;
 * - `sending`: materials on their way;
 * - `retrying`: a round failed; the next starts at `retryAt`;
 * - `needs-sign-in` / `needs-update`: stopped until the session or the app changes;
 * - `stopped`: signed out or switched user.
 */
export type TransferStatus = 'idle' | 'documents' | 'sending' | 'retrying' | 'needs-sign-in' | 'needs-update' | 'stopped';

export interface TransferSnapshot {
  status: TransferStatus;
  items: Readonly<Record<string, ItemProgress>>;
  /** Epoch ms of the next retry while `retrying`. */
  retryAt?: number;
}

export const EMPTY_TRANSFER: TransferSnapshot = { status: 'idle', items: {} };

/** The snapshot with one item changed (created as `waiting` with nothing sent if new). */
export function withItem(snapshot: TransferSnapshot, sha256: string, change: Partial<Omit<ItemProgress, 'sha256'>>): TransferSnapshot {
  const current = snapshot.items[sha256] ?? { sha256, sent: 0, total: 0, state: 'waiting' as const };
  return { ...snapshot, items: { ...snapshot.items, [sha256]: { ...current, ...change } } };
}

/** The snapshot with another status (and retry time only while retrying). */
export function withStatus(snapshot: TransferSnapshot, status: TransferStatus, retryAt?: number): TransferSnapshot {
  const { retryAt: _previous, ...rest } = snapshot;
  return status === 'retrying' && retryAt !== undefined ? { ...rest, status, retryAt } : { ...rest, status };
}

import type { CleanUpOutcome } from '../model/locker-clean-up.js';
import { LockerItemInUseError } from './locker.js';

export interface CleanUpItem {
  sha256: string;
  /** What the item takes on the phone, counted as freed once it is gone. */
  bytes: number;
}

export interface CleanUpOptions {
  /** Deletes one item; rejects with `LockerItemInUseError` when an application needs it now (`removeLockerItem`). */
  remove(sha256: string): Promise<void>;
  /** Called after each item, whatever came of it. */
  onProgress?(done: number, total: number): void;
}

/**
 * Deletes the items one by one, each through the same guarded removal as a
 * single deletion: an item that a draft or an unsent application took up
 * since the list was drawn is refused there and counted as skipped, never
 * deleted. Any other failure is counted and the rest go on: one stuck item
 * does not keep the others' room.
 */
export async function removeLockerItems(items: readonly CleanUpItem[], options: CleanUpOptions): Promise<CleanUpOutcome> {
  const outcome: CleanUpOutcome = { removed: 0, freedBytes: 0, skipped: 0, failed: 0 };
  for (const [index, item] of items.entries()) {
    try {
      await options.remove(item.sha256);
      outcome.removed += 1;
      outcome.freedBytes += item.bytes;
    } catch (error) {
      if (error instanceof LockerItemInUseError) outcome.skipped += 1;
      else outcome.failed += 1;
    }
    options.onProgress?.(index + 1, items.length);
  }
  return outcome;
}

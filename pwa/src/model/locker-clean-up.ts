import type { LockerEntry } from './locker-usage.js';
import { formatBytes } from './storage-space.js';

/**
 * 清理已送达的照片: one tap that gives back the room of every photo the
 * county already holds. Pure: which items qualify and the words around the
 * clean-up; the database layer does the deleting and refuses, item by item,
 * whatever an application needs by then.
 */

export interface CleanUpPlan {
  /** The items to delete, in the order of the list. */
  sha256s: string[];
  /** What they take on the phone, image and thumbnail. */
  bytes: number;
}

/** What came of a clean-up; `skipped` were needed again by the time their turn came. */
export interface CleanUpOutcome {
  removed: number;
  freedBytes: number;
  skipped: number;
  failed: number;
}

/**
 * A photo has reached the county when the gateway holds its bytes and every
 * application that uses it was submitted: no draft and nothing unsent needs
 * it. A photo used by nothing is not 已送达 (the person may keep it to reuse):
 * it is left to be deleted one by one.
 */
export function isDelivered(entry: Pick<LockerEntry, 'item' | 'uses' | 'blockers'>): boolean {
  return Boolean(entry.item.uploadedAt) && entry.uses.length > 0 && entry.blockers.length === 0 && entry.uses.every((u) => u.state === 'sent');
}

export function planSentCleanUp(entries: readonly LockerEntry[]): CleanUpPlan {
  const delivered = entries.filter(isDelivered);
  return { sha256s: delivered.map((e) => e.item.sha256), bytes: delivered.reduce((sum, e) => sum + e.item.storedBytes, 0) };
}

/** 有 23 张照片县里已经收到了，可以从手机上删掉，腾出约 9 MB。: the line above the button; null when there is nothing to clean. */
export function describeCleanUpOffer(plan: CleanUpPlan): string | null {
  if (plan.sha256s.length === 0) return null;
  return `有 ${plan.sha256s.length} 张照片县里已经收到了，可以从手机上删掉，腾出约 ${formatBytes(plan.bytes)}。申请不受影响。`;
}

/** 删除 23 张已送达的照片，可腾出约 9 MB。删除后无法恢复，申请不受影响。 */
export function describeCleanUpQuestion(plan: CleanUpPlan): string {
  return `删除 ${plan.sha256s.length} 张已送达的照片，可腾出约 ${formatBytes(plan.bytes)}。删除后无法恢复，申请不受影响。`;
}

/** 正在删除 3/23… */
export function describeCleanUpProgress(done: number, total: number): string {
  return `正在删除 ${done}/${total}…`;
}

/** What happened, in one or two plain sentences. */
export function describeCleanUpOutcome(outcome: CleanUpOutcome): string {
  const parts: string[] = [];
  if (outcome.removed > 0) parts.push(`已删除 ${outcome.removed} 张照片，腾出约 ${formatBytes(outcome.freedBytes)}。`);
  else parts.push('没有删除照片。');
  if (outcome.skipped > 0) parts.push(`有 ${outcome.skipped} 张刚被别的申请用上，没有删，留在手机上。`);
  if (outcome.failed > 0) parts.push(`有 ${outcome.failed} 张没删掉，请再试一次。`);
  return parts.join('');
}

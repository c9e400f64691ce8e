/**
 * How much room the phone has for this app, in words a villager reads, and
 * when to warn. Pure: the page passes in what `navigator.storage.estimate()`
 * answered.
 */

const MB = 1024 * 1024;

/** A processed photo is at most 400 KB, its thumbnail and the database's copy overhead included about 0.6 MB. */
export const PHOTO_ROOM_BYTES = 0.6 * MB;
/** Below this much free room the app warns before the next photo is taken. */
export const LOW_SPACE_BYTES = 50 * MB;
/** Below this, a photo may not fit at all. */
export const FULL_SPACE_BYTES = 5 * PHOTO_ROOM_BYTES;

export interface StorageEstimateLike {
  usage?: number;
  quota?: number;
}

export type SpaceLevel = 'ok' | 'low' | 'full' | 'unknown';

export interface SpaceReport {
  level: SpaceLevel;
  /** 手机存储：已用 12 MB，可用约 1.2 GB */
  summary: string;
  /** What to do, when the room is running out. */
  warning?: string;
  /** About how many more photos fit. */
  photosLeft?: number;
}

/** Turns a storage estimate into a level and the words to show. */
export function describeSpace(estimate: StorageEstimateLike | null | undefined): SpaceReport {
  if (!estimate || typeof estimate.quota !== 'number' || typeof estimate.usage !== 'number') {
    return { level: 'unknown', summary: '手机存储：无法查看剩余空间' };
  }
  const free = Math.max(0, estimate.quota - estimate.usage);
  const photosLeft = Math.floor(free / PHOTO_ROOM_BYTES);
  const summary = `手机存储：已用 ${formatBytes(estimate.usage)}，可用约 ${formatBytes(free)}`;
  if (free < FULL_SPACE_BYTES) {
    return { level: 'full', summary, photosLeft, warning: '手机存储空间快满了，可能存不下新的照片。请先删掉手机里不用的照片、视频或应用，再来拍材料。已填写的内容不会丢。' };
  }
  if (free < LOW_SPACE_BYTES) {
    return { level: 'low', summary, photosLeft, warning: `手机存储空间不多了，大约还能存${photosLeft}张材料照片。请尽早清理手机空间。` };
  }
  return { level: 'ok', summary, photosLeft };
}

/** 12 MB, 1.2 GB, 800 KB: one decimal below 10, whole numbers above; never four digits (1009 KB is 1 MB). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 || value >= 10 ? Math.round(value).toString() : (Math.round(value * 10) / 10).toString();
  // A no-break space: "10 GB" never splits across lines on a narrow phone.
  return `${shown}\u00a0${units[unit]}`;
}

/** A write refused because the browser's storage is full (IndexedDB's QuotaExceededError, however it is wrapped). */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth += 1) {
    const named = e as { name?: unknown; message?: unknown; cause?: unknown; parameters?: { error?: unknown } };
    if (named.name === 'QuotaExceededError') return true;
    if (typeof named.message === 'string' && /QuotaExceeded|quota/i.test(named.message)) return true;
    e = named.cause ?? named.parameters?.error;
  }
  return false;
}

/** What to say when a write failed for lack of room: nothing already saved is lost. */
export const QUOTA_MESSAGE = '手机存储空间满了，这张照片没有存上。已经填好的内容和照片都还在。请清理手机空间（删掉不用的照片、视频或应用）后再拍。';

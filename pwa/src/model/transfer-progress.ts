import type { ApplicationDoc, MaterialPage } from '../../../sync-protocol/index.js';
import type { TransferSnapshot } from '../../../device-core/transfer/transfer-snapshot.js';

/** How far the photos of one or several applications got. */
export interface PhotoProgress {
  /** Distinct photos (a page attached twice counts once). */
  photos: number;
  /** Photos the gateway holds. */
  photosSent: number;
  bytes: number;
  bytesSent: number;
  /** 0–100, whole numbers; 100 only when every byte is there. */
  percent: number;
}

/** Every distinct photo an application refers to (pages and signature), with its size from the document. */
export function photosOf(app: Pick<ApplicationDoc, 'materials' | 'commitment'>): Map<string, number> {
  const pages: MaterialPage[] = (app.materials ?? []).flatMap((m) => m.pages);
  if (app.commitment) pages.push(app.commitment.signature);
  return new Map(pages.map((p) => [p.sha256, p.bytes]));
}

/**
 * Progress over a set of photos: sizes come from the documents, sent bytes
 * from this session's transfer (a photo not seen by it counts as not sent).
 */
export function photoProgress(photos: ReadonlyMap<string, number>, snapshot: TransferSnapshot): PhotoProgress {
  let photosSent = 0;
  let bytes = 0;
  let bytesSent = 0;
  for (const [sha256, size] of photos) {
    const item = snapshot.items[sha256];
    bytes += size;
    if (item?.state === 'sent') {
      photosSent += 1;
      bytesSent += size;
    } else if (item) {
      bytesSent += Math.min(item.sent, size);
    }
  }
  const percent = bytes === 0 ? 100 : photosSent === photos.size ? 100 : Math.min(99, Math.floor((bytesSent / bytes) * 100));
  return { photos: photos.size, photosSent, bytes, bytesSent, percent };
}

/** One application's photo progress. */
export function applicationProgress(app: Pick<ApplicationDoc, 'materials' | 'commitment'>, snapshot: TransferSnapshot): PhotoProgress {
  return photoProgress(photosOf(app), snapshot);
}

/** The photos of every application still sending, each photo once. */
export function overallProgress(sending: readonly Pick<ApplicationDoc, 'materials' | 'commitment'>[], snapshot: TransferSnapshot): PhotoProgress & { applications: number } {
  const photos = new Map<string, number>();
  for (const app of sending) for (const [sha256, size] of photosOf(app)) photos.set(sha256, size);
  return { ...photoProgress(photos, snapshot), applications: sending.length };
}

/** The badge's words for an application that is sending: `发送中 · 3/5 张 · 62%`. */
export function describeSending(progress: PhotoProgress): string {
  return `发送中 · ${progress.photosSent}/${progress.photos} 张 · ${progress.percent}%`;
}

/** The line over the list: `正在发送 2 份申请的 7 张照片，已完成 45%`. */
export function describeOverall(progress: PhotoProgress & { applications: number }): string {
  return `正在发送 ${progress.applications} 份申请的 ${progress.photos} 张照片，已完成 ${progress.percent}%`;
}

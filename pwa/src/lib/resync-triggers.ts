import { filter, fromEvent, interval, merge, type Observable } from 'rxjs';

/** How often a long-open app pulls public data (areas, guides) again. */
export const RESYNC_INTERVAL_MS = 30 * 60 * 1000; // 30 minutes

/**
 * When public data is pulled again: the network came back, the page became
 * visible (someone opened the app after a while), and every 30 minutes.
 * Guides have no live stream (one per area would use up Chrome's 6
 * connections per origin), so these are the moments a person sees news.
 */
export function resyncTriggers$(win: Window, intervalMs = RESYNC_INTERVAL_MS): Observable<unknown> {
  return merge(fromEvent(win, 'online'), fromEvent(win.document, 'visibilitychange').pipe(filter(() => win.document.visibilityState === 'visible')), interval(intervalMs));
}

/**
 * When the page asks for Background Sync (`tongban-upload`), so the service
 * worker pushes the applications and sends the photos a closed or hidden
 * page left:
 * - `work`: something to send just appeared (a round with work, a submit);
 * - `offline`: the browser lost the network;
 * - `visibility`: the page was hidden or shown;
 * - `pagehide`: the page is going away.
 */
export type RegistrationMoment = 'work' | 'offline' | 'visibility' | 'pagehide';

/** What the page knows at that moment. */
export interface PendingWork {
  /** The photo transfer has something still to send (documents, sending, retrying). */
  transferBusy: boolean;
  /**
   * A submitted application has no `server` stamp yet: its push may have
   * failed on a flaky link while the browser still says online, and it may
   * have no photo that keeps the transfer busy.
   */
  unacknowledgedApplications: boolean;
  /** `navigator.onLine`. */
  online: boolean;
  /** The page is hidden. */
  hidden: boolean;
}

/**
 * Whether to register Background Sync now. Only when something waits to be
 * sent; then always when the network went or the page goes away (the sync
 * waits for the network, and wakes the worker once every page is closed).
 * Registering while the page is visible and online would only wake the
 * worker to defer to this page, which sends itself.
 */
export function shouldRegisterBackgroundUpload(moment: RegistrationMoment, work: PendingWork): boolean {
  const pending = moment === 'work' || work.transferBusy || work.unacknowledgedApplications;
  if (!pending) return false;
  if (moment === 'offline' || moment === 'pagehide') return true;
  return !work.online || work.hidden;
}

import { distinctUntilChanged, map, type Observable } from 'rxjs';
import { UNACKNOWLEDGED_SELECTOR } from '../model/unacknowledged.js';
import type { UserDatabase } from './create-database.js';

/**
 * Whether any submitted application still waits for the gateway's
 * acknowledgement (no `server` stamp pulled back): the applications the
 * service worker pushes in a background round (sw/unsent-applications.ts
 * reads the same ones from IndexedDB). Emits the current answer, then each
 * change.
 */
export function hasUnacknowledgedApplications$(db: UserDatabase): Observable<boolean> {
  return db.applications.findOne({ selector: UNACKNOWLEDGED_SELECTOR }).$.pipe(
    map((doc) => doc !== null),
    distinctUntilChanged(),
  );
}

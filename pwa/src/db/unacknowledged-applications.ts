import { distinctUntilChanged, map, type Observable } from 'rxjs';
import type { UserDatabase } from './create-database.js';

/**
 * Whether any submitted application still waits for the gateway's
 * acknowledgement (no `server` stamp pulled back): the applications the
 * service worker pushes in a background round (sw/unsent-applications.ts
 * reads the same ones from IndexedDB). Emits the current answer, then each
 * change.
 */
export function hasUnacknowledgedApplications$(db: UserDatabase): Observable<boolean> {
  return db.applications.findOne({ selector: { lifecycle: 'submitted', server: { $exists: false } } }).$.pipe(
    map((doc) => doc !== null),
    distinctUntilChanged(),
  );
}

import { combineLatest, distinctUntilChanged, map, type Observable } from 'rxjs';
import { awaitingPush, UNACKNOWLEDGED_SELECTOR } from '../../../device-core/unacknowledged.js';
import type { UserDatabase } from './create-database.js';

/**
 * Whether any submitted application still waits for the gateway's
 * acknowledgement (no `server` stamp pulled back) and was not refused as it
 * stands: the applications the service worker pushes in a background round
 * (pwa/src/db/outgoing-mirror.ts hands the same ones to it). A refused
 * one waits for an edit, so it asks for no Background Sync. Emits the
 * current answer, then each change.
 */
export function hasUnacknowledgedApplications$(db: UserDatabase): Observable<boolean> {
  return combineLatest([db.applications.find({ selector: UNACKNOWLEDGED_SELECTOR }).$, db.syncissues.find({ selector: { scope: 'applications' } }).$]).pipe(
    map(([apps, issues]) => awaitingPush(apps, new Set(issues.map((issue) => issue.documentId))).length > 0),
    distinctUntilChanged(),
  );
}

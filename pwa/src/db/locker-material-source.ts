import { distinctUntilChanged, map, skip, type Observable } from 'rxjs';
import type { MaterialSource } from '../../../device-core/transfer/material-source.js';
import type { UserDatabase } from './create-database.js';
import { getMaterialBlob, markUploaded, unsentMaterialHashes } from './locker.js';

/** The transfer scheduler's view of one person's material locker. */
export function createLockerMaterialSource(db: UserDatabase, now: () => Date = () => new Date()): MaterialSource {
  return {
    unsent: () => unsentMaterialHashes(db),
    blob: (sha256) => getMaterialBlob(db, sha256),
    markUploaded: (sha256) => markUploaded(db, sha256, now().toISOString()),
  };
}

/** Emits whenever the number of submitted applications changes after subscription (a new submit). */
export function submitted$(db: UserDatabase): Observable<number> {
  return db.applications.find({ selector: { lifecycle: 'submitted' } }).$.pipe(
    map((docs) => docs.length),
    distinctUntilChanged(),
    skip(1),
  );
}

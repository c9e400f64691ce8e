import type { RxDocument } from 'rxdb';
import { combineLatest, map, type Observable } from 'rxjs';
import type { ApplicationDoc } from '../../../sync-protocol/index.js';
import { describeLockerEntries, type LockerEntry, type LockerItemFacts } from '../model/locker-usage.js';
import type { UserDatabase } from './create-database.js';
import { LOCKER_IMAGE, LOCKER_THUMB, type LockerItemDoc } from './locker-schema.js';

/**
 * 我的材料柜: every locker item, newest first, with the applications that use
 * it and whether it may be deleted. Emits again when an item or an
 * application changes (a photo kept, a draft edited, an upload confirmed).
 * Thumbnails are not loaded here: a list of hundreds of items reads each one
 * as its row shows it (`getMaterialThumbnail`).
 */
export function lockerEntries$(db: UserDatabase): Observable<LockerEntry[]> {
  return combineLatest([db.materials.find({ sort: [{ createdAt: 'desc' }, { sha256: 'asc' }] }).$, db.applications.find().$]).pipe(
    map(([items, apps]) =>
      describeLockerEntries(
        items.map(factsOf),
        apps.map((a) => a.toJSON() as ApplicationDoc),
      ),
    ),
  );
}

/** The fields the screen shows, and what the item takes on the phone: its image and thumbnail. */
function factsOf(doc: RxDocument<LockerItemDoc>): LockerItemFacts {
  const item = doc.toJSON() as LockerItemDoc;
  const image = doc.getAttachment(LOCKER_IMAGE)?.length ?? item.bytes;
  const thumb = doc.getAttachment(LOCKER_THUMB)?.length ?? 0;
  return {
    sha256: item.sha256,
    kind: item.kind,
    label: item.label,
    createdAt: item.createdAt,
    ...(item.uploadedAt ? { uploadedAt: item.uploadedAt } : {}),
    storedBytes: image + thumb,
  };
}

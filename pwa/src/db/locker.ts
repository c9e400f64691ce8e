import { from, switchMap, type Observable } from 'rxjs';
import { referencedMaterials, type ApplicationDoc } from '../../../sync-protocol/index.js';
import { sha256Hex } from '../media/sha256.js';
import { isBlockingUse } from '../model/locker-usage.js';
import type { UserDatabase } from './create-database.js';
import { LOCKER_IMAGE, LOCKER_THUMB, type LockerItemDoc, type LockerKind } from './locker-schema.js';

/** What a person says about a material when it goes into the locker. */
export interface LockerMeta {
  kind: LockerKind;
  label: string;
  materialKey?: string;
  /** An agent's photo: the household it was taken for (see OtherHouseholdMaterialError). */
  householdId?: string;
  width?: number;
  height?: number;
}

export interface PutMaterialInput {
  /** The processed image (JPEG photo or PNG signature): exactly the bytes that are uploaded. */
  blob: Blob;
  thumbnail?: Blob;
  meta: LockerMeta;
  /** Device time, ISO 8601. */
  at: string;
}

/** A locker item with its thumbnail (the image itself when it has none), for lists. */
export interface LockerItemView {
  item: LockerItemDoc;
  thumbnail: Blob | null;
}

/** Thrown when a locker item cannot go: a draft or an application not yet at the gateway needs it. */
export class LockerItemInUseError extends Error {
  constructor(readonly sha256: string) {
    super('这份材料还在草稿或待发送的申请里使用，不能删除');
    this.name = 'LockerItemInUseError';
  }
}

/**
 * Thrown when bytes already kept for one household are put for another: an
 * agent's photo belongs to the household it was first taken for, on the phone
 * and at the gateway (OTHER_HOUSEHOLD).
 */
export class OtherHouseholdMaterialError extends Error {
  constructor(readonly sha256: string) {
    super('这张照片是给另一户拍的，不能用在这一户');
    this.name = 'OtherHouseholdMaterialError';
  }
}

/**
 * Keeps a material once by its content hash. Putting the same bytes again
 * returns the item already there (its label and time unchanged); an item
 * whose image went missing (a write cut off between the two steps) is
 * repaired. The hash is computed here from the bytes, never trusted from a
 * caller, so an item's id always matches what the gateway will verify.
 */
export async function putMaterial(db: UserDatabase, input: PutMaterialInput): Promise<LockerItemDoc> {
  const sha256 = await sha256Hex(input.blob);
  const contentType = input.blob.type === 'image/png' ? 'image/png' : 'image/jpeg';
  let doc = await db.materials.findOne(sha256).exec();
  if (!doc) {
    const fresh: LockerItemDoc = {
      sha256,
      contentType,
      bytes: input.blob.size,
      kind: input.meta.kind,
      label: input.meta.label.slice(0, 200),
      createdAt: input.at,
      ...(input.meta.materialKey ? { materialKey: input.meta.materialKey } : {}),
      ...(input.meta.householdId ? { householdId: input.meta.householdId } : {}),
      ...(input.meta.width ? { width: input.meta.width } : {}),
      ...(input.meta.height ? { height: input.meta.height } : {}),
    };
    try {
      doc = await db.materials.insert(fresh);
    } catch (error) {
      // Two taps on the same photo at once: the other write won, use its item.
      if ((error as { code?: string }).code !== 'CONFLICT') throw error;
      doc = await db.materials.findOne(sha256).exec();
      if (!doc) throw error;
    }
  }
  if (doc.householdId !== undefined && input.meta.householdId !== undefined && doc.householdId !== input.meta.householdId) {
    throw new OtherHouseholdMaterialError(sha256);
  }
  if (doc.householdId === undefined && input.meta.householdId !== undefined) doc = await doc.incrementalPatch({ householdId: input.meta.householdId });
  if (!doc.getAttachment(LOCKER_IMAGE)) {
    doc = (await doc.putAttachment({ id: LOCKER_IMAGE, data: input.blob, type: contentType })).doc;
  }
  if (input.thumbnail && !doc.getAttachment(LOCKER_THUMB)) {
    doc = (await doc.putAttachment({ id: LOCKER_THUMB, data: input.thumbnail, type: input.thumbnail.type || 'image/jpeg' })).doc;
  }
  return doc.toJSON() as LockerItemDoc;
}

/** The stored bytes of a material, or null when this phone does not hold them. */
export async function getMaterialBlob(db: UserDatabase, sha256: string): Promise<Blob | null> {
  const doc = await db.materials.findOne(sha256).exec();
  const attachment = doc?.getAttachment(LOCKER_IMAGE);
  return attachment ? withType(await attachment.getData(), attachment.type) : null;
}

/** The thumbnail of a material (its image when it has no thumbnail), or null. */
export async function getMaterialThumbnail(db: UserDatabase, sha256: string): Promise<Blob | null> {
  const doc = await db.materials.findOne(sha256).exec();
  const attachment = doc?.getAttachment(LOCKER_THUMB) ?? doc?.getAttachment(LOCKER_IMAGE);
  return attachment ? withType(await attachment.getData(), attachment.type) : null;
}

/** Which locker items a list shows: of one kind, and (for an agent's household) only that household's. */
export interface LockerFilter {
  kind?: LockerKind;
  /** Only items taken for this household; items of no household are not offered either. */
  householdId?: string;
}

/** Locker items, newest first, with their thumbnails. */
export function lockerItems$(db: UserDatabase, filter: LockerFilter = {}): Observable<LockerItemView[]> {
  const selector = { ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.householdId ? { householdId: filter.householdId } : {}) };
  const query = db.materials.find({ selector, sort: [{ createdAt: 'desc' }, { sha256: 'asc' }] });
  return query.$.pipe(
    switchMap((docs) =>
      from(
        Promise.all(
          docs.map(async (doc): Promise<LockerItemView> => {
            const attachment = doc.getAttachment(LOCKER_THUMB) ?? doc.getAttachment(LOCKER_IMAGE);
            return { item: doc.toJSON() as LockerItemDoc, thumbnail: attachment ? withType(await attachment.getData(), attachment.type) : null };
          }),
        ),
      ),
    ),
  );
}

/** Records that the gateway confirmed it holds these bytes. Unknown hashes are ignored. */
export async function markUploaded(db: UserDatabase, sha256: string, at: string): Promise<void> {
  const doc = await db.materials.findOne(sha256).exec();
  if (doc && !doc.uploadedAt) await doc.incrementalPatch({ uploadedAt: at });
}

/**
 * Hashes that submitted applications refer to and the gateway does not hold
 * yet, as far as this phone knows: the upload queue. Hashes without a locker
 * item are left out (there is nothing to send).
 */
export async function unsentMaterialHashes(db: UserDatabase): Promise<string[]> {
  const submitted = await db.applications.find({ selector: { lifecycle: 'submitted' } }).exec();
  const wanted = new Set(submitted.flatMap((d) => referencedMaterials(d.toJSON() as ApplicationDoc)));
  if (wanted.size === 0) return [];
  const items = await db.materials.findByIds([...wanted]).exec();
  return [...wanted].filter((sha) => {
    const item = items.get(sha);
    return item !== undefined && !item.uploadedAt;
  });
}

/**
 * Removes a locker item unless a draft needs it, or a submitted application
 * whose material the gateway does not hold yet: data is never dropped before
 * it is safe somewhere else.
 */
export async function removeLockerItem(db: UserDatabase, sha256: string): Promise<void> {
  const doc = await db.materials.findOne(sha256).exec();
  if (!doc) return;
  const apps = (await db.applications.find().exec()).map((d) => d.toJSON() as ApplicationDoc);
  const needed = apps.some((app) => referencedMaterials(app).includes(sha256) && isBlockingUse(app, doc));
  if (needed) throw new LockerItemInUseError(sha256);
  await doc.remove();
}

/** Dexie hands attachments back without their content type in some engines. */
function withType(blob: Blob, type: string): Blob {
  return blob.type === type ? blob : new Blob([blob], { type });
}

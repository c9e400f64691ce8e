import type { ApplicationDoc, Rating, SupplementMaterial } from '../../../sync-protocol/index.js';
import type { UserDatabase } from './create-database.js';
import { newId } from './new-id.js';

/** New pages answering one 补件 request. */
export interface SupplementInput {
  /** Id of the `supplement_required` status this answers. */
  requestedBy: string;
  materials: SupplementMaterial[];
  note?: string;
}

/** Why the device refuses to record something after submit, in words for the person. */
export class AfterSubmitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AfterSubmitError';
  }
}

/**
 * Adds a supplement (补件) to a submitted application, answering a
 * `supplement_required` status of that application. Idempotent per request:
 * a second tap (or a retry after a crash) returns the application with the
 * supplement already recorded, never a second copy. The pages must already
 * be in the locker so the uploader can send them.
 */
export async function addSupplement(db: UserDatabase, applicationId: string, input: SupplementInput, at: string): Promise<ApplicationDoc> {
  const doc = await db.applications.findOne(applicationId).exec();
  if (!doc) throw new AfterSubmitError('手机上没有这份申请');
  if (doc.lifecycle !== 'submitted') throw new AfterSubmitError('申请还没有提交，不能补件');
  const request = await db.statuses.findOne(input.requestedBy).exec();
  if (!request || request.applicationId !== applicationId || request.state !== 'supplement_required') {
    throw new AfterSubmitError('没有找到办理部门的补件要求');
  }
  if (input.materials.length === 0 || input.materials.some((m) => m.pages.length === 0)) {
    throw new AfterSubmitError('每份要补交的材料至少拍一张照片');
  }
  const note = input.note?.trim();
  const updated = await doc.incrementalModify((current) => {
    if ((current.supplements ?? []).some((s) => s.requestedBy === input.requestedBy)) return current;
    const supplement = { id: newId('sup'), requestedBy: input.requestedBy, materials: input.materials, ...(note ? { note } : {}), at };
    return { ...current, supplements: [...(current.supplements ?? []), supplement], updatedAt: at };
  });
  return updated.toJSON() as ApplicationDoc;
}

/**
 * Records the applicant's rating (好差评) of a completed application. A
 * rating is given once: asking again returns the application unchanged.
 */
export async function rateApplication(db: UserDatabase, applicationId: string, rating: Omit<Rating, 'at'>, at: string): Promise<ApplicationDoc> {
  if (!Number.isInteger(rating.score) || rating.score < 1 || rating.score > 5) throw new AfterSubmitError('请选择 1 到 5 颗星');
  const doc = await db.applications.findOne(applicationId).exec();
  if (!doc) throw new AfterSubmitError('手机上没有这份申请');
  const completed = await db.statuses.findOne({ selector: { applicationId, state: 'completed' } }).exec();
  if (doc.lifecycle !== 'submitted' || !completed) throw new AfterSubmitError('办结以后才能评价');
  const comment = rating.comment?.trim();
  const updated = await doc.incrementalModify((current) =>
    current.rating ? current : { ...current, rating: { score: rating.score, ...(comment ? { comment } : {}), at }, updatedAt: at },
  );
  return updated.toJSON() as ApplicationDoc;
}

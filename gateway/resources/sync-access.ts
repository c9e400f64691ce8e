import { AREA_CODE_PATTERN, COLLECTIONS, decodeCheckpoint, isCollectionName, LIMITS, type Checkpoint, type CollectionName } from '../../sync-protocol/index.js';
import type { AuthenticatedUser } from '../commands/authenticate.js';
import { findArea } from '../commands/find-area.js';
import type { AppContext, AppDeps } from '../http/app-state.js';
import { requireUser } from '../http/require-user.js';
import { Problem } from '../problem.js';

/** Roles that replicate their own private collections; operators get admin endpoints later. */
const SYNCING_ROLES: readonly string[] = ['applicant', 'agent'];
const MAX_SEQ_LENGTH = 2000;
const AREA_CODE = new RegExp(AREA_CODE_PATTERN);

/** The route's collection, or NOT_FOUND. */
export function readCollection(ctx: AppContext & { params: Record<string, string> }): CollectionName {
  const name = ctx.params.collection;
  if (!isCollectionName(name)) throw new Problem('NOT_FOUND', { field: 'collection' });
  ctx.state.collection = name;
  ctx.state.logFields.collection = name;
  return name;
}

/**
 * Public collections need no account; private ones need a signed-in
 * applicant or agent, and always mean the caller's own documents.
 */
export async function authoriseCollection(ctx: AppContext, deps: AppDeps, collection: CollectionName): Promise<AuthenticatedUser | null> {
  if (COLLECTIONS[collection].public) return null;
  return requireSyncingUser(ctx, deps, collection);
}

/** A signed-in applicant or agent (the roles that file applications and send materials), or FORBIDDEN. */
export async function requireSyncingUser(ctx: AppContext, deps: AppDeps, what: string): Promise<AuthenticatedUser> {
  const user = await requireUser(ctx, deps);
  if (!SYNCING_ROLES.includes(user.role)) throw new Problem('FORBIDDEN', { field: 'Authorization', detail: `role ${user.role} does not replicate ${what}` });
  if (isCollectionName(what) && COLLECTIONS[what].agentsOnly && user.role !== 'agent') {
    throw new Problem('FORBIDDEN', { field: 'Authorization', detail: `only village agents replicate ${what}` });
  }
  return user;
}

function singleQueryValue(ctx: AppContext, name: string): string | undefined {
  const value = ctx.query[name];
  if (Array.isArray(value)) throw new Problem('INVALID_REQUEST', { field: name, detail: 'give it once' });
  return value;
}

/** `since` and `limit` of a pull; `limit` must be an integer 1..LIMITS.maxPullBatch. */
export function readPullQuery(ctx: AppContext): { checkpoint: Checkpoint; limit: number } {
  const since = singleQueryValue(ctx, 'since');
  if (since !== undefined && since.length > MAX_SEQ_LENGTH) throw new Problem('INVALID_REQUEST', { field: 'since' });
  const rawLimit = singleQueryValue(ctx, 'limit');
  let limit: number = LIMITS.defaultPullBatch;
  if (rawLimit !== undefined) {
    limit = /^[0-9]{1,6}$/.test(rawLimit) ? Number(rawLimit) : NaN;
    if (!(limit >= 1 && limit <= LIMITS.maxPullBatch)) {
      throw new Problem('INVALID_REQUEST', { field: 'limit', detail: `an integer from 1 to ${LIMITS.maxPullBatch}` });
    }
  }
  return { checkpoint: decodeCheckpoint(since), limit };
}

/**
 * The `area` of a pull or stream of a collection partitioned by area: a
 * published area's code, else INVALID_REQUEST naming `area`. Answers
 * undefined for other collections.
 */
export async function readArea(ctx: AppContext, deps: AppDeps, collection: CollectionName): Promise<string | undefined> {
  if (!COLLECTIONS[collection].partitionedByArea) return undefined;
  const area = singleQueryValue(ctx, 'area');
  if (area === undefined || area === '') throw new Problem('INVALID_REQUEST', { field: 'area', detail: `${collection} are replicated per area: add area={code}` });
  if (!AREA_CODE.test(area)) throw new Problem('INVALID_REQUEST', { field: 'area', detail: 'an area code has 6 or 9 digits' });
  if (!(await findArea({ documents: deps.store.documents }, area))) throw new Problem('INVALID_REQUEST', { field: 'area', detail: 'not a known area' });
  ctx.state.logFields.area = area;
  return area;
}

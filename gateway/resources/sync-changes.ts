import type { Router } from '@koa/router';
import { CHANGES_PATH, COLLECTIONS, LIMITS, validateWith, type ChangesRequest } from '../../sync-protocol/index.js';
import { findArea } from '../commands/find-area.js';
import { findChangedFeeds } from '../commands/find-changed-feeds.js';
import type { AppDeps, AppState } from '../http/app-state.js';
import { createJsonBody } from '../http/json-body.js';
import { Problem } from '../problem.js';
import { requireSyncingUser } from './sync-access.js';

/** `POST /v1/sync/changes`: which of the caller's feeds have changes after their checkpoints (see sync-protocol/changes.ts). */
export function addSyncChangesRoute(router: Router<AppState>, deps: AppDeps): void {
  router.post(CHANGES_PATH, createJsonBody(LIMITS.maxSmallBodyBytes), async (ctx) => {
    const body = (ctx.request as { body?: unknown }).body;
    const checked = validateWith(deps.validators.changesRequest, body);
    if (!checked.ok) throw new Problem('INVALID_REQUEST', { field: checked.issues[0]?.field, detail: checked.issues[0]?.reason });
    const { feeds } = body as ChangesRequest;
    const user = feeds.some((feed) => !COLLECTIONS[feed.collection].public) ? await requireSyncingUser(ctx, deps, 'private collections') : null;
    await checkAreas(deps, feeds);
    const changed = await findChangedFeeds({ documents: deps.store.documents }, { feeds, userId: user?.id });
    Object.assign(ctx.state.logFields, { feeds: feeds.length, changed: changed.length });
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { changed };
  });
}

/** Every feed of a collection partitioned by area names a published area; no other feed names one. */
async function checkAreas(deps: AppDeps, feeds: ChangesRequest['feeds']): Promise<void> {
  for (const [index, feed] of feeds.entries()) {
    const partitioned = COLLECTIONS[feed.collection].partitionedByArea;
    if (partitioned && !feed.area) throw new Problem('INVALID_REQUEST', { field: `feeds.${index}.area`, detail: `${feed.collection} are replicated per area` });
    if (!partitioned && feed.area) throw new Problem('INVALID_REQUEST', { field: `feeds.${index}.area`, detail: `${feed.collection} have no areas` });
    if (partitioned && !(await findArea({ documents: deps.store.documents }, feed.area!))) {
      throw new Problem('INVALID_REQUEST', { field: `feeds.${index}.area`, detail: 'not a known area' });
    }
  }
}

import type { Router } from '@koa/router';
import { CHANGES_PATH, COLLECTIONS, LIMITS, type ChangesRequest, type ChangesResponse } from '../../sync-protocol/index.js';
import { findPublishedAreas } from '../commands/find-area.js';
import { findChangedFeeds } from '../commands/find-changed-feeds.js';
import type { AppDeps, AppState } from '../http/app-state.js';
import { createJsonBody } from '../http/json-body.js';
import { validate } from '../http/validate-input.js';
import { Problem } from '../problem.js';
import { requireSyncingUser } from './sync-access.js';

/** `POST /v1/sync/changes`: which of the caller's feeds have changes after their checkpoints (see sync-protocol/changes.ts). */
export function addSyncChangesRoute(router: Router<AppState>, deps: AppDeps): void {
  router.post(CHANGES_PATH, createJsonBody(LIMITS.maxSmallBodyBytes), validate(deps, 'changesRequest'), async (ctx) => {
    const { feeds } = ctx.state.input;
    const user = feeds.some((feed) => !COLLECTIONS[feed.collection].public) ? await requireSyncingUser(ctx, deps, 'private collections') : null;
    const unknown = await findUnknownFeeds(deps, feeds);
    const unknownSet = new Set(unknown);
    const known = feeds.flatMap((feed, index) => (unknownSet.has(index) ? [] : [{ feed, index }]));
    const changedOfKnown = await findChangedFeeds({ documents: deps.store.documents }, { feeds: known.map((k) => k.feed), userId: user?.id });
    const changed = changedOfKnown.map((i) => known[i].index);
    Object.assign(ctx.state.logFields, { feeds: feeds.length, changed: changed.length, unknown: unknown.length });
    deps.metrics?.sync.changesRequests.inc();
    ctx.set('Cache-Control', 'no-store');
    const answer: ChangesResponse = { changed, unknown };
    ctx.body = answer;
  });
}

/**
 * Indexes of the feeds naming an area the gateway does not publish: feeds
 * that do not exist (see sync-protocol/changes.ts). A feed of a collection
 * partitioned by area without one, or one naming an area where there is
 * none, is a malformed request: INVALID_REQUEST naming it.
 */
async function findUnknownFeeds(deps: AppDeps, feeds: ChangesRequest['feeds']): Promise<number[]> {
  const unknown: number[] = [];
  for (const [index, feed] of feeds.entries()) {
    const partitioned = COLLECTIONS[feed.collection].partitionedByArea;
    if (partitioned && !feed.area) throw new Problem('INVALID_REQUEST', { field: `feeds.${index}.area`, detail: `${feed.collection} are replicated per area` });
    if (!partitioned && feed.area) throw new Problem('INVALID_REQUEST', { field: `feeds.${index}.area`, detail: `${feed.collection} have no areas` });
  }
  const published = await findPublishedAreas(
    { documents: deps.store.documents },
    feeds.flatMap((feed) => (feed.area ? [feed.area] : [])),
  );
  for (const [index, feed] of feeds.entries()) if (feed.area && !published.has(feed.area)) unknown.push(index);
  return unknown;
}

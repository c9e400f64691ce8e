import type { Router } from '@koa/router';
import { COLLECTIONS, LIMITS, type CollectionName, type PushRequestEnvelope } from '../../sync-protocol/index.js';
import { findRuleGuides } from '../commands/find-rule-guides.js';
import { pullDocuments } from '../commands/pull-documents.js';
import { pushDocuments, type PushCounts } from '../commands/push-documents.js';
import { cacheRuleGuides } from '../commands/rule-guide-cache.js';
import type { AppDeps, AppState } from '../http/app-state.js';
import { createJsonBody } from '../http/json-body.js';
import { validate, type InputState, type UserState } from '../http/validate-input.js';
import { Problem } from '../problem.js';
import { addSyncChangesRoute } from './sync-changes.js';
import { authoriseCollection, readArea, readCollection, readPullQuery, requireSyncingUser } from './sync-access.js';
import { streamCollection } from './sync-stream.js';

/**
 * Pull, push and the live stream of every replicated collection:
 * `/v1/sync/:collection/…` (`&area=` for guides), and `/v1/sync/changes`.
 */
export function addSyncRoutes(router: Router<AppState>, deps: AppDeps): void {
  const ruleGuides = cacheRuleGuides((ids) => findRuleGuides(deps.store.documents, ids), { now: () => deps.clock.now().getTime() });
  addSyncChangesRoute(router, deps);
  const pushBody = createJsonBody(LIMITS.maxPushBodyBytes);

  router.get('/sync/:collection/pull', async (ctx) => {
    const collection = readCollection(ctx);
    const user = await authoriseCollection(ctx, deps, collection);
    const { checkpoint, limit } = readPullQuery(ctx);
    const area = await readArea(ctx, deps, collection);
    const answer = await pullDocuments({ documents: deps.store.documents }, { collection, userId: user?.id, area, checkpoint, limit });
    Object.assign(ctx.state.logFields, { since: checkpoint.seq, limit, rows: answer.documents.length, checkpoint: answer.checkpoint.seq });
    deps.metrics?.sync.pulled.inc({ collection }, answer.documents.length);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = answer;
  });

  // Pushable collections are private: a push always needs a signed-in applicant or agent.
  router.post<UserState & InputState<PushRequestEnvelope> & { collection: CollectionName }>(
    '/sync/:collection/push',
    async (ctx, next) => {
      const collection = readCollection(ctx);
      if (!COLLECTIONS[collection].pushable) {
        ctx.set('Allow', 'GET');
        throw new Problem('READ_ONLY_COLLECTION', { field: 'collection' });
      }
      ctx.state.user = await requireSyncingUser(ctx, deps, collection);
      await next();
    },
    pushBody,
    validate(deps, 'pushRequest'),
    async (ctx) => {
      const { collection, user, input: request } = ctx.state;
      const { response, counts } = await pushDocuments(
        { documents: deps.store.documents, registry: deps.store.registry, materials: deps.store.materials, clock: deps.clock, outbox: deps.store.outbox, ruleGuides },
        { collection, userId: user.id, role: user.role, validate: deps.validators.documents[collection], request },
      );
      Object.assign(ctx.state.logFields, counts);
      countPushed(deps, collection, counts);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = response;
    },
  );

  router.get('/sync/:collection/stream', async (ctx) => {
    const collection = readCollection(ctx);
    const user = await authoriseCollection(ctx, deps, collection);
    const area = await readArea(ctx, deps, collection);
    await streamCollection(ctx, deps, { collection, userId: user?.id, area });
  });
}

/** Pushed rows by outcome; a row is exactly one of written, unchanged, conflict, error. */
function countPushed(deps: AppDeps, collection: string, counts: PushCounts): void {
  const pushed = deps.metrics?.sync.pushed;
  if (!pushed) return;
  pushed.inc({ collection, outcome: 'written' }, counts.written);
  pushed.inc({ collection, outcome: 'unchanged' }, counts.unchanged);
  pushed.inc({ collection, outcome: 'conflict' }, counts.conflicts);
  pushed.inc({ collection, outcome: 'error' }, counts.errors);
}

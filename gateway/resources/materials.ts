import type { Router } from '@koa/router';
import { MATERIALS_HAVE_PATH } from '../../sync-protocol/index.js';
import { findHeldMaterials } from '../commands/find-held-materials.js';
import type { AppDeps, AppState } from '../http/app-state.js';
import { createJsonBody } from '../http/json-body.js';
import { validateBody } from '../http/validate-body.js';
import { requireSyncingUser } from './sync-access.js';

/** Room for the schema's 500 hashes of 64 hex digits with their quotes and commas. */
const HAVE_BODY_BYTES = 64 * 1024;

/** `POST /v1/materials/have`: which of these materials the caller already holds. */
export function addMaterialRoutes(router: Router<AppState>, deps: AppDeps): void {
  router.post(
    MATERIALS_HAVE_PATH,
    async (ctx, next) => {
      await requireSyncingUser(ctx, deps, 'materials');
      await next();
    },
    createJsonBody(HAVE_BODY_BYTES),
    async (ctx) => {
      const body = (ctx.request as { body?: unknown }).body;
      const { sha256 } = validateBody(deps.validators.materialsHaveRequest, body);
      const answer = await findHeldMaterials({ materials: deps.store.materials }, { userId: ctx.state.user!.id, sha256 });
      Object.assign(ctx.state.logFields, { asked: sha256.length, held: answer.have.length });
      ctx.set('Cache-Control', 'no-store');
      ctx.body = answer;
    },
  );
}

import type { Router } from '@koa/router';
import { MATERIALS_HAVE_PATH, type MaterialsHaveRequest } from '../../sync-protocol/index.js';
import { findHeldMaterials } from '../commands/find-held-materials.js';
import type { AppDeps, AppState } from '../http/app-state.js';
import { createJsonBody } from '../http/json-body.js';
import { validate, type InputState, type UserState } from '../http/validate-input.js';
import { requireSyncingUser } from './sync-access.js';

/** Room for the schema's 500 hashes of 64 hex digits with their quotes and commas. */
const HAVE_BODY_BYTES = 64 * 1024;

/** `POST /v1/materials/have`: which of these materials the caller already holds. */
export function addMaterialRoutes(router: Router<AppState>, deps: AppDeps): void {
  router.post<UserState & InputState<MaterialsHaveRequest>>(
    MATERIALS_HAVE_PATH,
    async (ctx, next) => {
      ctx.state.user = await requireSyncingUser(ctx, deps, 'materials');
      await next();
    },
    createJsonBody(HAVE_BODY_BYTES),
    validate(deps, 'materialsHaveRequest'),
    async (ctx) => {
      const { sha256 } = ctx.state.input;
      const answer = await findHeldMaterials({ materials: deps.store.materials }, { userId: ctx.state.user.id, sha256 });
      Object.assign(ctx.state.logFields, { asked: sha256.length, held: answer.have.length });
      ctx.set('Cache-Control', 'no-store');
      ctx.body = answer;
    },
  );
}

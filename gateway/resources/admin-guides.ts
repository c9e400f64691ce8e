import type { Router } from '@koa/router';
import { LIMITS } from '../../sync-protocol/index.js';
import { importGuides } from '../commands/import-guides.js';
import type { AppDeps, AppState } from '../http/app-state.js';
import { readBoundedJsonText } from '../http/bounded-text-body.js';
import { requireUser } from '../http/require-user.js';
import { Problem } from '../problem.js';

/** `POST /v1/admin/guides/import`: operators publish an import file (see GuideImportFile). */
export function addAdminGuideRoutes(router: Router<AppState>, deps: AppDeps): void {
  router.post('/admin/guides/import', async (ctx) => {
    const user = await requireUser(ctx, deps);
    if (user.role !== 'operator') throw new Problem('FORBIDDEN', { field: 'Authorization', detail: 'only operators publish guides' });
    const text = await readBoundedJsonText(ctx, LIMITS.maxImportBodyBytes);
    const { documents } = deps.store;
    try {
      const outcome = await importGuides({ documents, imports: deps.store.imports, clock: deps.clock, validators: deps.validators, lock: deps.importLock }, [{ text }]);
      const { result } = outcome;
      Object.assign(ctx.state.logFields, {
        journalId: outcome.journalId,
        written: outcome.written,
        rolledForward: outcome.rolledForward,
        created: result.created.length,
        updated: result.updated.length,
        unchanged: result.unchanged.length,
        withdrawn: result.withdrawn.length,
        areas: result.areas ? result.areas.created.length + result.areas.updated.length : 0,
      });
      ctx.set('Cache-Control', 'no-store');
      ctx.body = result;
    } catch (error) {
      if (error instanceof Problem && error.problems) ctx.state.logFields.problems = error.problems.length;
      throw error;
    }
  });
}

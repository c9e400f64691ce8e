import type { ApplicationDoc } from '../../../sync-protocol/schemas/application.js';

/**
 * A submitted application the gateway has not acknowledged yet: no `server`
 * stamp pulled back. The page registers Background Sync while one exists
 * (pwa/src/db/unacknowledged-applications.ts, as a query) and the service
 * worker pushes them (sw/unsent-applications.ts, as a filter): one rule, in
 * the two forms they need.
 */
export function isUnacknowledged(app: Pick<ApplicationDoc, 'lifecycle' | 'server'>): boolean {
  return app.lifecycle === 'submitted' && !app.server;
}

/** {@link isUnacknowledged} as an RxDB (Mango) selector. */
export const UNACKNOWLEDGED_SELECTOR = { lifecycle: 'submitted', server: { $exists: false } } as const;

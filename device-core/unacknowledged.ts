import type { ApplicationDoc } from '../sync-protocol/schemas/application.js';

/**
 * A submitted application the gateway has not acknowledged yet: no `server`
 * stamp pulled back. The page registers Background Sync while one not
 * refused exists (pwa/src/db/unacknowledged-applications.ts, as a query)
 * and hands them to the service worker (pwa/src/db/outgoing-mirror.ts, as a
 * filter): one rule, in the forms they need.
 */
function isUnacknowledged(app: Pick<ApplicationDoc, 'lifecycle' | 'server'>): boolean {
  return app.lifecycle === 'submitted' && !app.server;
}

/**
 * The unacknowledged applications worth pushing again: not one the gateway
 * refused as it stands (an open sync issue on the phone), which would only be
 * refused again; it waits for the person's edit, which clears the issue.
 */
export function awaitingPush<T extends Pick<ApplicationDoc, 'id' | 'lifecycle' | 'server'>>(apps: readonly T[], refusedIds: ReadonlySet<string>): T[] {
  return apps.filter((app) => isUnacknowledged(app) && !refusedIds.has(app.id));
}

/** {@link isUnacknowledged} as an RxDB (Mango) selector. */
export const UNACKNOWLEDGED_SELECTOR = { lifecycle: 'submitted', server: { $exists: false } } as const;

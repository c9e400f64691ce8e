import type { ApplicationDoc } from '../sync-protocol/schemas/application.js';
import type { PushRow, WireDocument } from '../sync-protocol/messages.js';
import { sameClientContent } from '../sync-protocol/conflicts.js';
import { resolveApplicationConflict } from '../device-core/application-conflict.js';
import { createGatewayClient, type GatewayClient } from '../device-core/client/gateway-client.js';
import { GatewayError } from '../device-core/client/gateway-error.js';
import { splitPushRows } from '../device-core/client/push-batches.js';
import { withRetryAfter, type RetryAfterOptions } from '../device-core/retry/retry.js';

/**
 * What pushing the unsent applications did:
 * - `nothing`: there were none;
 * - `sent`: every one reached the gateway (stored, or found there already);
 * - `retry`: the gateway could not be reached or failed: try the whole round later;
 * - `stopped`: the session ended or the app needs an update: only the page can go on.
 */
export type BackgroundPushOutcome = 'nothing' | 'sent' | 'retry' | 'stopped';

export interface BackgroundPushOptions {
  documents: WireDocument<ApplicationDoc>[];
  token: string;
  /** The gateway's origin; `''`: the worker's own. */
  baseUrl?: string;
  /** Injectable for Node tests against a real gateway; default the global fetch. */
  fetch?: typeof fetch;
  /** How a busy gateway's Retry-After is waited for; injectable for tests. */
  retryAfter?: RetryAfterOptions;
}

/**
 * Pushes applications filed offline from the service worker, through the
 * page's own gateway client (gzip bodies, protocol header, errors) and its
 * batches. Each row assumes no master state, as for a document the gateway
 * never acknowledged: if an earlier push did land, the gateway finds the same
 * content and answers "unchanged", so neither this push nor the page's later
 * one can make a duplicate. A conflict (the gateway holds another version,
 * e.g. the phone's own draft whose push answer was lost) is resolved with the
 * page's own rule (`resolveApplicationConflict`) and pushed once more,
 * assuming the master it was merged with; whatever conflicts again, and
 * refused documents, are left for the page's replication to resolve and
 * show. Neither makes the round retry.
 * A busy gateway (503/429 with Retry-After) is waited for, with jitter, a few
 * times within the round; after that the round retries with Background Sync.
 */
export async function pushUnsentApplications(options: BackgroundPushOptions): Promise<BackgroundPushOutcome> {
  if (options.documents.length === 0) return 'nothing';
  const client: GatewayClient = createGatewayClient({ baseUrl: options.baseUrl ?? '', fetch: options.fetch, getToken: () => options.token });
  const rows = options.documents.map((doc) => ({ assumedMasterState: null, newDocumentState: doc }));
  for (const batch of splitPushRows(rows)) {
    try {
      const { conflicts } = await withRetryAfter(() => client.push<ApplicationDoc>('applications', batch), options.retryAfter);
      const merged = resolvedRows(batch, conflicts);
      for (const again of merged.length > 0 ? splitPushRows(merged) : []) await withRetryAfter(() => client.push('applications', again), options.retryAfter);
    } catch (error) {
      if (!(error instanceof GatewayError)) return 'retry';
      if (error.kind === 'needs-sign-in' || error.kind === 'needs-update') return 'stopped';
      // A whole batch refused (413, 422): the page's replication records why on each document.
      if (error.kind !== 'refused') return 'retry';
    }
  }
  return 'sent';
}

/** The conflicting rows merged with the gateway's master by the page's rule, each assuming that master; rows that merge to the master's content need no push. */
export function resolvedRows(sent: readonly PushRow<ApplicationDoc>[], conflicts: readonly WireDocument<ApplicationDoc>[]): PushRow<ApplicationDoc>[] {
  const byId = new Map(sent.map((row) => [row.newDocumentState.id, row]));
  return conflicts.flatMap((master) => {
    const row = byId.get(master.id);
    if (!row) return [];
    const merged = resolveApplicationConflict({ realMasterState: master, newDocumentState: row.newDocumentState, assumedMasterState: row.assumedMasterState ?? undefined });
    return sameClientContent(merged, master) ? [] : [{ assumedMasterState: master, newDocumentState: merged }];
  });
}

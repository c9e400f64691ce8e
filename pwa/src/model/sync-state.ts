import { referencedMaterials, type ApplicationDoc } from '../../../sync-protocol/index.js';

/**
 * Where an application is on its way to the gateway, as the person sees it:
 * - `draft` (草稿): saved on the phone, not submitted;
 * - `pending` (待发送): submitted, waiting for a connection to the gateway;
 * - `sending` (发送中): the gateway stored the form, but not every photo it
 *   refers to has arrived yet;
 * - `at-gateway` (已送达): the gateway holds the form and every photo (it
 *   stamped `server.completeAt`);
 * - `refused` (需修改): the gateway refused this version; editing it sends it again.
 */
export type SyncState = 'draft' | 'pending' | 'sending' | 'at-gateway' | 'refused';

export const SYNC_STATE_LABELS: Record<SyncState, string> = {
  draft: '草稿',
  pending: '待发送',
  sending: '发送中',
  'at-gateway': '已送达',
  refused: '需修改',
};

/** Derives the sync state from the document and whether the gateway refused it. */
export function deriveSyncState(app: Pick<ApplicationDoc, 'lifecycle' | 'server' | 'materials' | 'commitment'>, refused = false): SyncState {
  if (refused) return 'refused';
  if (app.lifecycle === 'draft') return 'draft';
  if (!app.server?.receivedAt) return 'pending';
  // completeAt comes from the gateway once every material arrived. An
  // application without materials stored before completeAt existed is complete too.
  if (app.server.completeAt || referencedMaterials(app).length === 0) return 'at-gateway';
  return 'sending';
}

/** States in which something of the application is still only on the phone. */
export function isUnsent(state: SyncState): boolean {
  return state === 'pending' || state === 'sending';
}

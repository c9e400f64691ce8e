import type { ApplicationDoc } from '../../../sync-protocol/index.js';

/**
 * Where an application is on its way to the gateway, as the person sees it:
 * - `draft` (草稿): saved on the phone, not submitted;
 * - `pending` (待发送): submitted, waiting for a connection to the gateway;
 * - `at-gateway` (已到网关): the gateway stored it (it stamped `server.receivedAt`);
 * - `refused` (需修改): the gateway refused this version; editing it sends it again.
 */
export type SyncState = 'draft' | 'pending' | 'at-gateway' | 'refused';

export const SYNC_STATE_LABELS: Record<SyncState, string> = {
  draft: '草稿',
  pending: '待发送',
  'at-gateway': '已到网关',
  refused: '需修改',
};

/** Derives the sync state from the document and whether the gateway refused it. */
export function deriveSyncState(app: Pick<ApplicationDoc, 'lifecycle' | 'server'>, refused = false): SyncState {
  if (refused) return 'refused';
  if (app.lifecycle === 'draft') return 'draft';
  return app.server?.receivedAt ? 'at-gateway' : 'pending';
}

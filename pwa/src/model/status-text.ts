import type { StatusDoc, StatusState } from '../../../sync-protocol/index.js';

const STATE_LABELS: Record<StatusState, string> = {
  received: '服务器已收到',
  forwarded: '已报送省平台',
  accepted: '已受理',
  supplement_required: '需要补交材料',
  completed: '已办结',
  rejected: '不予受理',
};

/** One line about a status change, with the acceptance number when there is one. */
export function describeStatus(status: Pick<StatusDoc, 'state' | 'acceptanceNumber' | 'message'>): string {
  const parts = [STATE_LABELS[status.state] ?? status.state];
  if (status.acceptanceNumber) parts.push(`受理编号 ${status.acceptanceNumber}`);
  if (status.message) parts.push(status.message);
  return parts.join('，');
}

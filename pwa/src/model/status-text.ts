import type { StatusDoc, StatusState } from '../../../sync-protocol/index.js';

const STATE_LABELS: Record<StatusState, string> = {
  received: '已送达县里',
  forwarded: '等待受理',
  accepted: '已受理',
  supplement_required: '需要补交材料',
  completed: '已办结',
  rejected: '不予受理',
};

/** Messages the gateway writes itself: they name the platform, not anything the person can use. */
const GATEWAY_STATES: ReadonlySet<StatusState> = new Set(['received', 'forwarded']);

/**
 * One line about a status change: the state in plain words, then the
 * province's own message when it says more ("已受理，正在审查" already says
 * 已受理, so it stands alone). The acceptance number is shown apart (see
 * the applications list), since a line break inside it makes it unreadable.
 */
export function describeStatus(status: Pick<StatusDoc, 'state' | 'message'>): string {
  const label = STATE_LABELS[status.state] ?? status.state;
  const message = GATEWAY_STATES.has(status.state) ? '' : (status.message?.trim() ?? '');
  if (!message || message === label) return label;
  if (message.startsWith(label)) return message;
  return `${label}，${message}`;
}

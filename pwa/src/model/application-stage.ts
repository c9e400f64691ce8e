import type { StatusDoc, StatusState } from '../../../sync-protocol/index.js';

/**
 * The one state a person sees for an application, from the phone to the
 * provincial platform's answer: the device's own sync state until the
 * province has said something, then the province's latest word.
 */
export type ApplicationStage = 'draft' | 'pending' | 'sending' | 'at-gateway' | 'refused' | 'forwarded' | 'accepted' | 'supplement_required' | 'completed' | 'rejected';

export const STAGE_LABELS: Record<ApplicationStage, string> = {
  draft: '草稿',
  pending: '待发送',
  sending: '发送中',
  'at-gateway': '已送达',
  refused: '需修改',
  forwarded: '等待受理',
  accepted: '已受理',
  supplement_required: '需补件',
  completed: '已办结',
  rejected: '不予受理',
};

/** States written by the gateway or the province after the application left the phone. */
const PROVINCIAL: ReadonlySet<StatusState> = new Set(['forwarded', 'accepted', 'supplement_required', 'completed', 'rejected']);

/** Where a state stands in an application's life; breaks ties between statuses stamped in the same millisecond. */
const STATE_RANK: Record<StatusState, number> = {
  received: 0,
  forwarded: 1,
  accepted: 2,
  supplement_required: 3,
  completed: 4,
  rejected: 4,
};

/**
 * Statuses of one application in the order they happened. Their times are
 * server clocks (the gateway's and the province's), never the phone's, so
 * they order correctly even on a phone whose clock is days off.
 */
export function orderStatuses(statuses: readonly StatusDoc[]): StatusDoc[] {
  return [...statuses].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || STATE_RANK[a.state] - STATE_RANK[b.state] || a.id.localeCompare(b.id));
}

/** The latest status of an application, or undefined when it has none. */
export function latestStatus(statuses: readonly StatusDoc[]): StatusDoc | undefined {
  const ordered = orderStatuses(statuses);
  return ordered[ordered.length - 1];
}

/**
 * Combines the device's sync state (草稿/待发送/发送中/已送达/需修改) with
 * the statuses pulled from the gateway. A draft or a refused version stays
 * what it is on the phone; otherwise the province's latest answer wins once
 * there is one.
 */
export function deriveStage(syncState: string, statuses: readonly StatusDoc[]): ApplicationStage {
  if (syncState === 'draft' || syncState === 'refused') return syncState;
  const provincial = statuses.filter((s) => PROVINCIAL.has(s.state));
  const latest = latestStatus(provincial);
  if (latest) return latest.state as ApplicationStage;
  return isStage(syncState) ? syncState : 'pending';
}

function isStage(value: string): value is ApplicationStage {
  return value in STAGE_LABELS;
}

/** Stages in which the person has something to do. */
export function needsAction(stage: ApplicationStage): boolean {
  return stage === 'draft' || stage === 'refused' || stage === 'supplement_required';
}

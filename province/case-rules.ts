import type { IntakeApplication, IntakeEvent, IntakeEventState } from './intake-contract.js';

/**
 * The simulated province's case life, pure: 受理 (accepted) → optionally 补件
 * (supplement_required, a reason per material) → 办结 (completed) or 不予受理
 * (rejected). The server around it stores cases and runs the schedule.
 */

export type CaseState = 'received' | IntakeEventState;

export interface SimCase {
  caseId: string;
  applicationId: string;
  /** Idempotency-Key of the submission that created the case. */
  key: string;
  seq: number;
  state: CaseState;
  acceptanceNumber?: string;
  application: IntakeApplication;
  supplements: { supplementId: string; materialKeys: string[]; at: string }[];
  /** Material keys asked for in the last 补件 request. */
  requested?: string[];
  rating?: { score: number; comment?: string; at: string };
  receivedAt: string;
  /** When the schedule moves this case next (ms since epoch); absent: waiting for someone else. */
  nextStepAt?: number;
}

export interface Schedule {
  acceptAfterMs: number;
  decideAfterMs: number;
  /** Share of cases (0..1, by a hash of the case id) that get one 补件 request before deciding. */
  supplementRate: number;
  /** Share of decided cases that end 不予受理 instead of 办结. */
  rejectRate: number;
}

export interface Advance {
  to?: IntakeEventState;
  message?: string;
  /** For supplement_required: material keys and reasons; default the first material with pages. */
  materials?: { key: string; reason?: string }[];
}

export const DEFAULT_SUPPLEMENT_REASON = '照片不清晰，请重新拍摄上传';
const MESSAGES: Record<IntakeEventState, string> = {
  accepted: '已受理，正在审查',
  supplement_required: '材料需补正，请按要求补充材料',
  completed: '已办结',
  rejected: '不予受理：不符合受理条件',
};

/** 受理编号, e.g. `浙331123-2026-000042`: province, county of the guide, year, sequence. */
export function acceptanceNumber(c: Pick<SimCase, 'seq' | 'application'>, now: Date): string {
  const area = /-(\d{6})(?:\d{3})?-/.exec(`${c.application.guideId}-`)?.[1] ?? '330000';
  return `浙${area}-${now.getUTCFullYear()}-${String(c.seq).padStart(6, '0')}`;
}

/** A number in [0, 1) from a string, stable across runs (FNV-1a). */
export function stableFraction(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash / 2 ** 32;
}

/** The step the schedule takes next from a case's state; null when it waits (for a supplement, or forever). */
export function nextScheduledState(c: SimCase, schedule: Schedule): IntakeEventState | null {
  if (c.state === 'received') return 'accepted';
  if (c.state !== 'accepted') return null;
  if (c.supplements.length === 0 && c.requested === undefined && stableFraction(c.caseId) < schedule.supplementRate) return 'supplement_required';
  return stableFraction(`${c.caseId}:decide`) < schedule.rejectRate ? 'rejected' : 'completed';
}

/** Which transitions the simulator allows by hand or by schedule. */
export function canMove(from: CaseState, to: IntakeEventState): boolean {
  if (to === 'accepted') return from === 'received';
  if (to === 'supplement_required' || to === 'completed') return from === 'accepted' || from === 'received';
  return from !== 'completed' && from !== 'rejected';
}

/**
 * Moves a case and answers the event to publish (without its eventId) and the
 * case after it; throws when the move is not allowed from the current state.
 */
export function moveCase(c: SimCase, advance: Advance, now: Date, schedule: Schedule): { next: SimCase; event: Omit<IntakeEvent, 'eventId'> } {
  const to = advance.to ?? nextScheduledState(c, schedule) ?? 'completed';
  if (!canMove(c.state, to)) throw new Error(`case ${c.caseId} cannot move from ${c.state} to ${to}`);
  const next: SimCase = { ...c, state: to, acceptanceNumber: c.acceptanceNumber ?? acceptanceNumber(c, now) };
  const event: Omit<IntakeEvent, 'eventId'> = {
    caseId: c.caseId,
    applicationId: c.applicationId,
    state: to,
    acceptanceNumber: next.acceptanceNumber,
    message: advance.message ?? MESSAGES[to],
    at: now.toISOString(),
  };
  if (to === 'supplement_required') {
    const asked = advance.materials ?? defaultRequest(c);
    event.materials = asked.map(({ key, reason }) => ({
      key,
      name: c.application.materials.find((m) => m.key === key)?.name ?? key,
      reason: reason ?? DEFAULT_SUPPLEMENT_REASON,
    }));
    next.requested = asked.map((m) => m.key);
    delete next.nextStepAt;
  } else if (to === 'accepted') {
    next.nextStepAt = now.getTime() + schedule.decideAfterMs;
  } else {
    delete next.nextStepAt;
  }
  return { next, event };
}

/** The first material with pages (else the first material) is the one asked for again. */
function defaultRequest(c: SimCase): { key: string; reason?: string }[] {
  const material = c.application.materials.find((m) => m.pages.length > 0) ?? c.application.materials[0];
  return [{ key: material?.key ?? 'materials' }];
}

/** A supplement answers the open 补件 request: the case goes back to review (受理 again). */
export function receiveSupplement(
  c: SimCase,
  supplement: { supplementId: string; materialKeys: string[] },
  now: Date,
  schedule: Schedule,
): { next: SimCase; event: Omit<IntakeEvent, 'eventId'> } {
  const next: SimCase = {
    ...c,
    state: 'accepted',
    supplements: [...c.supplements, { ...supplement, at: now.toISOString() }],
    nextStepAt: now.getTime() + schedule.decideAfterMs,
  };
  const event: Omit<IntakeEvent, 'eventId'> = {
    caseId: c.caseId,
    applicationId: c.applicationId,
    state: 'accepted',
    acceptanceNumber: c.acceptanceNumber,
    message: '补件已收到，继续审查',
    at: now.toISOString(),
  };
  return { next, event };
}

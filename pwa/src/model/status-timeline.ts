import type { ApplicationDoc, StatusDoc } from '../../../sync-protocol/index.js';
import { orderStatuses } from './application-stage.js';

/** One step in an application's life, as the timeline shows it. */
export interface TimelineEntry {
  key: string;
  title: string;
  /** ISO time of the step. */
  at: string;
  /** Whose clock `at` comes from: the phone's may be wrong, the servers' are not. */
  clock: 'device' | 'server';
  /** Plain sentences under the title. */
  lines: string[];
  /** Materials the province asked for, each with its reason (补件). */
  materials: { name: string; reason: string }[];
  tone: 'neutral' | 'good' | 'action' | 'bad';
}

const TITLES: Record<StatusDoc['state'], string> = {
  received: '已送达县里',
  forwarded: '已转交省里',
  accepted: '已受理',
  supplement_required: '需补件',
  completed: '已办结',
  rejected: '不予受理',
};

const EXPLANATIONS: Record<StatusDoc['state'], string> = {
  received: '县里已收到申请和全部照片，正在转交省里。',
  forwarded: '已交到省里的政务服务平台，等待办理部门受理。',
  accepted: '办理部门已受理，正在审查。',
  supplement_required: '办理部门要求补交下面的材料，请拍照补交。',
  completed: '已经办完。',
  rejected: '办理部门没有受理这份申请。',
};

/** Steps the gateway writes itself (not the province). */
const GATEWAY_STEPS: ReadonlySet<StatusDoc['state']> = new Set(['received', 'forwarded']);

const TONES: Record<StatusDoc['state'], TimelineEntry['tone']> = {
  received: 'neutral',
  forwarded: 'neutral',
  accepted: 'good',
  supplement_required: 'action',
  completed: 'good',
  rejected: 'bad',
};

/**
 * The steps of one application in the order they happened: first what the
 * phone did (submit), then what the gateway and the province answered.
 * The order is causal, not by clock: a phone's clock may be days off, and
 * nothing at a server can happen before the phone sent it.
 */
export function buildTimeline(app: Pick<ApplicationDoc, 'submittedAt' | 'server' | 'lifecycle' | 'supplements' | 'rating'>, statuses: readonly StatusDoc[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  if (app.lifecycle === 'submitted' && app.submittedAt) {
    entries.push({
      key: 'submitted',
      title: '在手机上提交',
      at: app.submittedAt,
      clock: 'device',
      // Once it reached the gateway, "will be sent" is no longer true.
      lines: [app.server?.receivedAt ? '已从手机发出。' : '已保存在手机上，有网络时自动发送。'],
      materials: [],
      tone: 'neutral',
    });
  }
  const ordered = orderStatuses(statuses);
  const hasReceivedStatus = ordered.some((s) => s.state === 'received');
  // A draft kept at the gateway (saved from another phone) is not on its way anywhere.
  if (app.lifecycle === 'submitted' && app.server?.receivedAt && !hasReceivedStatus) {
    entries.push({
      key: 'received',
      title: TITLES.received,
      at: app.server.receivedAt,
      clock: 'server',
      lines: [EXPLANATIONS.received],
      materials: [],
      tone: 'neutral',
    });
  }
  let numberShown: string | undefined;
  for (const status of ordered) {
    // The province's own words when it gave some (and they say more than the title), ours otherwise.
    // The gateway's own steps always get our words: its fixed message names the platform, not the person's next step.
    const own = GATEWAY_STEPS.has(status.state) ? undefined : status.message?.trim();
    const lines = [own && own !== TITLES[status.state] ? own : EXPLANATIONS[status.state]];
    if (status.acceptanceNumber && status.acceptanceNumber !== numberShown) {
      lines.push(`受理编号：${status.acceptanceNumber}`);
      numberShown = status.acceptanceNumber;
    }
    entries.push({
      key: status.id,
      title: TITLES[status.state] ?? status.state,
      at: status.at,
      clock: 'server',
      lines,
      materials: status.materials ?? [],
      tone: TONES[status.state] ?? 'neutral',
    });
    // What the person answered comes right after what it answers, whatever the phone's clock says.
    for (const supplement of (app.supplements ?? []).filter((s) => s.requestedBy === status.id)) {
      const pages = supplement.materials.reduce((n, m) => n + m.pages.length, 0);
      entries.push({
        key: supplement.id,
        title: '已补交材料',
        at: supplement.at,
        clock: 'device',
        lines: [`${supplement.materials.map((m) => m.name).join('、')}，共 ${pages} 张照片。`],
        materials: [],
        tone: 'neutral',
      });
    }
    if (status.state === 'completed' && app.rating) {
      entries.push({
        key: 'rating',
        title: '已评价',
        at: app.rating.at,
        clock: 'device',
        lines: [`${'★'.repeat(app.rating.score)}（${app.rating.score} 星）`],
        materials: [],
        tone: 'neutral',
      });
    }
  }
  return entries;
}

/** The acceptance number (受理编号) the province gave, from the latest status that carries one. */
export function acceptanceNumberOf(statuses: readonly StatusDoc[]): string | undefined {
  return orderStatuses(statuses)
    .reverse()
    .find((s) => s.acceptanceNumber)?.acceptanceNumber;
}

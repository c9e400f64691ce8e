import type { ApplicationDoc } from '../../../sync-protocol/index.js';
import { applicantLabel } from './application-summary.js';
import { formatBytes } from './storage-space.js';

/**
 * What the 我的材料柜 screen says about each locker item: what it is, which
 * applications use it, and whether it may be deleted. Pure: the database
 * layer passes in the items and the applications.
 */

/** The fields of a locker item this needs (see `LockerItemDoc`). */
export interface LockerItemFacts {
  sha256: string;
  kind: 'photo' | 'signature';
  label: string;
  createdAt: string;
  uploadedAt?: string;
  /** Bytes this item takes on the phone: the image and its thumbnail. */
  storedBytes: number;
}

/** How one application uses a locker item, as the person sees it. */
export type LockerUseState = 'draft' | 'unsent' | 'sent';

export interface LockerUse {
  applicationId: string;
  /**
   * Who the application is for, as the screen shows it: the name as typed,
   * with the last four digits of the ID number (张伟（尾号0029）) when two
   * households share the name. Never a full ID number.
   */
  applicantName: string;
  guideName: string;
  /** The material names it was attached as in this application (承诺书签名 for a signature). */
  materialNames: string[];
  lifecycle: ApplicationDoc['lifecycle'];
  state: LockerUseState;
}

export interface LockerEntry {
  item: LockerItemFacts;
  /** What it is: the material names it was attached as, else the label it was kept with. */
  names: string[];
  /** Applications that use it, newest first. */
  uses: LockerUse[];
  /** The uses that stop a deletion (a draft, or an application whose photo has not reached the gateway). */
  blockers: LockerUse[];
}

/** The name a signature goes by. */
export const SIGNATURE_NAME = '承诺书签名';

/**
 * The rule of `removeLockerItem`: an item may go only when no draft uses it
 * and, if an application was submitted with it, the gateway already holds
 * its bytes. Data is never dropped before it is safe somewhere else.
 */
export function isBlockingUse(app: Pick<ApplicationDoc, 'lifecycle'>, item: Pick<LockerItemFacts, 'uploadedAt'>): boolean {
  return app.lifecycle === 'draft' || !item.uploadedAt;
}

/** How an application uses a material: under which names, or null when it does not. */
export function materialNamesIn(app: Pick<ApplicationDoc, 'materials' | 'commitment' | 'supplements'>, sha256: string): string[] | null {
  const names: string[] = [];
  for (const m of app.materials ?? []) if (m.pages.some((p) => p.sha256 === sha256)) names.push(m.name);
  if (app.commitment?.signature.sha256 === sha256) names.push(SIGNATURE_NAME);
  for (const s of app.supplements ?? []) {
    for (const m of s.materials) if (m.pages.some((p) => p.sha256 === sha256)) names.push(`${m.name}（补交）`);
  }
  return names.length > 0 ? unique(names) : null;
}

/** Every locker item with its uses, in the order the items come (newest first from the database). */
export function describeLockerEntries(items: readonly LockerItemFacts[], apps: readonly ApplicationDoc[]): LockerEntry[] {
  const newestFirst = [...apps].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const applicantOf = applicantNamer(apps);
  return items.map((item) => {
    const uses: LockerUse[] = [];
    for (const app of newestFirst) {
      const materialNames = materialNamesIn(app, item.sha256);
      if (!materialNames) continue;
      const state: LockerUseState = app.lifecycle === 'draft' ? 'draft' : item.uploadedAt ? 'sent' : 'unsent';
      uses.push({ applicationId: app.id, applicantName: applicantOf(app), guideName: app.guideName, materialNames, lifecycle: app.lifecycle, state });
    }
    const names = unique(uses.flatMap((u) => u.materialNames));
    return {
      item,
      names: names.length > 0 ? names : [item.kind === 'signature' ? SIGNATURE_NAME : item.label || '材料照片'],
      uses,
      blockers: uses.filter((u) => isBlockingUse(u, item)),
    };
  });
}

/** The last four characters of an ID number, or null when there is none worth showing (a short one would show whole). */
export function idNumberTail(idNumber: string | undefined): string | null {
  const id = idNumber?.replace(/\s+/g, '').toUpperCase() ?? '';
  return id.length >= MIN_ID_LENGTH_FOR_TAIL ? id.slice(-4) : null;
}

/** A resident ID number has 15 or 18 characters; anything shorter is a typo, and its tail would say too much of it. */
const MIN_ID_LENGTH_FOR_TAIL = 15;

/**
 * How applications are told apart on this screen. A name that only one
 * person holds is shown as typed; a name that applications with different
 * ID numbers share (two 张伟 in one village) gets the ID's last four
 * digits: 张伟（尾号0029）, in the words bank cards use, set apart from
 * the item count beside it. An application without an ID number keeps the bare name.
 */
export function applicantNamer(apps: readonly Pick<ApplicationDoc, 'applicant'>[]): (app: Pick<ApplicationDoc, 'applicant'>) => string {
  const tailsByName = new Map<string, Set<string | null>>();
  for (const app of apps) {
    const name = applicantLabel(app);
    const tails = tailsByName.get(name) ?? new Set<string | null>();
    tails.add(idNumberTail(app.applicant.idNumber));
    tailsByName.set(name, tails);
  }
  return (app) => {
    const name = applicantLabel(app);
    const tail = idNumberTail(app.applicant.idNumber);
    return tail && (tailsByName.get(name)?.size ?? 0) > 1 ? `${name}（尾号${tail}）` : name;
  };
}

/** Why an item cannot be deleted, in one plain sentence; null when it can. */
export function blockedReason(entry: Pick<LockerEntry, 'blockers'>): string | null {
  if (entry.blockers.length === 0) return null;
  const drafts = unique(entry.blockers.filter((u) => u.state === 'draft').map((u) => u.applicantName));
  const unsent = unique(entry.blockers.filter((u) => u.state !== 'draft').map((u) => u.applicantName));
  const parts: string[] = [];
  if (unsent.length > 0) parts.push(`${joinNames(unsent)}的申请还没发送`);
  if (drafts.length > 0) parts.push(`${joinNames(drafts)}的申请还没提交`);
  return `${parts.join('，')}，不能删除`;
}

/** What to do about a blocked item, under the reason. */
export function blockedHint(entry: Pick<LockerEntry, 'blockers'>): string | null {
  if (entry.blockers.length === 0) return null;
  return entry.blockers.some((u) => u.state !== 'draft') ? '有网络时会自动发送，发送完就可以删除。' : '要删除，先在草稿里把这张照片删掉。';
}

/** 草稿 / 还没发送 / 已发送, beside an application that uses an item. */
export function useStateLabel(state: LockerUseState): string {
  return state === 'draft' ? '草稿' : state === 'unsent' ? '还没发送' : '已发送';
}

/** A choice of the applicant filter: everything, one applicant's items, or items no application uses. */
export type LockerFilter = { kind: 'all' } | { kind: 'applicant'; name: string } | { kind: 'unused' };

export interface LockerFilterOption {
  filter: LockerFilter;
  label: string;
  count: number;
}

/**
 * The filters worth offering: 全部, one per applicant (most items first,
 * then by name), and 没用到的 when some item is used by nothing. Fewer than
 * two choices besides 全部 offers none: there is nothing to tell apart.
 */
export function lockerFilterOptions(entries: readonly LockerEntry[]): LockerFilterOption[] {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    for (const name of unique(entry.uses.map((u) => u.applicantName))) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const applicants = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN'));
  const unused = entries.filter((e) => e.uses.length === 0).length;
  const options: LockerFilterOption[] = applicants.map(([name, count]) => ({ filter: { kind: 'applicant', name }, label: name, count }));
  if (unused > 0) options.push({ filter: { kind: 'unused' }, label: '没用到的', count: unused });
  if (options.length < 2) return [];
  return [{ filter: { kind: 'all' }, label: '全部', count: entries.length }, ...options];
}

export function filterLockerEntries(entries: readonly LockerEntry[], filter: LockerFilter): LockerEntry[] {
  switch (filter.kind) {
    case 'applicant':
      return entries.filter((e) => e.uses.some((u) => u.applicantName === filter.name));
    case 'unused':
      return entries.filter((e) => e.uses.length === 0);
    default:
      return [...entries];
  }
}

export function sameFilter(a: LockerFilter, b: LockerFilter): boolean {
  return a.kind === b.kind && (a.kind !== 'applicant' || a.name === (b as { name: string }).name);
}

/** 材料柜里有 12 张，共约 3.4 MB（其中 4 张可以删除，约 1.1 MB）. */
export function describeLockerTotals(entries: readonly LockerEntry[]): string {
  if (entries.length === 0) return '';
  const total = entries.reduce((sum, e) => sum + e.item.storedBytes, 0);
  const free = entries.filter((e) => e.blockers.length === 0);
  const freeBytes = free.reduce((sum, e) => sum + e.item.storedBytes, 0);
  const head = `材料柜里有 ${entries.length} 张，共约 ${formatBytes(total)}`;
  return free.length > 0 && free.length < entries.length ? `${head}（其中 ${free.length} 张可以删除，约 ${formatBytes(freeBytes)}）` : head;
}

function joinNames(names: string[]): string {
  return names.length > 3 ? `${names.slice(0, 3).join('、')}等${names.length}人` : names.join('、');
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** 11月26日 09:30 拍的 (签的 for a signature); with the year when it is not this year's. */
export function describeTakenAt(item: Pick<LockerItemFacts, 'createdAt' | 'kind'>, now = new Date()): string {
  const d = new Date(item.createdAt);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  const year = d.getFullYear() === now.getFullYear() ? '' : `${d.getFullYear()}年`;
  return `${year}${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())} ${item.kind === 'signature' ? '签的' : '拍的'}`;
}

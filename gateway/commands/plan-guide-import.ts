import { jsonEqual, type AreaDoc, type GuideImportResult, type GuideInput, type ImportProblem } from '../../sync-protocol/index.js';
import type { StoredDocument } from '../domain/stored-document.js';
import type { ImportWrite } from '../store/store.js';
import type { CheckedImportFile } from './check-import-file.js';
import { searchTermsOf } from './search-terms.js';

/** A guide as found in one area's database (it can be in several: a tombstone where it was, live where it is). */
export interface PublishedGuide {
  area: string;
  doc: StoredDocument;
}

/** What the store holds that the plan depends on. */
export interface ImportState {
  /** Published areas by code (the file's own areas come on top). */
  areas: Map<string, StoredDocument>;
  /** Every stored copy of each guide id the file names. */
  guides: Map<string, PublishedGuide[]>;
  /** Server time of this import. */
  now: string;
}

export type ImportPlan = { ok: true; writes: ImportWrite[]; result: GuideImportResult } | { ok: false; problems: ImportProblem[] };

const AREAS_SCOPE = { collection: 'areas' } as const;

/** The live copy of a guide, else its most recent tombstone. */
function currentCopy(copies: PublishedGuide[] | undefined): { live?: PublishedGuide; latest?: PublishedGuide } {
  const list = copies ?? [];
  const live = list.find((copy) => !copy.doc.deleted);
  const latest = [...list].sort((a, b) => versionOf(b) - versionOf(a))[0];
  return { live, latest };
}

function versionOf(copy: PublishedGuide): number {
  const version = Number(copy.doc.data.version);
  return Number.isInteger(version) ? version : 0;
}

/** A guide's published content without the fields that change on every publication. */
function publishedContent(data: Record<string, unknown>): Record<string, unknown> {
  const { version, updatedAt, ...content } = data;
  return content;
}

function guideWrite(id: string, area: string, data: Record<string, unknown>, deleted: boolean, now: string): ImportWrite {
  return { scope: { collection: 'guides', area }, doc: { _id: id, data, server: { receivedAt: now }, deleted } };
}

function tombstone(copy: PublishedGuide, now: string): ImportWrite {
  const data = { ...copy.doc.data, version: versionOf(copy) + 1, updatedAt: now };
  return guideWrite(copy.doc._id, copy.area, data, true, now);
}

function planAreas(areas: AreaDoc[], state: ImportState, writes: ImportWrite[]): NonNullable<GuideImportResult['areas']> {
  const outcome = { created: [] as string[], updated: [] as string[], unchanged: [] as string[] };
  for (const area of areas) {
    const stored = state.areas.get(area.code);
    if (stored && !stored.deleted && jsonEqual(stored.data, area)) {
      outcome.unchanged.push(area.code);
      continue;
    }
    (stored ? outcome.updated : outcome.created).push(area.code);
    writes.push({ scope: AREAS_SCOPE, doc: { _id: area.code, data: { ...area }, server: { receivedAt: state.now }, deleted: false } });
  }
  return outcome;
}

/**
 * One guide: created at version 1; unchanged when its content (search terms
 * included) equals the live copy in the same area; otherwise a new version.
 * A guide that moves area is withdrawn where it was (version + 1) and
 * published where it goes (version + 2), so a device following both areas
 * can tell which copy is newer whatever order the two feeds arrive in.
 */
function planGuide(guide: GuideInput, state: ImportState, writes: ImportWrite[], result: GuideImportResult): void {
  const content = { ...guide, search: searchTermsOf(guide) } as Record<string, unknown>;
  const { live, latest } = currentCopy(state.guides.get(guide.id));
  if (live && live.area === guide.areaCode && jsonEqual(publishedContent(live.doc.data), content)) {
    result.unchanged.push(guide.id);
    return;
  }
  let version = latest ? versionOf(latest) + 1 : 1;
  if (live && live.area !== guide.areaCode) {
    writes.push(tombstone(live, state.now));
    version = versionOf(live) + 2;
  }
  writes.push(guideWrite(guide.id, guide.areaCode, { ...content, version, updatedAt: state.now }, false, state.now));
  (latest ? result.updated : result.created).push(guide.id);
}

/**
 * Plans an import against the store's state: the problems only the store can
 * reveal (a guide's area that is not known, a withdrawal of a guide that was
 * never published), or the writes, in order, and the result to answer.
 */
export function planGuideImport(file: CheckedImportFile, state: ImportState): ImportPlan {
  const known = new Set([...file.areas.map((area) => area.code), ...[...state.areas].filter(([, doc]) => !doc.deleted).map(([code]) => code)]);
  const problems: ImportProblem[] = [];
  for (const guide of file.guides) {
    if (!known.has(guide.areaCode)) problems.push({ item: guide.id, field: 'areaCode', reason: `is not a known area (${guide.areaCode})` });
  }
  for (const id of file.withdraw) {
    if (!state.guides.get(id)?.length) problems.push({ item: id, field: 'withdraw', reason: 'is not a published guide' });
  }
  if (problems.length > 0) return { ok: false, problems };

  const writes: ImportWrite[] = [];
  const result: GuideImportResult = { created: [], updated: [], unchanged: [], withdrawn: [] };
  if (file.areas.length > 0) result.areas = planAreas(file.areas, state, writes);
  for (const guide of file.guides) planGuide(guide, state, writes, result);
  for (const id of file.withdraw) {
    const { live } = currentCopy(state.guides.get(id));
    if (!live) {
      result.unchanged.push(id);
      continue;
    }
    writes.push(tombstone(live, state.now));
    result.withdrawn.push(id);
  }
  return { ok: true, writes, result };
}

import { combineLatest, map, of, type Observable } from 'rxjs';
import type { GuideDoc } from '../../../sync-protocol/index.js';
import { diffMaterials, isEmptyDiff, snapshotMaterials, type MaterialDiff } from '../model/material-diff.js';
import type { DeviceDatabase, UserDatabase } from './create-database.js';
import type { GuideMarkDoc, GuideSnapshot } from './local-schemas.js';

/** Why the person cares about a guide's earlier version. */
export type SnapshotReason = 'saved' | 'started';

/** A guide changed since the person saved it or started an application on it. */
export interface GuideChangeNotice {
  reasons: SnapshotReason[];
  /** The version they knew (the older one when there are two snapshots). */
  fromVersion: number;
  toVersion: number;
  diff: MaterialDiff;
}

/** A saved guide as the list of 收藏 shows it. */
export interface SavedGuide extends GuideSnapshot {
  id: string;
}

type Snapshotable = Pick<GuideDoc, 'id' | 'name' | 'version' | 'materials'>;

export function toSnapshot(guide: Snapshotable, at: string): GuideSnapshot {
  return { guideName: guide.name, version: guide.version, materials: snapshotMaterials(guide.materials), at };
}

/** Changes one guide's marks, creating them on first use. */
async function modifyMark(device: DeviceDatabase, guideId: string, at: string, change: (mark: GuideMarkDoc) => GuideMarkDoc): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    const existing = await device.guidemarks.findOne(guideId).exec();
    try {
      if (existing) await existing.incrementalModify((data) => ({ ...change(data), updatedAt: at }));
      else await device.guidemarks.insert({ ...change({ id: guideId, ticked: [], updatedAt: at }), updatedAt: at });
      return;
    } catch (error) {
      // Two quick taps (or two tabs) both inserting: the second one modifies instead.
      if (attempt > 0 || existing) throw error;
    }
  }
}

/** The ticked material keys of one guide's checklist. */
export function watchChecklist(device: DeviceDatabase, guideId: string): Observable<string[]> {
  return device.guidemarks.findOne(guideId).$.pipe(map((doc) => (doc ? [...doc.ticked] : [])));
}

/** Ticks or unticks one material; the checklist stays on the phone across reloads. */
export function setChecklistItem(device: DeviceDatabase, guideId: string, key: string, ticked: boolean, at: string): Promise<void> {
  return modifyMark(device, guideId, at, (mark) => {
    const rest = mark.ticked.filter((k) => k !== key);
    return { ...mark, ticked: ticked ? [...rest, key] : rest };
  });
}

/** Saved guides (收藏), most recently saved first. */
export function watchSavedGuides(device: DeviceDatabase): Observable<SavedGuide[]> {
  return device.guidemarks.find().$.pipe(
    map((docs) =>
      docs
        .map((d) => d.toJSON() as GuideMarkDoc)
        .flatMap((d) => (d.saved ? [{ id: d.id, ...d.saved }] : []))
        .sort((a, b) => b.at.localeCompare(a.at)),
    ),
  );
}

/** Saves a guide (收藏) with its material list as it is now. */
export function saveGuide(device: DeviceDatabase, guide: Snapshotable, at: string): Promise<void> {
  return modifyMark(device, guide.id, at, (mark) => ({ ...mark, saved: toSnapshot(guide, at) }));
}

export function unsaveGuide(device: DeviceDatabase, guideId: string, at: string): Promise<void> {
  return modifyMark(device, guideId, at, ({ saved: _saved, ...mark }) => mark);
}

/** True while the guide is saved. */
export function watchIsSaved(device: DeviceDatabase, guideId: string): Observable<boolean> {
  return device.guidemarks.findOne(guideId).$.pipe(map((doc) => Boolean(doc?.saved)));
}

/**
 * The change notice for a guide: the material list now against the
 * snapshot(s) the person holds of an older version. Null when there is no
 * older snapshot or nothing in the material list changed.
 */
export function watchGuideChange(device: DeviceDatabase, user: UserDatabase | null, guide: Snapshotable): Observable<GuideChangeNotice | null> {
  const saved$ = device.guidemarks.findOne(guide.id).$.pipe(map((doc): GuideSnapshot | null => doc?.toMutableJSON().saved ?? null));
  const started$ = user ? user.startedguides.findOne(guide.id).$.pipe(map((doc): GuideSnapshot | null => (doc ? doc.toMutableJSON() : null))) : of(null);
  return combineLatest([saved$, started$]).pipe(
    map(([saved, started]) => {
      const older = [
        { reason: 'saved' as const, snapshot: saved },
        { reason: 'started' as const, snapshot: started },
      ]
        .filter((s): s is { reason: SnapshotReason; snapshot: GuideSnapshot } => s.snapshot !== null && s.snapshot.version < guide.version)
        .sort((a, b) => a.snapshot.version - b.snapshot.version);
      if (older.length === 0) return null;
      const diff = diffMaterials(older[0].snapshot.materials, snapshotMaterials(guide.materials));
      if (isEmptyDiff(diff)) return null;
      return { reasons: older.map((s) => s.reason), fromVersion: older[0].snapshot.version, toVersion: guide.version, diff };
    }),
  );
}

/** "知道了": the person has seen the current version, so every snapshot they hold moves to it. */
export async function acknowledgeGuideChange(device: DeviceDatabase, user: UserDatabase | null, guide: Snapshotable, at: string): Promise<void> {
  const snapshot = toSnapshot(guide, at);
  const mark = await device.guidemarks.findOne(guide.id).exec();
  if (mark?.saved) await mark.incrementalModify((data) => ({ ...data, saved: snapshot }));
  const started = user ? await user.startedguides.findOne(guide.id).exec() : null;
  if (started) await started.incrementalModify((data) => ({ ...data, ...snapshot }));
}

/** Keeps the material list of a guide someone starts an application on. */
export async function noteStartedGuide(user: UserDatabase, guide: Snapshotable, at: string): Promise<void> {
  await user.startedguides.upsert({ id: guide.id, ...toSnapshot(guide, at) });
}

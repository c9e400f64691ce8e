import type { GuideMaterial } from '../../../sync-protocol/index.js';
import { describeForms } from './guide-text.js';

/** What a snapshot keeps of a material: enough to tell a person what changed. */
export type MaterialSnapshot = Pick<GuideMaterial, 'key' | 'name' | 'forms' | 'copies' | 'required' | 'waivable'>;

export interface MaterialChange {
  key: string;
  name: string;
  /** What changed, in plain words, e.g. "现在必须提交", "原来要复印件1份，现在要复印件2份". */
  changes: string[];
}

export interface MaterialDiff {
  added: MaterialSnapshot[];
  removed: MaterialSnapshot[];
  changed: MaterialChange[];
}

/** Keeps only what a diff compares, so a snapshot stays small. */
export function snapshotMaterials(materials: readonly GuideMaterial[]): MaterialSnapshot[] {
  return materials.map(({ key, name, forms, copies, required, waivable }) => ({ key, name, forms: [...forms], copies, required, waivable }));
}

/**
 * The changes of a material list between the version a person saved (or
 * applied with) and the current one. Materials are matched by their key;
 * the order of the list does not count as a change.
 */
export function diffMaterials(before: readonly MaterialSnapshot[], after: readonly MaterialSnapshot[]): MaterialDiff {
  const old = new Map(before.map((m) => [m.key, m]));
  const now = new Map(after.map((m) => [m.key, m]));
  return {
    added: after.filter((m) => !old.has(m.key)),
    removed: before.filter((m) => !now.has(m.key)),
    changed: after.flatMap((m) => {
      const was = old.get(m.key);
      const changes = was ? describeChanges(was, m) : [];
      return changes.length ? [{ key: m.key, name: m.name, changes }] : [];
    }),
  };
}

/** True when nothing a person would notice changed. */
export function isEmptyDiff(diff: MaterialDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
}

function describeChanges(was: MaterialSnapshot, now: MaterialSnapshot): string[] {
  const changes: string[] = [];
  if (was.name !== now.name) changes.push(`名称改为「${now.name}」（原为「${was.name}」）`);
  if (was.required !== now.required) changes.push(now.required ? '现在必须提交' : '现在不是必须提交');
  if (was.waivable !== now.waivable) changes.push(now.waivable ? '现在可以容缺（缺了也能先受理）' : '不能再容缺，必须带齐');
  const formsChanged = [...was.forms].sort().join() !== [...now.forms].sort().join();
  if (formsChanged || was.copies !== now.copies) changes.push(`原来要${describeForms(was)}，现在要${describeForms(now)}`);
  return changes;
}

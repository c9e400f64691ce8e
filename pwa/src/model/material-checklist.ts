import type { ApplicationMaterial, GuideMaterial } from '../../../sync-protocol/index.js';
import { materialEntry, missingMaterials } from './application-materials.js';

/**
 * How one material of the form stands, in a word the list can show beside
 * its name: photographed, still to photograph, missing for now under 容缺,
 * or optional and not taken.
 */
export type MaterialState = 'taken' | 'missing' | 'waived' | 'optional';

export function materialStateOf(material: Pick<GuideMaterial, 'required' | 'waivable'>, entry?: Pick<ApplicationMaterial, 'pages' | 'waived'>): MaterialState {
  if (entry && entry.pages.length > 0) return 'taken';
  if (entry?.waived && material.waivable) return 'waived';
  return material.required ? 'missing' : 'optional';
}

/**
 * The state in plain words. `还没有拍` is the only text of a required
 * material still missing (the e2e page object looks for it).
 */
export function describeMaterialState(state: MaterialState, pages: number): string {
  switch (state) {
    case 'taken':
      return `已拍 ${pages} 张`;
    case 'waived':
      return '先不交，签承诺书后补';
    case 'missing':
      return '还没有拍';
    case 'optional':
      return '可以不交';
  }
}

/** The marks of a material on the form, in the guide page's words (必需 / 非必需 / 可容缺). */
export function materialMarksOf(material: Pick<GuideMaterial, 'required' | 'waivable'>): string[] {
  const marks = [material.required ? '必需' : '非必需'];
  if (material.waivable) marks.push('可容缺');
  return marks;
}

export interface MaterialsSummary {
  /** Required materials with no photo and no waiver. */
  missing: number;
  /** The first of them, to jump to; null when none is missing. */
  firstMissingKey: string | null;
  /** 还差 3 项材料没有拍 / 材料都齐了. */
  text: string;
}

/** The line at the top of the material list: how many are still missing, and where the first one is. */
export function summariseMaterials(guideMaterials: readonly GuideMaterial[], materials: readonly ApplicationMaterial[]): MaterialsSummary {
  const missing = missingMaterials(guideMaterials, materials);
  return {
    missing: missing.length,
    firstMissingKey: missing[0]?.key ?? null,
    text: missing.length > 0 ? `还差 ${missing.length} 项必需材料没有拍` : '必需材料都齐了',
  };
}

/** How many materials have at least one photo (for the summary: 已拍 3 项，共 8 项). */
export function takenCount(guideMaterials: readonly GuideMaterial[], materials: readonly ApplicationMaterial[]): number {
  return guideMaterials.filter((gm) => (materialEntry(materials, gm.key)?.pages.length ?? 0) > 0).length;
}

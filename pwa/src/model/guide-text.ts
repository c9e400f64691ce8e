import type { GuideMaterial } from '../../../sync-protocol/index.js';

/** "即办" for zero days, otherwise working days (时限 in the lists are 工作日). */
export function describeTimeLimit(days: number): string {
  return days === 0 ? '即办（当场办结）' : `${days}个工作日`;
}

/** Marks of a material in the words of the counter: 必需 / 可容缺 / 非必需. */
export function materialMarks(material: Pick<GuideMaterial, 'required' | 'waivable'>): string[] {
  const marks = [material.required ? '必需' : '非必需'];
  if (material.waivable) marks.push('可容缺');
  return marks;
}

/** "原件1份、复印件1份" style summary of the forms and copies. */
export function describeForms(material: Pick<GuideMaterial, 'forms' | 'copies'>): string {
  return material.forms.map((form) => (form === '电子件' ? form : material.copies > 0 ? `${form}${material.copies}份` : form)).join('、');
}

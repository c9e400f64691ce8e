import type { ApplicationDoc } from '../../../sync-protocol/index.js';

/**
 * How an application is named where the person picks it out of a list. A
 * draft may have no name yet (the ID card is often photographed first), so
 * it is told apart by what it already holds: the photos and their number.
 */

/** Said where the applicant's name goes while a draft has none. */
export const NO_NAME_YET = '未填姓名';

type Named = Pick<ApplicationDoc, 'applicant'>;
type WithMaterials = Pick<ApplicationDoc, 'materials'>;

/** The applicant's name, or {@link NO_NAME_YET}. */
export function applicantLabel(app: Named): string {
  return app.applicant.name?.trim() || NO_NAME_YET;
}

/** True while the draft has no applicant name. */
export function lacksName(app: Named): boolean {
  return !app.applicant.name?.trim();
}

/** Pages photographed for the application's materials (the signature is not one). */
export function photoCount(app: WithMaterials): number {
  return (app.materials ?? []).reduce((sum, material) => sum + material.pages.length, 0);
}

/** The first page photographed, to show a draft by its picture; null without one. */
export function firstPhoto(app: WithMaterials): string | null {
  return (app.materials ?? []).flatMap((m) => m.pages)[0]?.sha256 ?? null;
}

/** `已拍 2 张照片`, or null before the first photo. */
export function describePhotos(app: WithMaterials): string | null {
  const photos = photoCount(app);
  return photos > 0 ? `已拍 ${photos} 张照片` : null;
}

/** What 我的申请 tells the person to do with a draft, in plain words. */
export function draftAdvice(app: Named & WithMaterials): string {
  if (!lacksName(app)) return '还没有提交，只保存在这部手机上。';
  return photoCount(app) > 0 ? '还没有提交。拍的照片已经存好，请补填姓名等内容后再提交。' : '还没有提交。填的内容已经存好，请补填姓名等内容后再提交。';
}

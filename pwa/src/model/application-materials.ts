import type { ApplicationMaterial, GuideMaterial, MaterialPage } from '../../../sync-protocol/index.js';

/**
 * The materials part of an application as the form edits it: one entry per
 * guide material that has pages or is waived. Pure functions: every change
 * returns a new list, ready to be saved as the draft's `materials`.
 */

/** The most pages one material may have when the guide sets no limit (the protocol allows 50). */
export const DEFAULT_MAX_PAGES = 20;

/** Working days to hand in a waived material when the guide names none. */
export const DEFAULT_SUPPLY_DAYS = 5;

export function materialEntry(materials: readonly ApplicationMaterial[], key: string): ApplicationMaterial | undefined {
  return materials.find((m) => m.key === key);
}

export function maxPagesOf(material: Pick<GuideMaterial, 'maxPages'>): number {
  return Math.min(material.maxPages ?? DEFAULT_MAX_PAGES, 50);
}

/** Adds a page (a photo already kept in the locker); a page already there is not added twice. Attaching ends a waiver. */
export function addPage(materials: readonly ApplicationMaterial[], material: Pick<GuideMaterial, 'key' | 'name' | 'maxPages'>, page: MaterialPage): ApplicationMaterial[] {
  const current = materialEntry(materials, material.key);
  const pages = current?.pages ?? [];
  if (pages.some((p) => p.sha256 === page.sha256) || pages.length >= maxPagesOf(material)) return [...materials];
  return upsert(materials, { key: material.key, name: material.name, pages: [...pages, page] });
}

/** Removes one page; a material left with no pages and no waiver leaves the list. */
export function removePage(materials: readonly ApplicationMaterial[], key: string, sha256: string): ApplicationMaterial[] {
  const current = materialEntry(materials, key);
  if (!current) return [...materials];
  return upsert(materials, { ...current, pages: current.pages.filter((p) => p.sha256 !== sha256) });
}

/**
 * 容缺: marks a material as missing for now, or not. Only materials the guide
 * marks waivable can be waived, never one with pages attached.
 */
export function setWaived(materials: readonly ApplicationMaterial[], material: Pick<GuideMaterial, 'key' | 'name' | 'waivable'>, waived: boolean): ApplicationMaterial[] {
  if (waived && !material.waivable) return [...materials];
  const current = materialEntry(materials, material.key) ?? { key: material.key, name: material.name, pages: [] };
  if (waived && current.pages.length > 0) return [...materials];
  const { waived: _, ...rest } = current;
  return upsert(materials, waived ? { ...rest, waived: true } : rest);
}

/** Required materials with neither a page nor a waiver: what still stops a submit. */
export function missingMaterials(guideMaterials: readonly GuideMaterial[], materials: readonly ApplicationMaterial[]): GuideMaterial[] {
  return guideMaterials.filter((gm) => {
    if (!gm.required) return false;
    const entry = materialEntry(materials, gm.key);
    return !entry || (entry.pages.length === 0 && !(entry.waived && gm.waivable));
  });
}

/** The waived materials of an application, in guide order (waivers of materials the guide no longer allows are ignored). */
export function waivedMaterials(guideMaterials: readonly GuideMaterial[], materials: readonly ApplicationMaterial[]): GuideMaterial[] {
  return guideMaterials.filter((gm) => gm.waivable && materialEntry(materials, gm.key)?.waived === true);
}

/** Only the entries that say something: pages or a waiver (the form keeps no empty ones). */
function upsert(materials: readonly ApplicationMaterial[], entry: ApplicationMaterial): ApplicationMaterial[] {
  const keep = entry.pages.length > 0 || entry.waived === true;
  const index = materials.findIndex((m) => m.key === entry.key);
  if (index < 0) return keep ? [...materials, entry] : [...materials];
  return keep ? materials.map((m, i) => (i === index ? entry : m)) : materials.filter((_, i) => i !== index);
}

/**
 * The words of the commitment (承诺书) for the waived materials, as the
 * applicant reads and signs them. `days` working days to hand them in.
 */
export function commitmentText(input: { applicantName: string; guideName: string; waived: readonly Pick<GuideMaterial, 'name' | 'notes'>[]; days?: number }): string {
  const days = input.days ?? supplyDays(input.waived);
  const list = input.waived.map((m, i) => `${i + 1}. ${m.name}`).join('\n');
  return [
    '容缺受理承诺书',
    `本人${input.applicantName || '（申请人）'}申请办理“${input.guideName}”，以下材料暂时缺少：`,
    list,
    `本人承诺：在收到受理通知之日起${days}个工作日内，把上述材料补交给办理部门（可以在手机上补拍上传，也可以送到窗口）。`,
    '本人保证已提交的材料和填写的内容真实、有效。',
    `如果没有按时补交，或者补交的材料不符合要求，本人知道这次申请可能不予办理或被撤销，由此产生的后果由本人承担。`,
  ].join('\n');
}

/**
 * Working days to hand in waived materials: what the guide says in their
 * notes (e.g. 「可先行受理，3个工作日内补交」), the shortest when several say
 * something, else DEFAULT_SUPPLY_DAYS.
 */
export function supplyDays(waived: readonly Pick<GuideMaterial, 'notes'>[]): number {
  const said = waived.flatMap((m) => {
    const match = /(\d+)\s*个工作日内/.exec(m.notes ?? '');
    return match && Number(match[1]) > 0 ? [Number(match[1])] : [];
  });
  return said.length > 0 ? Math.min(...said) : DEFAULT_SUPPLY_DAYS;
}

/** Locker items in the order to offer them for a material: ones taken for the same material first, then newest. */
export function orderForMaterial<T extends { materialKey?: string; createdAt: string }>(items: readonly T[], materialKey: string): T[] {
  const rank = (item: T) => (item.materialKey === materialKey ? 0 : 1);
  return [...items].sort((a, b) => rank(a) - rank(b) || b.createdAt.localeCompare(a.createdAt));
}

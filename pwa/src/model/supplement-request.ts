import type { ApplicationDoc, StatusDoc, StatusMaterial, Supplement } from '../../../sync-protocol/index.js';
import { latestStatus } from './application-stage.js';

/** The province's latest 补件 request of an application and whether the person has answered it. */
export interface SupplementRequest {
  status: StatusDoc;
  materials: StatusMaterial[];
  /** The supplement answering it, once the person sent one (it may still be on its way). */
  answer?: Supplement;
}

/**
 * The 补件 request the person should see: the latest status, when it is a
 * `supplement_required` one. Older requests were answered or superseded.
 */
export function currentSupplementRequest(app: Pick<ApplicationDoc, 'supplements'>, statuses: readonly StatusDoc[]): SupplementRequest | null {
  const latest = latestStatus(statuses);
  if (!latest || latest.state !== 'supplement_required') return null;
  const answer = (app.supplements ?? []).find((s) => s.requestedBy === latest.id);
  return { status: latest, materials: latest.materials ?? [], ...(answer ? { answer } : {}) };
}

/**
 * The guide material key for a requested material: the status names it when
 * the gateway knows it; older statuses only name the material, so it is
 * looked up among the application's materials by name, and made up from the
 * position as a last resort (the province still gets the name).
 */
export function supplementKeyOf(material: StatusMaterial, app: Pick<ApplicationDoc, 'materials'>, index: number): string {
  if (material.key) return material.key;
  const byName = (app.materials ?? []).find((m) => m.name === material.name);
  return byName?.key ?? `supplement-${index + 1}`;
}

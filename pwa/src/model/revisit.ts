import { householdHead, type ApplicationDoc, type HouseholdDoc } from '../../../sync-protocol/index.js';
import type { ApplicationView } from '../db/data-api.js';
import { currentSupplementRequest } from './supplement-request.js';

/** Why the agent must go to a household's door again. */
export type RevisitReason = 'supplement' | 'owed' | 'deliver';

export const REVISIT_LABELS: Record<RevisitReason, string> = {
  supplement: '要补材料',
  owed: '有材料说好后补',
  deliver: '办好了，要把结果送去',
};

export interface RevisitItem {
  household: HouseholdDoc;
  view: ApplicationView;
  reason: RevisitReason;
  /** Names of the materials concerned (补件 asked for, or still owed), for the reason line. */
  materials: string[];
}

/**
 * What needs the agent at a door again, ordered by village and household:
 * a 补件 the province asked for and nobody answered yet; a 容缺 material
 * promised and not handed in (the case still open); a result (办结) not yet
 * brought to the household. An application is listed once, for its most
 * pressing reason.
 */
export function revisitList(households: readonly HouseholdDoc[], applications: readonly ApplicationView[]): RevisitItem[] {
  const byId = new Map(households.map((h) => [h.id, h]));
  const items: RevisitItem[] = [];
  for (const view of applications) {
    const household = view.application.householdId ? byId.get(view.application.householdId) : undefined;
    if (!household) continue;
    const item = revisitOf(household, view);
    if (item) items.push(item);
  }
  const zh = (a: string, b: string) => a.localeCompare(b, 'zh-CN');
  return items.sort(
    (a, b) =>
      zh(a.household.village.name, b.household.village.name) ||
      zh(householdHead(a.household).name, householdHead(b.household).name) ||
      a.household.id.localeCompare(b.household.id) ||
      a.view.application.createdAt.localeCompare(b.view.application.createdAt),
  );
}

function revisitOf(household: HouseholdDoc, view: ApplicationView): RevisitItem | null {
  const { application, statuses, stage } = view;
  if (application.lifecycle !== 'submitted') return null;
  const request = currentSupplementRequest(application, statuses);
  if (request && !request.answer) return { household, view, reason: 'supplement', materials: request.materials.map((m) => m.name) };
  if (stage === 'completed') {
    const delivered = (household.delivered ?? []).some((d) => d.applicationId === application.id);
    return delivered ? null : { household, view, reason: 'deliver', materials: [] };
  }
  if (stage === 'rejected') return null;
  const owed = owedMaterials(application);
  return owed.length > 0 ? { household, view, reason: 'owed', materials: owed } : null;
}

/** Names of the materials waived under the 容缺 commitment that no supplement has carried since. */
export function owedMaterials(app: Pick<ApplicationDoc, 'commitment' | 'materials' | 'supplements'>): string[] {
  const handedIn = new Set((app.supplements ?? []).flatMap((s) => s.materials.map((m) => m.key)));
  const waived = app.commitment?.waivedKeys ?? [];
  return waived.filter((key) => !handedIn.has(key)).map((key) => app.materials?.find((m) => m.key === key)?.name ?? key);
}

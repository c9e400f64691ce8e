import { householdHead, type HouseholdDoc } from '../../../sync-protocol/index.js';
import type { ApplicationView } from '../db/data-api.js';

/** One village on the agent's list with its households, each with the applications filed for it. */
export interface VillageGroup {
  village: string;
  households: HouseholdEntry[];
}

export interface HouseholdEntry {
  household: HouseholdDoc;
  applications: ApplicationView[];
}

const byChinese = (a: string, b: string) => a.localeCompare(b, 'zh-CN');

/** Applications by the household they were filed for; those without one are left out. */
export function applicationsByHousehold(applications: readonly ApplicationView[]): Map<string, ApplicationView[]> {
  const grouped = new Map<string, ApplicationView[]>();
  for (const view of applications) {
    const id = view.application.householdId;
    if (id) grouped.set(id, [...(grouped.get(id) ?? []), view]);
  }
  return grouped;
}

/** Households by village (villages and heads in pinyin order, as a printed register lists them). */
export function groupByVillage(households: readonly HouseholdDoc[], applications: readonly ApplicationView[]): VillageGroup[] {
  const apps = applicationsByHousehold(applications);
  const villages = new Map<string, HouseholdEntry[]>();
  for (const household of households) {
    const name = household.village.name;
    villages.set(name, [...(villages.get(name) ?? []), { household, applications: apps.get(household.id) ?? [] }]);
  }
  return [...villages.entries()]
    .sort(([a], [b]) => byChinese(a, b))
    .map(([village, entries]) => ({ village, households: entries.sort((a, b) => byChinese(householdHead(a.household).name, householdHead(b.household).name)) }));
}

/**
 * Households matching what the agent typed: a member's name (any part), the
 * last digits of a member's ID number (4 or more, X counts), 4 or more
 * characters of an application's tracking code, or the village. Empty query: everything.
 */
export function searchHouseholds(groups: readonly VillageGroup[], query: string): VillageGroup[] {
  const q = query.trim().toUpperCase().replace(/\s+/g, '');
  if (q === '') return [...groups];
  const code = q.replace(/-/g, '');
  const matches = (entry: HouseholdEntry) =>
    entry.household.members.some((m) => m.name.includes(q) || (/^[0-9X]{4,}$/.test(q) && (m.idNumber ?? '').toUpperCase().endsWith(q))) ||
    (code.length >= 4 && entry.applications.some((v) => v.application.trackingCode?.replace(/-/g, '').includes(code))) ||
    entry.household.village.name.includes(q);
  return groups.map((g) => ({ ...g, households: g.households.filter(matches) })).filter((g) => g.households.length > 0);
}

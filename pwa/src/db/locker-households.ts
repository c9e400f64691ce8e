import { referencedMaterials, type ApplicationDoc } from '../../../sync-protocol/index.js';
import type { UserDatabase } from './create-database.js';

/** What assigning did: items given a household, and items used by several households (left with none, so offered to none). */
export interface LockerAssignment {
  assigned: number;
  shared: string[];
}

/**
 * Gives each locker item of an agent that has no household yet the household
 * of the applications that use it (items kept before households existed).
 * An item used by applications of two households stays without one: it is
 * then offered to neither (the breach the household rule closes) and the
 * gateway keeps it bound to the first that used it. Idempotent; run when an
 * agent's database opens.
 */
export async function assignLockerToHouseholds(db: UserDatabase): Promise<LockerAssignment> {
  const unassigned = await db.materials.find({ selector: { householdId: { $exists: false } } }).exec();
  if (unassigned.length === 0) return { assigned: 0, shared: [] };
  const apps = (await db.applications.find().exec()).map((d) => d.toJSON() as ApplicationDoc).filter((a) => a.householdId);
  const householdsOf = new Map<string, Set<string>>();
  for (const app of apps) {
    for (const sha of referencedMaterials(app)) householdsOf.set(sha, (householdsOf.get(sha) ?? new Set()).add(app.householdId!));
  }
  let assigned = 0;
  const shared: string[] = [];
  for (const item of unassigned) {
    const households = householdsOf.get(item.sha256);
    if (!households) continue;
    if (households.size > 1) {
      shared.push(item.sha256);
      continue;
    }
    const [householdId] = households;
    await item.incrementalModify((current) => (current.householdId ? current : { ...current, householdId }));
    assigned += 1;
  }
  return { assigned, shared };
}

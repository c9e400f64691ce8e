import { map, type Observable } from 'rxjs';
import { householdRuleIssues, MAX_DELIVERED_RESULTS, type HouseholdDoc, type RuleIssue } from '../../../sync-protocol/index.js';
import type { UserDatabase } from './create-database.js';

/** The phone refuses to keep a household profile: the broken rules, as the gateway would name them. */
export class HouseholdRefusedError extends Error {
  constructor(readonly issues: RuleIssue[]) {
    super(`household profile refused: ${issues.map((i) => `${i.field} ${i.code}`).join('; ')}`);
    this.name = 'HouseholdRefusedError';
  }
}

/** Every household profile on the phone (order is the list's business). */
export function households$(db: UserDatabase): Observable<HouseholdDoc[]> {
  return db.households.find().$.pipe(map((docs) => docs.map((d) => d.toJSON() as HouseholdDoc)));
}

export async function getHousehold(db: UserDatabase, id: string): Promise<HouseholdDoc | null> {
  const doc = await db.households.findOne(id).exec();
  return doc ? (doc.toJSON() as HouseholdDoc) : null;
}

/**
 * Keeps a profile, new or edited, after the protocol's rules (the gateway
 * runs the same on push). Applications already made from it keep the values
 * they were filled with: they copied them, they do not point at the profile.
 */
export async function saveHousehold(db: UserDatabase, household: HouseholdDoc, today: Date): Promise<HouseholdDoc> {
  const issues = householdRuleIssues(household, today);
  if (issues.length > 0) throw new HouseholdRefusedError(issues);
  const saved = await db.households.upsert(household);
  return saved.toJSON() as HouseholdDoc;
}

/** Records that an application's result (办结) was brought to the household: it leaves the 待回访 list. Idempotent. */
export async function markResultDelivered(db: UserDatabase, householdId: string, applicationId: string, at: string): Promise<void> {
  const doc = await db.households.findOne(householdId).exec();
  if (!doc) throw new Error(`household ${householdId} not found`);
  await doc.incrementalModify((current) => {
    const delivered = current.delivered ?? [];
    if (delivered.some((d) => d.applicationId === applicationId)) return current;
    return { ...current, delivered: [...delivered, { applicationId, at }].slice(-MAX_DELIVERED_RESULTS), updatedAt: at };
  });
}

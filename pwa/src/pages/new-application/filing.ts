import type { HouseholdDoc, HouseholdMember } from '../../../../sync-protocol/index.js';

/** A village agent's application: the household and member it is filed for. */
export interface Filing {
  household: HouseholdDoc;
  member: HouseholdMember;
}

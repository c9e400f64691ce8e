import { householdHead, type HouseholdDoc, type HouseholdMember } from '../../../sync-protocol/index.js';
import type { FormValues } from './application-form.js';

/** The member of a household an application is for: the one named, else the head. */
export function memberOf(household: Pick<HouseholdDoc, 'members'>, memberId: string | undefined): HouseholdMember {
  return household.members.find((m) => m.id === memberId) ?? householdHead(household);
}

/**
 * The applicant fields of a new application, filled from the member's
 * profile: typed once for the household, never again. What the profile lacks
 * stays empty for the agent to ask at the door.
 */
export function applicantValuesOf(member: HouseholdMember): FormValues {
  return { applicantName: member.name, idNumber: member.idNumber ?? '', phone: member.phone ?? '' };
}

/** The applicant's address on an application: the household's, with the village in front unless it already says it. */
export function applicantAddressOf(household: Pick<HouseholdDoc, 'village' | 'address'>): string {
  const address = household.address?.trim() ?? '';
  if (!address) return household.village.name;
  return address.includes(household.village.name) ? address : `${household.village.name}${address}`;
}

/** How a household is called in lists: after its head (张桂英家). */
export function householdTitle(household: Pick<HouseholdDoc, 'members' | 'village'>): string {
  return `${householdHead(household).name}家`;
}

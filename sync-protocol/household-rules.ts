import { checkMobile, checkResidentId, type IdentifierCheck } from './identifiers/index.js';
import type { RuleIssue } from './rule-issue.js';
import type { HouseholdDoc } from './schemas/household.js';

const issueOf = (field: string, check: IdentifierCheck): RuleIssue[] => (check.ok ? [] : [{ field, code: check.code, ...(check.params ? { params: check.params } : {}) }]);

/**
 * Rules of a household profile beyond its schema, the same on the agent's
 * phone when the profile is saved and at the gateway on push: each member's
 * ID number and mobile, when given, are real ones (GB 11643, mainland
 * mobile); member ids are unique; exactly one member is the head (户主).
 * Fields are `members.<memberId>.idNumber`, so a refusal names the person.
 */
export function householdRuleIssues(household: Pick<HouseholdDoc, 'members'>, today: Date): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const ids = new Set<string>();
  for (const member of household.members) {
    if (ids.has(member.id)) issues.push({ field: 'members', code: 'DUPLICATE_ID', params: { id: member.id } });
    ids.add(member.id);
    const at = `members.${member.id}`;
    if (!member.name.trim()) issues.push({ field: `${at}.name`, code: 'REQUIRED' });
    if (member.idNumber?.trim()) issues.push(...issueOf(`${at}.idNumber`, checkResidentId(member.idNumber, today)));
    if (member.phone?.trim()) issues.push(...issueOf(`${at}.phone`, checkMobile(member.phone)));
  }
  if (household.members.filter((m) => m.relation === '户主').length !== 1) issues.push({ field: 'members', code: 'ONE_HEAD' });
  return issues;
}

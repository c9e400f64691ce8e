import { jsonEqual } from './equality.js';
import type { Role } from './messages.js';
import type { RuleIssue } from './rule-issue.js';
import { materialUses, type ApplicationDoc } from './schemas/application.js';

/** Who files an application: the signed-in account, as the gateway knows it (and the phone, from its session). */
export interface Filer {
  userId: string;
  role: Role;
}

type AgentFields = Pick<ApplicationDoc, 'lifecycle' | 'householdId' | 'memberId' | 'authorisation'>;

/**
 * Rules that depend on who files, run by the gateway on push (and by the
 * phone before it marks an application submitted):
 * - only agents file for households: an applicant's own application has
 *   neither a household nor an authorisation;
 * - an authorisation names the agent it was given to, and only that agent
 *   may file with it;
 * - a household and an authorisation the gateway holds on a submitted
 *   application are history.
 */
export function filerRuleIssues(next: Partial<AgentFields>, filer: Filer, master?: Partial<AgentFields> | null): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (filer.role !== 'agent') {
    if (next.householdId !== undefined) issues.push({ field: 'householdId', code: 'AGENTS_ONLY' });
    if (next.memberId !== undefined) issues.push({ field: 'memberId', code: 'AGENTS_ONLY' });
    if (next.authorisation !== undefined) issues.push({ field: 'authorisation', code: 'AGENTS_ONLY' });
    return issues;
  }
  if (next.authorisation && next.authorisation.agent.userId !== filer.userId) issues.push({ field: 'authorisation.agent', code: 'NOT_THIS_AGENT' });
  if (master?.lifecycle === 'submitted' && master.authorisation && !jsonEqual(master.authorisation, next.authorisation)) {
    issues.push({ field: 'authorisation', code: 'ALREADY_RECEIVED' });
  }
  if (master?.lifecycle === 'submitted' && master.householdId !== undefined && master.householdId !== next.householdId) {
    issues.push({ field: 'householdId', code: 'ALREADY_RECEIVED' });
  }
  return issues;
}

/**
 * What an agent's submission must carry: the household it was filed for and
 * the applicant's authorisation (授权委托书). An application an agent
 * submitted before households existed (its master is submitted and names no
 * household) keeps going without them: supplements and ratings must not be
 * refused for a rule that came later.
 */
export function agentSubmissionIssues(next: Partial<AgentFields>, filer: Filer, master?: Partial<AgentFields> | null): RuleIssue[] {
  if (filer.role !== 'agent' || next.lifecycle !== 'submitted') return [];
  if (master?.lifecycle === 'submitted' && master.householdId === undefined) return [];
  const issues: RuleIssue[] = [];
  if (!next.householdId) issues.push({ field: 'householdId', code: 'HOUSEHOLD_REQUIRED' });
  if (!next.authorisation) issues.push({ field: 'authorisation', code: 'AUTHORISATION_REQUIRED' });
  return issues;
}

/**
 * A photo taken for one household is never used for another (the locker is
 * per household, on the phone and at the gateway): `boundTo` answers which
 * household each content address already belongs to, for this agent. One
 * issue per field, naming the household's material slot.
 */
export function householdMaterialIssues(
  app: Pick<ApplicationDoc, 'householdId' | 'materials' | 'commitment' | 'supplements' | 'authorisation'>,
  boundTo: ReadonlyMap<string, string>,
): RuleIssue[] {
  if (!app.householdId) return [];
  const fields = new Set<string>();
  for (const use of materialUses(app)) {
    const owner = boundTo.get(use.sha256);
    if (owner !== undefined && owner !== app.householdId) fields.add(use.field);
  }
  return [...fields].map((field) => ({ field, code: 'OTHER_HOUSEHOLD' as const }));
}

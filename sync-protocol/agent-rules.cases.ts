/**
 * One table of the rules of who files (filerRuleIssues and
 * agentSubmissionIssues in agent-rules.ts), run by the gateway over HTTP
 * (test/integration/agent-rules.test.ts) and by the phone's data interface
 * (pwa/src/db/data-api.test.ts). Test data only.
 */
import type { Role } from './messages.js';
import type { RuleCode } from './rule-issue.js';
import type { ApplicationDoc, Authorisation } from './schemas/application.js';

export const AGENT_CASES_HOUSEHOLD_ID = 'household-0000001';

/** An authorisation the applicant signed on screen, taken by `agentUserId`. */
export function signedAuthorisation(agentUserId: string): Authorisation {
  return {
    method: 'signature',
    text: '本人王秀英委托代办员李建国代为办理本事项，代为填写申请、拍摄并提交材料。',
    image: { sha256: 'f'.repeat(64), bytes: 2048, contentType: 'image/png' },
    agent: { userId: agentUserId, name: '李建国' },
    signedAt: '2026-11-25T07:20:00.000Z',
  };
}

export type AgentCaseParts = Partial<Pick<ApplicationDoc, 'householdId' | 'memberId' | 'authorisation' | 'lifecycle'>>;

export interface AgentRuleCase {
  name: string;
  /** Who pushes. */
  filer: Extract<Role, 'agent' | 'applicant'>;
  /** The parts the case sets, given the filer's own user id. */
  parts: (filerUserId: string) => AgentCaseParts;
  refused: { field: string; code: RuleCode } | null;
}

const forHousehold = { householdId: AGENT_CASES_HOUSEHOLD_ID, memberId: 'member-00000001' };

export const AGENT_RULE_CASES: AgentRuleCase[] = [
  {
    name: "an agent's application for a household with its signed authorisation",
    filer: 'agent',
    parts: (me) => ({ ...forHousehold, authorisation: signedAuthorisation(me) }),
    refused: null,
  },
  {
    name: "an agent's application with a thumbprint on paper, photographed",
    filer: 'agent',
    parts: (me) => ({
      ...forHousehold,
      authorisation: { ...signedAuthorisation(me), method: 'thumbprint', image: { sha256: 'f'.repeat(64), bytes: 90_000, contentType: 'image/jpeg' } },
    }),
    refused: null,
  },
  {
    name: "an agent's application with an authorisation given to another agent",
    filer: 'agent',
    parts: () => ({ ...forHousehold, authorisation: signedAuthorisation('someoneelse0001') }),
    refused: { field: 'authorisation.agent', code: 'NOT_THIS_AGENT' },
  },
  {
    name: "an agent's submission without a household",
    filer: 'agent',
    parts: (me) => ({ authorisation: signedAuthorisation(me) }),
    refused: { field: 'householdId', code: 'HOUSEHOLD_REQUIRED' },
  },
  {
    name: "an agent's submission without the applicant's authorisation",
    filer: 'agent',
    parts: () => ({ ...forHousehold }),
    refused: { field: 'authorisation', code: 'AUTHORISATION_REQUIRED' },
  },
  { name: "an agent's draft for a household, not yet authorised", filer: 'agent', parts: () => ({ ...forHousehold, lifecycle: 'draft' }), refused: null },
  { name: "an applicant's own application", filer: 'applicant', parts: () => ({}), refused: null },
  { name: "an applicant's application naming a household", filer: 'applicant', parts: () => ({ ...forHousehold }), refused: { field: 'householdId', code: 'AGENTS_ONLY' } },
  {
    name: "an applicant's application carrying an authorisation",
    filer: 'applicant',
    parts: (me) => ({ authorisation: signedAuthorisation(me) }),
    refused: { field: 'authorisation', code: 'AGENTS_ONLY' },
  },
];

/**
 * What a rule of the protocol says about a document: the field it concerns
 * and a stable code, never a sentence. Words come from one catalogue
 * (rule-messages.ts), so a second language is a second catalogue, not an
 * edit of every rule.
 */
export const RULE_CODES = [
  // Any field
  'REQUIRED',
  'CHOICE_REQUIRED',
  'TOO_LONG',
  'NOT_TEXT',
  'NOT_A_NUMBER',
  'NOT_AN_OPTION',
  // Resident identity number (GB 11643)
  'ID_LENGTH',
  'ID_CHARACTERS',
  'ID_AREA',
  'ID_BIRTH_DATE_INVALID',
  'ID_BIRTH_DATE_FUTURE',
  'ID_CHECK_DIGIT',
  // Unified social credit code (GB 32100)
  'CREDIT_CODE_LENGTH',
  'CREDIT_CODE_LOOKALIKE',
  'CREDIT_CODE_CHARACTER',
  'CREDIT_CODE_AREA',
  'CREDIT_CODE_CHECK_DIGIT',
  // Mobile number
  'MOBILE_NOT_DIGITS',
  'MOBILE_LENGTH',
  'MOBILE_PREFIX',
  // Calendar date
  'DATE_FORMAT',
  'DATE_NOT_REAL',
  // Materials and 容缺受理
  'MATERIAL_REQUIRED',
  'NOT_WAIVABLE',
  'COMMITMENT_MISMATCH',
  // Life of an application
  'SUBMITTED_ONLY',
  'DUPLICATE_ID',
  'ALREADY_RECEIVED',
  'NOT_COMPLETED_YET',
  // Filed by a village agent, for a household
  'HOUSEHOLD_REQUIRED',
  'AUTHORISATION_REQUIRED',
  'AGENTS_ONLY',
  'NOT_THIS_AGENT',
  'OTHER_HOUSEHOLD',
  'ONE_HEAD',
] as const;

export type RuleCode = (typeof RULE_CODES)[number];

/** Values a message may quote (a length, a character, the limit). */
export type RuleParams = Record<string, string | number>;

/** One broken rule: the field (a dotted path such as `form.creditCode`), its code, and values to quote. */
export interface RuleIssue {
  field: string;
  code: RuleCode;
  params?: RuleParams;
}

/** What a value check answers about one value, before it is placed on a field. */
export type ValueProblem = Omit<RuleIssue, 'field'>;

/** A rule issue in plain English and codes, for logs and the gateway's `detail` (never personal data). */
export function describeRuleIssue(issue: RuleIssue): string {
  const params = issue.params ? ` ${JSON.stringify(issue.params)}` : '';
  return `${issue.field} ${issue.code}${params}`;
}

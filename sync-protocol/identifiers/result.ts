import type { RuleCode, RuleParams } from '../rule-issue.js';

/** The answer of an identifier check: fine, or which rule it breaks (a code, worded by rule-messages.ts). */
export type IdentifierCheck = { ok: true } | { ok: false; code: RuleCode; params?: RuleParams };

export const OK: IdentifierCheck = { ok: true };

export function fail(code: RuleCode, params?: RuleParams): IdentifierCheck {
  return params ? { ok: false, code, params } : { ok: false, code };
}

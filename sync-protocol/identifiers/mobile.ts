import { fail, OK, type IdentifierCheck } from './result.js';

/**
 * Checks a mainland mobile number: 11 digits starting 13–19. Spaces and
 * dashes people type between groups, and a +86 / 0086 prefix, are tolerated.
 */
export function checkMobile(value: string): IdentifierCheck {
  const digits = normaliseMobile(value);
  if (!/^[0-9]+$/.test(digits)) return fail('MOBILE_NOT_DIGITS');
  if (digits.length !== 11) return fail('MOBILE_LENGTH', { length: digits.length });
  if (!/^1[3-9]/.test(digits)) return fail('MOBILE_PREFIX');
  return OK;
}

/** The 11 digits of a mobile number as people type it. */
export function normaliseMobile(value: string): string {
  return value.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
}

import { fail, OK, type IdentifierCheck } from './result.js';

/** The 31 characters of the code: digits and capitals without I, O, S, V, Z (GB 32100-2015). */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights of the first 17 characters: 3^i modulo 31. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Letters the code never uses, and the digit a person most likely meant. */
const LOOKALIKE_DIGITS: Record<string, string> = { I: '1', O: '0', S: '5', Z: '2' };

/** The check character that the first 17 characters call for. */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return CHARSET[(31 - (sum % 31)) % 31];
}

/**
 * Checks a unified social credit code (统一社会信用代码, GB 32100-2015): 18
 * characters from the code's alphabet, a 6-digit administrative area code in
 * positions 3–8, and the check character. Lowercase input is accepted.
 */
export function checkCreditCode(value: string): IdentifierCheck {
  const code = value.trim().toUpperCase();
  if (code.length !== 18) return fail('CREDIT_CODE_LENGTH', { length: code.length });
  const bad = [...code].find((c) => !CHARSET.includes(c));
  if (bad !== undefined) {
    const digit = LOOKALIKE_DIGITS[bad];
    return digit ? fail('CREDIT_CODE_LOOKALIKE', { character: bad, digit }) : fail('CREDIT_CODE_CHARACTER', { character: bad });
  }
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) return fail('CREDIT_CODE_AREA');
  if (creditCodeCheckCharacter(code) !== code[17]) return fail('CREDIT_CODE_CHECK_DIGIT');
  return OK;
}

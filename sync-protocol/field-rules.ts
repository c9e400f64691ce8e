import { checkCreditCode, checkDate, checkMobile, checkResidentId, type IdentifierCheck } from './identifiers/index.js';
import type { ValueProblem } from './rule-issue.js';
import type { GuideFormField } from './schemas/guide.js';

/** The longest value of a `text` field (one line), and of a `textarea` (the application schema's limit). */
export const FIELD_MAX_LENGTH = { text: 500, textarea: 4000 } as const;

/** A number as people type it: digits, one decimal point, a minus sign in front. */
export const NUMBER_PATTERN = '-?[0-9]+([.][0-9]+)?';
const NUMBER = new RegExp(`^${NUMBER_PATTERN}$`);

/** A typed number (full-width digits too); null when it is not one. */
export function numberOf(value: string): number | null {
  const plain = value.trim().replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return NUMBER.test(plain) && Number.isFinite(Number(plain)) ? Number(plain) : null;
}

export interface FieldCheckOptions {
  /** Today on the checker's calendar: only bounds birth dates in ID numbers. */
  today?: Date;
  /** A tighter limit than the type's (the applicant's name takes 100 characters). */
  maxLength?: number;
}

/** A value as an application holds it: typed text, a number, or (never valid for a guide field) a boolean. */
export type FieldValue = string | number | boolean | undefined;

const problemOf = (check: IdentifierCheck): ValueProblem | null => (check.ok ? null : { code: check.code, ...(check.params ? { params: check.params } : {}) });

/**
 * Checks one value against a guide's form field (required, type, options,
 * length), the same on the phone before submitting and at the gateway on push.
 * Answers the broken rule as a code, or null.
 */
export function fieldValueProblem(field: Pick<GuideFormField, 'type' | 'required' | 'options'>, raw: FieldValue, options: FieldCheckOptions = {}): ValueProblem | null {
  if (typeof raw === 'boolean') return { code: 'NOT_TEXT' };
  if (field.type === 'number' && typeof raw === 'number') return null;
  const value = raw === undefined ? '' : String(raw).trim();
  if (value === '') return field.required ? { code: field.type === 'select' || field.type === 'date' ? 'CHOICE_REQUIRED' : 'REQUIRED' } : null;
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const max = options.maxLength ?? FIELD_MAX_LENGTH[field.type];
      return value.length > max ? { code: 'TOO_LONG', params: { max, length: value.length } } : null;
    }
    case 'idNumber':
      return problemOf(checkResidentId(value, options.today));
    case 'phone':
      return problemOf(checkMobile(value));
    case 'creditCode':
      return problemOf(checkCreditCode(value));
    case 'number':
      return numberOf(value) === null ? { code: 'NOT_A_NUMBER' } : null;
    case 'date':
      return problemOf(checkDate(value));
    case 'select':
      return !field.options || field.options.includes(value) ? null : { code: 'NOT_AN_OPTION' };
  }
}

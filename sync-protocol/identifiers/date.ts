import { fail, OK, type IdentifierCheck } from './result.js';

/** Checks a calendar date written YYYY-MM-DD (what `<input type="date">` gives) that really exists. */
export function checkDate(value: string): IdentifierCheck {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value.trim());
  if (!match) return fail('DATE_FORMAT');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return fail('DATE_NOT_REAL');
  }
  return OK;
}

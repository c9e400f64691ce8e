import { fail, OK, type IdentifierCheck } from './result.js';

/** Checks a calendar date written YYYY-MM-DD (what `<input type="date">` gives) that really exists. */
export function checkDate(value: string): IdentifierCheck {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value.trim());
  if (!match) return fail('日期格式应为“年-月-日”，如 2026-01-31');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return fail('这个日期不存在，请核对');
  }
  return OK;
}

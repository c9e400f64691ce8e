import { fail, OK, type IdentifierCheck } from './result.js';

/** Weights of the first 17 digits (GB 11643-1999, ISO 7064 MOD 11-2). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Check character for each remainder of the weighted sum modulo 11. */
const CHECK_CHARACTERS = '10X98765432';
/**
 * First two digits of the address code: the provinces, autonomous regions and
 * municipalities of GB/T 2260, plus 71 (台湾), 81 (香港), 82 (澳门) and 83
 * (residence permits for Taiwan residents).
 */
const PROVINCE_PREFIXES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

/** The check character that the first 17 digits call for. */
export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

/**
 * Checks an 18-digit resident identity number (居民身份号码, GB 11643-1999):
 * shape, a known province, a real birth date not in the future and not
 * before 1900, and the check character. A lowercase x is accepted.
 * `today` is the device's date: only used to refuse birth dates in the future.
 */
export function checkResidentId(value: string, today: Date = new Date()): IdentifierCheck {
  const id = value.trim().toUpperCase();
  if (id.length !== 18) return fail('ID_LENGTH', { length: id.length });
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return fail('ID_CHARACTERS');
  if (!PROVINCE_PREFIXES.has(id.slice(0, 2))) return fail('ID_AREA');
  const birth = checkBirthDate(id.slice(6, 14), today);
  if (!birth.ok) return birth;
  if (residentIdCheckCharacter(id) !== id[17]) return fail('ID_CHECK_DIGIT');
  return OK;
}

function checkBirthDate(yyyymmdd: string, today: Date): IdentifierCheck {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real || year < 1900) return fail('ID_BIRTH_DATE_INVALID');
  // Compare calendar days: a device clock a few hours off must not refuse today's newborn.
  const todayUtc = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  if (date.getTime() > todayUtc) return fail('ID_BIRTH_DATE_FUTURE');
  return OK;
}

import type { FromSchema } from 'json-schema-to-ts';

/**
 * Administrative areas (行政区划), the scope of service guides. Codes follow
 * GB/T 2260 (6 digits: province 2 + city 2 + county 2) extended by 3 digits for
 * townships (乡镇街道), as the national statistical division codes do:
 * 330000 浙江省 → 331100 丽水市 → 331123 遂昌县 → 331123001 妙高街道.
 */
export const AREA_LEVELS = ['province', 'city', 'county', 'township'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

export const AREA_CODE_PATTERN = '^[0-9]{6}([0-9]{3})?$';

export const areaSchema = {
  title: 'area',
  description: 'An administrative area that guides can be scoped to',
  version: 0,
  primaryKey: 'code',
  type: 'object',
  additionalProperties: false,
  properties: {
    code: { type: 'string', pattern: AREA_CODE_PATTERN, maxLength: 9 },
    name: { type: 'string', minLength: 1, maxLength: 50 },
    /** Full name for display, e.g. 浙江省丽水市遂昌县. */
    fullName: { type: 'string', minLength: 1, maxLength: 200 },
    level: { type: 'string', enum: [...AREA_LEVELS] },
    parentCode: { type: 'string', pattern: AREA_CODE_PATTERN, maxLength: 9 },
  },
  required: ['code', 'name', 'fullName', 'level'],
} as const;

export type AreaDoc = FromSchema<typeof areaSchema>;

/** The level of an area code, from its shape alone. */
export function areaLevelOf(code: string): AreaLevel {
  if (code.length === 9) return 'township';
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/**
 * The area and every area above it, top first: the guides that apply to a
 * person in a township are those of the township, its county, city and
 * province. `331123001` → `['330000', '331100', '331123', '331123001']`.
 */
export function areaChain(code: string): string[] {
  if (!new RegExp(AREA_CODE_PATTERN).test(code)) throw new Error(`not an area code: ${code}`);
  return [...new Set([`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code.slice(0, 6), code])];
}

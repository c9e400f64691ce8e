import type { FromSchema } from 'json-schema-to-ts';
import { AREA_CODE_PATTERN } from './area.js';
import { idProperty, materialKeyProperty } from './common.js';

/** Types of service items (事项类型) in the implementation lists. */
export const ITEM_TYPES = ['行政许可', '行政确认', '行政给付', '行政征收', '行政裁决', '行政奖励', '公共服务', '其他行政权力'] as const;
export const AUDIENCES = ['个人', '法人'] as const;
export const CHANNELS = ['网上办', '掌上办', '窗口办', '代办'] as const;
export const DELIVERY_METHODS = ['快递', '窗口领取', '电子证照'] as const;
export const MATERIAL_FORMS = ['原件', '复印件', '电子件'] as const;
export const FORM_FIELD_TYPES = ['text', 'textarea', 'idNumber', 'creditCode', 'phone', 'date', 'number', 'select'] as const;

const shortText = { type: 'string', maxLength: 200 } as const;
const longText = { type: 'string', maxLength: 4000 } as const;
const textList = { type: 'array', maxItems: 50, items: longText } as const;

const materialSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    key: materialKeyProperty,
    name: { type: 'string', minLength: 1, maxLength: 200 },
    forms: { type: 'array', minItems: 1, maxItems: 3, items: { type: 'string', enum: [...MATERIAL_FORMS] } },
    copies: { type: 'integer', minimum: 0, maximum: 20 },
    source: shortText,
    required: { type: 'boolean' },
    waivable: { type: 'boolean', description: 'May be missing at submission under 容缺受理' },
    notes: longText,
    sampleUrl: { type: 'string', maxLength: 500 },
    maxPages: { type: 'integer', minimum: 1, maximum: 50 },
  },
  required: ['key', 'name', 'forms', 'copies', 'required', 'waivable'],
} as const;

const formFieldSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    key: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' },
    label: { type: 'string', minLength: 1, maxLength: 100 },
    type: { type: 'string', enum: [...FORM_FIELD_TYPES] },
    required: { type: 'boolean' },
    options: { type: 'array', maxItems: 50, items: shortText },
    hint: shortText,
  },
  required: ['key', 'label', 'type', 'required'],
} as const;

/**
 * Search terms of a guide, computed by the gateway when it publishes the
 * guide so that devices need no pinyin dictionary: each term's text with the
 * pinyin syllable of each of its characters (toneless, lowercase; a letter or
 * digit stands for itself). `syllables.length` equals the number of
 * characters of `text`, so a query mixing 汉字, full pinyin and initials can be
 * matched character by character.
 */
const searchSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    terms: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          text: { type: 'string', minLength: 1, maxLength: 200 },
          syllables: { type: 'array', maxItems: 200, items: { type: 'string', maxLength: 8 } },
        },
        required: ['text', 'syllables'],
      },
    },
  },
  required: ['terms'],
} as const;

/**
 * A service guide (办事指南), following the elements of a service item's
 * implementation list (实施清单). Guides are scoped by area: the same item
 * code may have different guides in two counties.
 */
export const guideSchema = {
  title: 'guide',
  description: 'A service guide (办事指南) for one service item in one area',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: idProperty,
    itemCode: { type: 'string', minLength: 1, maxLength: 64 },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    itemType: { type: 'string', enum: [...ITEM_TYPES] },
    audience: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'string', enum: [...AUDIENCES] } },
    department: { type: 'string', minLength: 1, maxLength: 200 },
    level: { type: 'string', enum: ['省级', '市级', '县级', '乡级'] },
    areaCode: { type: 'string', pattern: AREA_CODE_PATTERN, maxLength: 9 },
    areaName: shortText,
    lifeEvents: { type: 'array', maxItems: 10, items: shortText },
    /** What people call it, e.g. 营业执照 or 开店 for 个体工商户设立登记. */
    keywords: { type: 'array', maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 50 } },
    legalBasis: textList,
    conditions: textList,
    materials: { type: 'array', maxItems: 60, items: materialSchema },
    formFields: { type: 'array', maxItems: 80, items: formFieldSchema },
    steps: textList,
    timeLimit: {
      type: 'object',
      additionalProperties: false,
      properties: {
        statutoryDays: { type: 'integer', minimum: 0, maximum: 3650 },
        promisedDays: { type: 'integer', minimum: 0, maximum: 3650 },
        note: shortText,
      },
      required: ['statutoryDays', 'promisedDays'],
    },
    fee: { type: 'string', minLength: 1, maxLength: 500 },
    place: { type: 'string', maxLength: 500 },
    hours: shortText,
    phone: { type: 'string', maxLength: 40 },
    channels: { type: 'array', minItems: 1, maxItems: 4, items: { type: 'string', enum: [...CHANNELS] } },
    delivery: { type: 'array', minItems: 1, maxItems: 3, items: { type: 'string', enum: [...DELIVERY_METHODS] } },
    version: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    updatedAt: { type: 'string', format: 'date-time', maxLength: 40 },
    search: searchSchema,
  },
  required: [
    'id',
    'itemCode',
    'name',
    'itemType',
    'audience',
    'department',
    'level',
    'areaCode',
    'conditions',
    'materials',
    'formFields',
    'timeLimit',
    'fee',
    'channels',
    'delivery',
    'version',
    'updatedAt',
  ],
} as const;

/** Fields the gateway sets when it publishes a guide; an import file does not carry them. */
export const GUIDE_PUBLISHED_FIELDS = ['version', 'updatedAt', 'search'] as const;

/**
 * A guide as an operator writes it in an import file: the published guide
 * without the fields the gateway sets (version, update time, search terms).
 */
export const guideInputSchema = {
  title: 'guide input',
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(Object.entries(guideSchema.properties).filter(([key]) => !(GUIDE_PUBLISHED_FIELDS as readonly string[]).includes(key))),
  required: guideSchema.required.filter((key) => !(GUIDE_PUBLISHED_FIELDS as readonly string[]).includes(key)),
} as const;

export type GuideMaterial = FromSchema<typeof materialSchema>;
export type GuideFormField = FromSchema<typeof formFieldSchema>;
export type SearchTerm = FromSchema<typeof searchSchema.properties.terms.items>;
/** A published guide; `updatedAt` is publication time at the gateway (server clock). */
export type GuideDoc = FromSchema<typeof guideSchema>;

/** A guide as written in an import file. */
export type GuideInput = Omit<GuideDoc, (typeof GUIDE_PUBLISHED_FIELDS)[number]>;

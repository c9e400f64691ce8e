import type { FromSchema } from 'json-schema-to-ts';
import { AREA_CODE_PATTERN } from './area.js';
import { deviceTimeProperty, idProperty, serverStampProperty } from './common.js';

/** 统计用区划代码 of a village (村/社区): 12 digits, the township's 9 and three more. */
export const VILLAGE_CODE_PATTERN = '^[0-9]{12}$';

/** How a member is related to the head of the household, as the household register (户口簿) says it. */
export const HOUSEHOLD_RELATIONS = ['户主', '配偶', '子女', '父母', '孙子女', '兄弟姐妹', '其他'] as const;
export type HouseholdRelation = (typeof HOUSEHOLD_RELATIONS)[number];

/** Most results handed over one household profile remembers (the oldest are dropped first). */
export const MAX_DELIVERED_RESULTS = 200;

/** Most members one household profile holds. */
export const MAX_HOUSEHOLD_MEMBERS = 30;

/** One person of a household: who an agent files for. The head is the member whose relation is 户主. */
const memberSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: idProperty,
    name: { type: 'string', minLength: 1, maxLength: 100 },
    idNumber: { type: 'string', maxLength: 32 },
    phone: { type: 'string', maxLength: 20 },
    relation: { type: 'string', enum: [...HOUSEHOLD_RELATIONS] },
  },
  required: ['id', 'name', 'relation'],
} as const;

/**
 * A household (户) a village agent (代办员) files for: its members, where it
 * lives, kept on the agent's phone and replicated to the agent's own
 * database at the gateway (so a lost phone does not lose them). Applications
 * name it by `householdId`; materials photographed for one household are
 * never offered, nor accepted, for another. An agent's profiles are the
 * agent's alone: nobody else pulls them, operators included.
 */
export const householdSchema = {
  title: 'household',
  description: 'A household a village agent files for: members, village and address',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: idProperty,
    village: {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 60 },
        code: { type: 'string', pattern: VILLAGE_CODE_PATTERN, maxLength: 12 },
        /** The township or county the village belongs to, when the agent picked it from the area list. */
        areaCode: { type: 'string', pattern: AREA_CODE_PATTERN, maxLength: 9 },
      },
      required: ['name'],
    },
    address: { type: 'string', maxLength: 200 },
    members: { type: 'array', minItems: 1, maxItems: MAX_HOUSEHOLD_MEMBERS, items: memberSchema },
    notes: { type: 'string', maxLength: 1000 },
    /** Results (办结) the agent has brought to this household, so they leave the 待回访 list; device time. */
    delivered: {
      type: 'array',
      maxItems: MAX_DELIVERED_RESULTS,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { applicationId: idProperty, at: deviceTimeProperty },
        required: ['applicationId', 'at'],
      },
    },
    createdAt: deviceTimeProperty,
    updatedAt: deviceTimeProperty,
    server: serverStampProperty,
  },
  required: ['id', 'village', 'members', 'createdAt', 'updatedAt'],
} as const;

export type HouseholdMember = FromSchema<typeof memberSchema>;
export type HouseholdDoc = FromSchema<typeof householdSchema>;

/** The head of a household (户主): the member so related, else the first one listed. */
export function householdHead(household: Pick<HouseholdDoc, 'members'>): HouseholdMember {
  return household.members.find((m) => m.relation === '户主') ?? household.members[0];
}

import type { FromSchema } from 'json-schema-to-ts';
import { deviceTimeProperty, idProperty, materialKeyProperty, serverStampProperty } from './common.js';

/** Where an application is in its life on the device and beyond. */
export const APPLICATION_LIFECYCLES = ['draft', 'submitted'] as const;
export type ApplicationLifecycle = (typeof APPLICATION_LIFECYCLES)[number];

/** SHA-256 of a material's bytes, lowercase hex: the material's address everywhere. */
export const sha256Property = { type: 'string', pattern: '^[0-9a-f]{64}$', minLength: 64, maxLength: 64 } as const;

/** One photographed page of a material, by content address. */
const materialPageSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    sha256: sha256Property,
    bytes: { type: 'integer', minimum: 1, maximum: 20 * 1024 * 1024 },
    contentType: { type: 'string', enum: ['image/jpeg', 'image/png'] },
    width: { type: 'integer', minimum: 1, maximum: 20_000 },
    height: { type: 'integer', minimum: 1, maximum: 20_000 },
  },
  required: ['sha256', 'bytes', 'contentType'],
} as const;

/**
 * The materials of an application, one entry per material of the guide
 * (by the guide's material `key`): its pages, or `waived` when the applicant
 * submits without it under 容缺受理 (only for materials the guide marks
 * waivable, and only with a signed commitment).
 */
const materialsProperty = {
  type: 'array',
  maxItems: 60,
  items: {
    type: 'object',
    additionalProperties: false,
    properties: {
      key: materialKeyProperty,
      name: { type: 'string', minLength: 1, maxLength: 200 },
      pages: { type: 'array', maxItems: 50, items: materialPageSchema },
      waived: { type: 'boolean' },
    },
    required: ['key', 'name', 'pages'],
  },
} as const;

/**
 * The commitment (承诺书) signed on screen when waivable materials are
 * missing: which ones, the words agreed to, and the signature image (a PNG
 * material, by content address).
 */
const commitmentProperty = {
  type: 'object',
  additionalProperties: false,
  properties: {
    waivedKeys: { type: 'array', minItems: 1, maxItems: 60, items: materialKeyProperty },
    text: { type: 'string', minLength: 1, maxLength: 4000 },
    signature: materialPageSchema,
    signedAt: { type: 'string', format: 'date-time', maxLength: 40 },
  },
  required: ['waivedKeys', 'text', 'signature', 'signedAt'],
} as const;

/** How the applicant gave an agent their authorisation (授权委托书). */
export const AUTHORISATION_METHODS = ['signature', 'thumbprint', 'paper'] as const;
export type AuthorisationMethod = (typeof AUTHORISATION_METHODS)[number];

/**
 * The applicant's authorisation (授权委托书) of the village agent who files
 * for them: the words they agreed to (authorisationText), how they gave it
 * (`signature`: signed on the agent's screen; `thumbprint`: pressed a
 * thumbprint on paper; `paper`: signed a paper form) and its image (the
 * on-screen signature as PNG, or a photo of the paper), the agent who took
 * it (the gateway checks it is the account pushing) and the device time.
 */
const authorisationProperty = {
  type: 'object',
  additionalProperties: false,
  properties: {
    method: { type: 'string', enum: [...AUTHORISATION_METHODS] },
    text: { type: 'string', minLength: 1, maxLength: 4000 },
    image: materialPageSchema,
    agent: {
      type: 'object',
      additionalProperties: false,
      properties: {
        userId: { type: 'string', minLength: 1, maxLength: 64 },
        name: { type: 'string', minLength: 1, maxLength: 100 },
      },
      required: ['userId', 'name'],
    },
    signedAt: deviceTimeProperty,
  },
  required: ['method', 'text', 'image', 'agent', 'signedAt'],
} as const;

/** Most supplements (补件) one application can carry. */
export const MAX_SUPPLEMENTS = 20;
/** Longest rating comment (好差评), in characters. */
export const MAX_RATING_COMMENT = 500;

/**
 * A supplement (补件) answering the province's `supplement_required` status
 * `requestedBy` (that status document's id): new pages for the named
 * materials, by the guide's material `key`. Added by the device to a
 * submitted application; never edited once it has gone up (a second answer is
 * a second supplement). `at` is device time, for display only.
 */
const supplementsProperty = {
  type: 'array',
  maxItems: MAX_SUPPLEMENTS,
  items: {
    type: 'object',
    additionalProperties: false,
    properties: {
      id: idProperty,
      requestedBy: { type: 'string', minLength: 1, maxLength: 140 },
      materials: {
        type: 'array',
        minItems: 1,
        maxItems: 60,
        items: {
          type: 'object',
          additionalProperties: false,
          properties: {
            key: materialKeyProperty,
            name: { type: 'string', minLength: 1, maxLength: 200 },
            pages: { type: 'array', minItems: 1, maxItems: 50, items: materialPageSchema },
          },
          required: ['key', 'name', 'pages'],
        },
      },
      note: { type: 'string', maxLength: 1000 },
      at: deviceTimeProperty,
    },
    required: ['id', 'requestedBy', 'materials', 'at'],
  },
} as const;

/**
 * The applicant's rating of the service (好差评), allowed once the province
 * reported the application `completed`: 1 (very dissatisfied) to 5 (very
 * satisfied) and an optional comment. `at` is device time, for display only.
 */
const ratingProperty = {
  type: 'object',
  additionalProperties: false,
  properties: {
    score: { type: 'integer', minimum: 1, maximum: 5 },
    comment: { type: 'string', maxLength: MAX_RATING_COMMENT },
    at: deviceTimeProperty,
  },
  required: ['score', 'at'],
} as const;

/**
 * Tracking code made on the device at submit time, so the applicant has it on
 * the receipt before any connection: `TB` + 4 groups of Crockford base32,
 * e.g. `TB-7KQ4-M2XD-9F3A-0C1E` (80 random bits: unique without asking anyone).
 */
export const TRACKING_CODE_PATTERN = '^TB(-[0-9A-HJKMNP-TV-Z]{4}){4}$';

/**
 * An application (申请) filed against one version of a service guide.
 * The form's values are flat key → value pairs keyed by the guide's form field keys.
 */
export const applicationSchema = {
  title: 'application',
  description: 'An application filed by an applicant or an agent against a service guide',
  // 1: supplements and rating (issue 6).
  // 2: a draft may have no applicant name yet (a photo taken before anything is typed
  //    must be saved); a submitted application still needs one (application-rules.ts).
  // 3: filed by a village agent: householdId, memberId, authorisation, applicant.address.
  version: 3,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: idProperty,
    guideId: idProperty,
    guideVersion: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    guideName: { type: 'string', minLength: 1, maxLength: 200 },
    applicant: {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 100 },
        idNumber: { type: 'string', maxLength: 32 },
        phone: { type: 'string', maxLength: 20 },
        address: { type: 'string', maxLength: 200 },
      },
    },
    /** The agent's household profile this application was filed for (agents only; see household.ts). */
    householdId: idProperty,
    /** The member of that household who applies. */
    memberId: idProperty,
    authorisation: authorisationProperty,
    form: {
      type: 'object',
      maxProperties: 200,
      additionalProperties: {
        anyOf: [{ type: 'string', maxLength: 4000 }, { type: 'number' }, { type: 'boolean' }],
      },
    },
    notes: { type: 'string', maxLength: 2000 },
    lifecycle: { type: 'string', enum: [...APPLICATION_LIFECYCLES] },
    createdAt: deviceTimeProperty,
    updatedAt: deviceTimeProperty,
    submittedAt: deviceTimeProperty,
    trackingCode: { type: 'string', pattern: TRACKING_CODE_PATTERN, maxLength: 24 },
    materials: materialsProperty,
    commitment: commitmentProperty,
    supplements: supplementsProperty,
    rating: ratingProperty,
    server: serverStampProperty,
  },
  required: ['id', 'guideId', 'guideVersion', 'guideName', 'applicant', 'form', 'lifecycle', 'createdAt', 'updatedAt'],
} as const;

/** One page of a material, by content address. */
export type MaterialPage = FromSchema<typeof materialPageSchema>;
/** One material of an application (its pages, or `waived`). */
export type ApplicationMaterial = FromSchema<typeof materialsProperty.items>;
export type Commitment = FromSchema<typeof commitmentProperty>;
export type SupplementMaterial = FromSchema<typeof supplementsProperty.items.properties.materials.items>;
/** A supplement; `requestedBy` is the id of the `supplement_required` status it answers. */
export type Supplement = FromSchema<typeof supplementsProperty.items>;
export type Rating = FromSchema<typeof ratingProperty>;
export type Authorisation = FromSchema<typeof authorisationProperty>;
/** An application; `applicant.name` is absent only in a draft (submitting needs it). */
export type ApplicationDoc = FromSchema<typeof applicationSchema>;

/** Where an application refers to one content address: the field a refusal names. */
export interface MaterialUse {
  sha256: string;
  field: string;
}

type MaterialHolder = Pick<ApplicationDoc, 'materials' | 'commitment' | 'supplements' | 'authorisation'>;

/** Every content address an application refers to, with the field that holds it (`materials.id-card`, `commitment.signature`, …). */
export function materialUses(app: MaterialHolder): MaterialUse[] {
  const uses: MaterialUse[] = [];
  for (const material of app.materials ?? []) for (const page of material.pages) uses.push({ sha256: page.sha256, field: `materials.${material.key}` });
  if (app.commitment) uses.push({ sha256: app.commitment.signature.sha256, field: 'commitment.signature' });
  if (app.authorisation) uses.push({ sha256: app.authorisation.image.sha256, field: 'authorisation.image' });
  for (const supplement of app.supplements ?? []) {
    for (const material of supplement.materials) for (const page of material.pages) uses.push({ sha256: page.sha256, field: `supplements.${supplement.id}.${material.key}` });
  }
  return uses;
}

/** Every content address an application refers to, once each: its pages, its signatures (commitment, authorisation) and its supplements' pages. */
export function referencedMaterials(app: MaterialHolder): string[] {
  return [...new Set(materialUses(app).map((use) => use.sha256))];
}

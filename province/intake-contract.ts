/**
 * The provincial platform's intake API (受理接口), as the gateway's upstream
 * adapter and the simulator both speak it: paths, headers, bodies (TypeScript
 * types and JSON Schemas), event states and error codes. Pure: no I/O.
 * The prose version is province/INTAKE-API.md.
 *
 * Materials travel as binary bodies, by SHA-256, before the application or
 * supplement that refers to them: `PUT` is idempotent, so a resend is harmless.
 * Every POST carries an `Idempotency-Key`: a replay answers the first result.
 */

export const INTAKE_PREFIX = '/intake/v1';
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Set on an answer that repeats the first answer to the same key. */
export const REPLAYED_HEADER = 'idempotent-replayed';
export const MATERIAL_CONTENT_TYPES = ['image/jpeg', 'image/png'] as const;
export const MAX_MATERIAL_BYTES = 20 * 1024 * 1024;

export const intakePaths = {
  material: (sha256: string) => `${INTAKE_PREFIX}/materials/${sha256}`,
  applications: () => `${INTAKE_PREFIX}/applications`,
  supplements: (caseId: string) => `${INTAKE_PREFIX}/cases/${encodeURIComponent(caseId)}/supplements`,
  ratings: (caseId: string) => `${INTAKE_PREFIX}/cases/${encodeURIComponent(caseId)}/ratings`,
  changes: () => `${INTAKE_PREFIX}/changes`,
};

/** What the province reports about a case, oldest first, through `GET /changes`. */
export const INTAKE_EVENT_STATES = ['accepted', 'supplement_required', 'completed', 'rejected'] as const;
export type IntakeEventState = (typeof INTAKE_EVENT_STATES)[number];

/** Error codes of the intake API; `permanent` ones will not change on a resend. */
export const INTAKE_ERRORS = {
  UNAUTHORIZED: { status: 401, permanent: true },
  INVALID: { status: 422, permanent: true },
  /** The same Idempotency-Key came with a different body. */
  KEY_REUSED: { status: 409, permanent: true },
  /** The case is in a state that does not take this (e.g. a rating before 办结). */
  WRONG_STATE: { status: 409, permanent: true },
  CASE_NOT_FOUND: { status: 404, permanent: true },
  /** A referenced material was not uploaded first: upload it and send again. */
  MATERIAL_MISSING: { status: 424, permanent: false },
  HASH_MISMATCH: { status: 422, permanent: false },
  UNAVAILABLE: { status: 503, permanent: false },
} as const;
export type IntakeErrorCode = keyof typeof INTAKE_ERRORS;

export interface IntakeErrorBody {
  code: IntakeErrorCode;
  message: string;
}

export interface IntakePage {
  sha256: string;
  contentType: (typeof MATERIAL_CONTENT_TYPES)[number];
  bytes: number;
}

export interface IntakeMaterial {
  key: string;
  name: string;
  pages: IntakePage[];
  waived?: boolean;
}

/** `POST /applications` body: one application with its materials by hash. */
export interface IntakeApplication {
  applicationId: string;
  trackingCode?: string;
  guideId: string;
  guideVersion: number;
  guideName: string;
  applicant: { name: string; idNumber?: string; phone?: string; address?: string };
  form: Record<string, string | number | boolean>;
  materials: IntakeMaterial[];
  commitment?: { waivedKeys: string[]; text: string; signature: IntakePage; signedAt: string };
  /** 授权委托书 of an application a village agent filed: how the applicant gave it, its words and image, the agent. */
  authorisation?: IntakeAuthorisation;
  /** Device time of submission (display only) and the gateway's receipt time. */
  submittedAt?: string;
  receivedAt: string;
}

export interface IntakeAuthorisation {
  method: 'signature' | 'thumbprint' | 'paper';
  text: string;
  image: IntakePage;
  agent: { userId: string; name: string };
  signedAt: string;
}

/** Answer to `POST /applications`: the province's case. */
export interface IntakeCaseReceipt {
  caseId: string;
  receivedAt: string;
}

/** `POST /cases/{caseId}/supplements` body. */
export interface IntakeSupplement {
  supplementId: string;
  applicationId: string;
  materials: IntakeMaterial[];
  note?: string;
}

/** `POST /cases/{caseId}/ratings` body (好差评). */
export interface IntakeRating {
  applicationId: string;
  score: number;
  comment?: string;
}

export interface IntakeAck {
  caseId: string;
  receivedAt: string;
}

/** One change of a case. `eventId` is unique and stable: a consumer applies each once. */
export interface IntakeEvent {
  eventId: string;
  caseId: string;
  applicationId: string;
  state: IntakeEventState;
  /** 受理编号, on `accepted` and every later event. */
  acceptanceNumber?: string;
  message?: string;
  /** On `supplement_required`: what is missing, and why. */
  materials?: { key: string; name: string; reason: string }[];
  at: string;
}

/** `GET /changes?since={cursor}&limit={n}`: events after the opaque cursor. */
export interface IntakeChanges {
  events: IntakeEvent[];
  cursor: string;
}

const text = (max: number) => ({ type: 'string', maxLength: max }) as const;
const idText = { type: 'string', minLength: 1, maxLength: 64 } as const;
const sha256 = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
const page = {
  type: 'object',
  additionalProperties: false,
  properties: { sha256, contentType: { enum: [...MATERIAL_CONTENT_TYPES] }, bytes: { type: 'integer', minimum: 1, maximum: MAX_MATERIAL_BYTES } },
  required: ['sha256', 'contentType', 'bytes'],
} as const;
const material = {
  type: 'object',
  additionalProperties: false,
  properties: { key: text(40), name: text(200), pages: { type: 'array', maxItems: 50, items: page }, waived: { type: 'boolean' } },
  required: ['key', 'name', 'pages'],
} as const;
const time = { type: 'string', format: 'date-time' } as const;

export const intakeApplicationSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    applicationId: idText,
    trackingCode: text(24),
    guideId: idText,
    guideVersion: { type: 'integer', minimum: 1 },
    guideName: text(200),
    applicant: {
      type: 'object',
      additionalProperties: false,
      properties: { name: text(100), idNumber: text(32), phone: text(20), address: text(200) },
      required: ['name'],
    },
    form: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
    materials: { type: 'array', maxItems: 60, items: material },
    commitment: {
      type: 'object',
      additionalProperties: false,
      properties: { waivedKeys: { type: 'array', items: text(40) }, text: text(4000), signature: page, signedAt: time },
      required: ['waivedKeys', 'text', 'signature', 'signedAt'],
    },
    authorisation: {
      type: 'object',
      additionalProperties: false,
      properties: {
        method: { enum: ['signature', 'thumbprint', 'paper'] },
        text: text(4000),
        image: page,
        agent: { type: 'object', additionalProperties: false, properties: { userId: idText, name: text(100) }, required: ['userId', 'name'] },
        signedAt: time,
      },
      required: ['method', 'text', 'image', 'agent', 'signedAt'],
    },
    submittedAt: time,
    receivedAt: time,
  },
  required: ['applicationId', 'guideId', 'guideVersion', 'guideName', 'applicant', 'form', 'materials', 'receivedAt'],
} as const;

export const intakeSupplementSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { supplementId: idText, applicationId: idText, materials: { type: 'array', minItems: 1, maxItems: 60, items: material }, note: text(1000) },
  required: ['supplementId', 'applicationId', 'materials'],
} as const;

export const intakeRatingSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { applicationId: idText, score: { type: 'integer', minimum: 1, maximum: 5 }, comment: text(500) },
  required: ['applicationId', 'score'],
} as const;

export const intakeReceiptSchema = {
  type: 'object',
  properties: { caseId: idText, receivedAt: time },
  required: ['caseId', 'receivedAt'],
} as const;

export const intakeChangesSchema = {
  type: 'object',
  properties: {
    cursor: { type: 'string', maxLength: 200 },
    events: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          eventId: { type: 'string', minLength: 1, maxLength: 100 },
          caseId: idText,
          applicationId: idText,
          state: { enum: [...INTAKE_EVENT_STATES] },
          acceptanceNumber: text(64),
          message: text(2000),
          materials: {
            type: 'array',
            maxItems: 50,
            items: { type: 'object', properties: { key: text(40), name: text(200), reason: text(1000) }, required: ['key', 'name', 'reason'] },
          },
          at: time,
        },
        required: ['eventId', 'caseId', 'applicationId', 'state', 'at'],
      },
    },
  },
  required: ['cursor', 'events'],
} as const;

/** Every material hash a submission or supplement refers to. */
export function intakeMaterialHashes(body: { materials: IntakeMaterial[]; commitment?: { signature: IntakePage }; authorisation?: { image: IntakePage } }): IntakePage[] {
  const pages = body.materials.flatMap((m) => m.pages);
  if (body.commitment) pages.push(body.commitment.signature);
  if (body.authorisation) pages.push(body.authorisation.image);
  const seen = new Set<string>();
  return pages.filter((p) => !seen.has(p.sha256) && seen.add(p.sha256));
}

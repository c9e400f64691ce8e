import { deviceTimeProperty, idProperty, serverStampProperty } from './common.js';

/** Where an application is in its life on the device and beyond. */
export const APPLICATION_LIFECYCLES = ['draft', 'submitted'] as const;
export type ApplicationLifecycle = (typeof APPLICATION_LIFECYCLES)[number];

/**
 * An application (申请) filed against one version of a service guide.
 * The form's values are flat key → value pairs keyed by the guide's form field keys.
 */
export const applicationSchema = {
  title: 'application',
  description: 'An application filed by an applicant or an agent against a service guide',
  version: 0,
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
      },
      required: ['name'],
    },
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
    server: serverStampProperty,
  },
  required: ['id', 'guideId', 'guideVersion', 'guideName', 'applicant', 'form', 'lifecycle', 'createdAt', 'updatedAt'],
} as const;

export interface ApplicationDoc {
  id: string;
  guideId: string;
  guideVersion: number;
  guideName: string;
  applicant: { name: string; idNumber?: string; phone?: string };
  form: Record<string, string | number | boolean>;
  notes?: string;
  lifecycle: ApplicationLifecycle;
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  server?: { receivedAt?: string; owner?: string };
}

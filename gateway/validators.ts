import type { ValidateFunction } from 'ajv';
import {
  changesRequestSchema,
  createAjv,
  createDocumentValidators,
  guideImportFileSchema,
  guideInputSchema,
  materialsHaveRequestSchema,
  pushRequestSchema,
  sessionRequestSchema,
  type ChangesRequest,
  type DocumentValidators,
  type GuideImportEnvelope,
  type GuideInput,
  type MaterialsHaveRequest,
  type PushRequestEnvelope,
  type SessionRequest,
} from '../sync-protocol/index.js';

/** Compiled validators, built once per gateway by the composition root. */
export interface Validators {
  documents: DocumentValidators;
  pushRequest: ValidateFunction<PushRequestEnvelope>;
  changesRequest: ValidateFunction<ChangesRequest>;
  materialsHaveRequest: ValidateFunction<MaterialsHaveRequest>;
  sessionRequest: ValidateFunction<SessionRequest>;
  /** A guide as an import file writes it (without the fields the gateway sets). */
  guideInput: ValidateFunction<GuideInput>;
  guideImportFile: ValidateFunction<GuideImportEnvelope>;
}

/** The schemas of request bodies, by validator name: what the validators compile and the OpenAPI document shows. */
export const REQUEST_SCHEMAS = {
  pushRequest: pushRequestSchema,
  changesRequest: changesRequestSchema,
  materialsHaveRequest: materialsHaveRequestSchema,
  sessionRequest: sessionRequestSchema,
  guideInput: guideInputSchema,
  guideImportFile: guideImportFileSchema,
} as const;

export function createValidators(): Validators {
  const ajv = createAjv();
  return {
    documents: createDocumentValidators(ajv),
    pushRequest: ajv.compile<PushRequestEnvelope>(REQUEST_SCHEMAS.pushRequest),
    changesRequest: ajv.compile<ChangesRequest>(REQUEST_SCHEMAS.changesRequest),
    materialsHaveRequest: ajv.compile<MaterialsHaveRequest>(REQUEST_SCHEMAS.materialsHaveRequest),
    sessionRequest: ajv.compile<SessionRequest>(REQUEST_SCHEMAS.sessionRequest),
    guideInput: ajv.compile<GuideInput>(REQUEST_SCHEMAS.guideInput),
    guideImportFile: ajv.compile<GuideImportEnvelope>(REQUEST_SCHEMAS.guideImportFile),
  };
}

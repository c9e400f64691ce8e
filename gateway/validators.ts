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

export function createValidators(): Validators {
  const ajv = createAjv();
  return {
    documents: createDocumentValidators(ajv),
    pushRequest: ajv.compile<PushRequestEnvelope>(pushRequestSchema),
    changesRequest: ajv.compile<ChangesRequest>(changesRequestSchema),
    materialsHaveRequest: ajv.compile<MaterialsHaveRequest>(materialsHaveRequestSchema),
    sessionRequest: ajv.compile<SessionRequest>(sessionRequestSchema),
    guideInput: ajv.compile<GuideInput>(guideInputSchema),
    guideImportFile: ajv.compile<GuideImportEnvelope>(guideImportFileSchema),
  };
}

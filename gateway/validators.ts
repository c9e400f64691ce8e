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
  type CollectionName,
} from '../sync-protocol/index.js';

/** Compiled validators, built once per gateway by the composition root. */
export interface Validators {
  documents: Record<CollectionName, ValidateFunction>;
  pushRequest: ValidateFunction;
  changesRequest: ValidateFunction;
  materialsHaveRequest: ValidateFunction;
  sessionRequest: ValidateFunction;
  /** A guide as an import file writes it (without the fields the gateway sets). */
  guideInput: ValidateFunction;
  guideImportFile: ValidateFunction;
}

export function createValidators(): Validators {
  const ajv = createAjv();
  return {
    documents: createDocumentValidators(ajv),
    pushRequest: ajv.compile(pushRequestSchema),
    changesRequest: ajv.compile(changesRequestSchema),
    materialsHaveRequest: ajv.compile(materialsHaveRequestSchema),
    sessionRequest: ajv.compile(sessionRequestSchema),
    guideInput: ajv.compile(guideInputSchema),
    guideImportFile: ajv.compile(guideImportFileSchema),
  };
}

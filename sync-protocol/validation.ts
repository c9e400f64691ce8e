import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { COLLECTIONS, type AreaDoc, type ApplicationDoc, type CollectionDocs, type CollectionName, type GuideDoc, type HouseholdDoc, type StatusDoc } from './schemas/index.js';

/** RxDB's own top-level schema keys: meaningful to RxDB, annotations to ajv. */
const RXDB_KEYWORDS = ['version', 'primaryKey', 'indexes', 'keyCompression', 'attachments', 'encrypted', 'internalIndexes', 'final'];

/** A validation problem, reduced to what a person can act on. */
export interface ValidationIssue {
  /** Dotted path of the field, e.g. `applicant.name`; `''` for the document itself. */
  field: string;
  /** Why, in plain words. */
  reason: string;
}

export type ValidationResult = { ok: true } | { ok: false; issues: ValidationIssue[] };

// ajv-formats is CommonJS; its default export arrives wrapped under Node's ESM loader.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

/** Creates an ajv instance configured for the protocol's schemas. */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv, ['date-time', 'date']);
  ajv.addVocabulary(RXDB_KEYWORDS);
  return ajv;
}

/** A compiled validator per collection; a document that passes is typed as its collection's document. */
export type DocumentValidators = { [K in CollectionName]: ValidateFunction<CollectionDocs[K]> };

/**
 * Compiled validators for every collection's documents. Compile once per
 * process (it is the expensive part) and share.
 */
export function createDocumentValidators(ajv: Ajv = createAjv()): DocumentValidators {
  return {
    areas: ajv.compile<AreaDoc>(COLLECTIONS.areas.schema),
    guides: ajv.compile<GuideDoc>(COLLECTIONS.guides.schema),
    applications: ajv.compile<ApplicationDoc>(COLLECTIONS.applications.schema),
    statuses: ajv.compile<StatusDoc>(COLLECTIONS.statuses.schema),
    households: ajv.compile<HouseholdDoc>(COLLECTIONS.households.schema),
  };
}

/**
 * Validates a replicated document (with its `_deleted` flag) against its
 * collection's schema. Replication metadata is not part of the schema.
 */
export function validateWireDocument(validate: ValidateFunction, doc: unknown): ValidationResult {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { ok: false, issues: [{ field: '', reason: 'must be an object' }] };
  }
  const { _deleted, ...body } = doc as Record<string, unknown>;
  if (_deleted !== undefined && typeof _deleted !== 'boolean') {
    return { ok: false, issues: [{ field: '_deleted', reason: 'must be a boolean' }] };
  }
  return validateWith(validate, body);
}

/** Runs a compiled validator and turns ajv's errors into issues. */
export function validateWith(validate: ValidateFunction, value: unknown): ValidationResult {
  if (validate(value)) return { ok: true };
  return { ok: false, issues: (validate.errors ?? []).map(toIssue) };
}

/** Turns one ajv error into a field path and a reason. */
export function toIssue(error: ErrorObject): ValidationIssue {
  const path = error.instancePath.split('/').filter(Boolean).map(unescapePointer);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') path.push(String(params.missingProperty));
  if (error.keyword === 'additionalProperties') path.push(String(params.additionalProperty));
  const reason = error.keyword === 'additionalProperties' ? 'is not an allowed field' : (error.message ?? error.keyword);
  return { field: path.join('.'), reason: error.keyword === 'required' ? 'is required' : reason };
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

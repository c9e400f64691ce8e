import { applicationSchema, type ApplicationDoc } from './application.js';
import { guideSchema, type GuideDoc } from './guide.js';
import { statusSchema, type StatusDoc } from './status.js';

export * from './application.js';
export * from './common.js';
export * from './guide.js';
export * from './status.js';

/**
 * The replicated collections and who may do what with them.
 * `public`: readable without an account. `pushable`: devices may write.
 */
export const COLLECTIONS = {
  guides: { schema: guideSchema, public: true, pushable: false },
  applications: { schema: applicationSchema, public: false, pushable: true },
  statuses: { schema: statusSchema, public: false, pushable: false },
} as const;

export type CollectionName = keyof typeof COLLECTIONS;

export interface CollectionDocs {
  guides: GuideDoc;
  applications: ApplicationDoc;
  statuses: StatusDoc;
}

export function isCollectionName(value: unknown): value is CollectionName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(COLLECTIONS, value);
}

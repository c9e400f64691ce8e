import { applicationSchema, type ApplicationDoc } from './application.js';
import { areaSchema, type AreaDoc } from './area.js';
import { guideSchema, type GuideDoc } from './guide.js';
import { statusSchema, type StatusDoc } from './status.js';

export * from './application.js';
export * from './area.js';
export * from './common.js';
export * from './guide.js';
export * from './status.js';

/**
 * The replicated collections and who may do what with them.
 * `public`: readable without an account. `pushable`: devices may write.
 * `partitionedByArea`: pull and stream take `area={code}` and answer only
 * that area's documents, each area with its own checkpoints; a device
 * replicates the areas of {@link areaChain} for the area its user picked.
 */
export const COLLECTIONS = {
  areas: { schema: areaSchema, public: true, pushable: false, partitionedByArea: false },
  guides: { schema: guideSchema, public: true, pushable: false, partitionedByArea: true },
  applications: { schema: applicationSchema, public: false, pushable: true, partitionedByArea: false },
  statuses: { schema: statusSchema, public: false, pushable: false, partitionedByArea: false },
} as const;

export type CollectionName = keyof typeof COLLECTIONS;

/** Every collection's name, for schemas that enumerate them (`Object.keys` is typed `string[]`; these are exactly the keys). */
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

export interface CollectionDocs {
  areas: AreaDoc;
  guides: GuideDoc;
  applications: ApplicationDoc;
  statuses: StatusDoc;
}

export function isCollectionName(value: unknown): value is CollectionName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(COLLECTIONS, value);
}

import { applicationSchema, type ApplicationDoc } from './application.js';
import { areaSchema, type AreaDoc } from './area.js';
import { guideSchema, type GuideDoc } from './guide.js';
import { householdSchema, type HouseholdDoc } from './household.js';
import { statusSchema, type StatusDoc } from './status.js';

export * from './application.js';
export * from './area.js';
export * from './common.js';
export * from './guide.js';
export * from './household.js';
export * from './status.js';

/**
 * The replicated collections and who may do what with them.
 * `public`: readable without an account. `pushable`: devices may write.
 * `partitionedByArea`: pull and stream take `area={code}` and answer only
 * that area's documents, each area with its own checkpoints; a device
 * replicates the areas of {@link areaChain} for the area its user picked.
 * `agentsOnly`: only village agents replicate it (others are FORBIDDEN, and
 * their devices do not ask).
 */
export const COLLECTIONS = {
  areas: { schema: areaSchema, public: true, pushable: false, partitionedByArea: false, agentsOnly: false },
  guides: { schema: guideSchema, public: true, pushable: false, partitionedByArea: true, agentsOnly: false },
  applications: { schema: applicationSchema, public: false, pushable: true, partitionedByArea: false, agentsOnly: false },
  statuses: { schema: statusSchema, public: false, pushable: false, partitionedByArea: false, agentsOnly: false },
  households: { schema: householdSchema, public: false, pushable: true, partitionedByArea: false, agentsOnly: true },
} as const;

export type CollectionName = keyof typeof COLLECTIONS;

/** Every collection's name, for schemas that enumerate them (`Object.keys` is typed `string[]`; these are exactly the keys). */
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

export interface CollectionDocs {
  areas: AreaDoc;
  guides: GuideDoc;
  applications: ApplicationDoc;
  statuses: StatusDoc;
  households: HouseholdDoc;
}

export function isCollectionName(value: unknown): value is CollectionName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(COLLECTIONS, value);
}

import { areaChain, AREA_CODE_PATTERN } from '../../../sync-protocol/index.js';

const AREA_CODE = new RegExp(AREA_CODE_PATTERN);

/**
 * The area feeds a phone replicates for the areas its person chose: the
 * union of each area's chain (its own guides and those of every area above
 * it), top first, without repeats. Codes that are not area codes are skipped
 * (a damaged setting must not stop the app).
 */
export function areaFeeds(chosen: readonly string[]): string[] {
  return [...new Set(chosen.filter((code) => AREA_CODE.test(code)).flatMap(areaChain))];
}

/** The feeds to drop when `removed` is no longer chosen: those no remaining area needs. */
export function feedsOnlyFor(removed: string, remaining: readonly string[]): string[] {
  const kept = new Set(areaFeeds(remaining));
  return areaFeeds([removed]).filter((code) => !kept.has(code));
}

import type { GuideDoc } from '../../sync-protocol/index.js';

/** Finds the guides submission rules need, by guide id; ids it does not hold are absent. */
export type FindRuleGuides = (guideIds: string[]) => Promise<Map<string, GuideDoc>>;

/** How long a guide (or its absence) is remembered for the submission rules. */
export const RULE_GUIDE_TTL_MS = 10_000;

interface Remembered {
  guide: GuideDoc | null;
  at: number;
}

/**
 * Remembers what `find` answered, per guide id, for `ttlMs`: reading every
 * area's guides database on each push of submitted applications cost more
 * store requests than the push itself. Staleness is safe in one direction
 * only, and that is the one it can take: rules apply when the application
 * names the very version held, so a guide published moments ago is at worst
 * checked as not held (the rules that need no guide), never refused wrongly.
 */
export function cacheRuleGuides(find: FindRuleGuides, options: { ttlMs?: number; now: () => number }): FindRuleGuides {
  const ttlMs = options.ttlMs ?? RULE_GUIDE_TTL_MS;
  const remembered = new Map<string, Remembered>();
  return async (guideIds) => {
    const now = options.now();
    const wanted = [...new Set(guideIds)];
    const stale = wanted.filter((id) => {
      const entry = remembered.get(id);
      return !entry || now - entry.at >= ttlMs;
    });
    if (stale.length > 0) {
      const found = await find(stale);
      for (const id of stale) remembered.set(id, { guide: found.get(id) ?? null, at: now });
      // Forget what expired long ago, so the map stays as small as the catalogue in use.
      for (const [id, entry] of remembered) if (now - entry.at >= 10 * ttlMs) remembered.delete(id);
    }
    const answer = new Map<string, GuideDoc>();
    for (const id of wanted) {
      const guide = remembered.get(id)?.guide;
      if (guide) answer.set(id, guide);
    }
    return answer;
  };
}

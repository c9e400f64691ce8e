/** One cached response as the budget sees it. */
export interface CachedEntry {
  url: string;
  bytes: number;
  /** When it was cached (ms since epoch). */
  cachedAt: number;
}

/**
 * The entries to evict so the cache holds at most `maxBytes`: oldest first,
 * and never the entry just added (`keepUrl`) unless it alone is over budget.
 */
export function chooseEvictions(entries: readonly CachedEntry[], maxBytes: number, keepUrl?: string): string[] {
  let total = entries.reduce((sum, e) => sum + e.bytes, 0);
  const evict: string[] = [];
  const kept = entries.find((e) => e.url === keepUrl);
  // An entry over the whole budget goes first, alone: evicting others could never make room for it.
  const keepable = !kept || kept.bytes <= maxBytes;
  const oldestFirst = [...entries].sort((a, b) => Number(b === kept && !keepable) - Number(a === kept && !keepable) || a.cachedAt - b.cachedAt || a.url.localeCompare(b.url));
  for (const entry of oldestFirst) {
    if (total <= maxBytes) break;
    if (entry === kept && keepable) continue;
    evict.push(entry.url);
    total -= entry.bytes;
  }
  return evict;
}

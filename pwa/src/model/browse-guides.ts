import type { GuideDoc } from '../../../sync-protocol/index.js';
import type { SearchHit, SearchIndex } from '../search/index.js';

export interface BrowseFilter {
  query: string;
  audience: '' | '个人' | '法人';
  /** `event:{life event}`, `dept:{department}` or ''. */
  category: string;
}

export interface BrowseResult {
  guide: GuideDoc;
  /** Set while searching: the term that matched, for highlighting. */
  hit?: SearchHit;
}

/** The categories to offer, from the guides on the phone: life events and departments, each sorted. */
export function categoriesOf(guides: readonly GuideDoc[]): { lifeEvents: string[]; departments: string[] } {
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return { lifeEvents: sorted(guides.flatMap((g) => g.lifeEvents ?? [])), departments: sorted(guides.map((g) => g.department)) };
}

/**
 * The guides list: searched (best match first) when there is a query, else
 * by name; narrowed by audience and category either way.
 */
export function browseGuides(guides: readonly GuideDoc[], index: SearchIndex, filter: BrowseFilter): BrowseResult[] {
  const fits = (g: GuideDoc) =>
    (!filter.audience || g.audience.includes(filter.audience)) &&
    (!filter.category ||
      (filter.category.startsWith('event:') && (g.lifeEvents ?? []).includes(filter.category.slice(6))) ||
      (filter.category.startsWith('dept:') && g.department === filter.category.slice(5)));
  if (filter.query.trim()) {
    const byId = new Map(guides.map((g) => [g.id, g]));
    return index
      .search(filter.query)
      .map((hit) => ({ guide: byId.get(hit.guideId)!, hit }))
      .filter((r) => r.guide && fits(r.guide));
  }
  return guides.filter(fits).map((guide) => ({ guide }));
}

/** Splits a text around [start, end) for highlighting. */
export function splitHighlight(text: string, start: number, end: number): [string, string, string] {
  const chars = Array.from(text);
  return [chars.slice(0, start).join(''), chars.slice(start, end).join(''), chars.slice(end).join('')];
}

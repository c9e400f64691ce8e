import type { DocumentStore } from '../store/store.js';

export interface GuideListing {
  id: string;
  area: string;
  name: string;
  version: number;
  withdrawn: boolean;
}

const PAGE = 200;

/** Every guide stored in the given area, or in every area, sorted by area then id (tombstones included, marked). */
export async function listGuides(deps: { documents: DocumentStore }, area?: string): Promise<GuideListing[]> {
  const areas = area ? [area] : await deps.documents.listAreaPartitions('guides');
  const rows: GuideListing[] = [];
  for (const code of areas.sort()) {
    const latest = new Map<string, GuideListing>();
    let seq = '0';
    for (;;) {
      const page = await deps.documents.pullChanges({ collection: 'guides', area: code }, seq, PAGE);
      for (const doc of page.documents) {
        latest.set(doc._id, { id: doc._id, area: code, name: String(doc.data.name), version: Number(doc.data.version), withdrawn: doc.deleted });
      }
      seq = page.seq;
      if (page.documents.length < PAGE) break;
    }
    rows.push(...[...latest.values()].sort((a, b) => (a.id < b.id ? -1 : 1)));
  }
  return rows;
}

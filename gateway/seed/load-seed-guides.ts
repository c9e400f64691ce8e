import { readFileSync } from 'node:fs';

/** Location of the bundled guides published on start-up. */
export const SEED_GUIDES_URL = new URL('./guides.json', import.meta.url);

/** Reads the bundled guides; they are validated when seeded. */
export function loadSeedGuides(url: URL = SEED_GUIDES_URL): unknown[] {
  const guides: unknown = JSON.parse(readFileSync(url, 'utf8'));
  if (!Array.isArray(guides)) throw new Error(`${url.pathname} must hold a JSON array of guides`);
  return guides;
}

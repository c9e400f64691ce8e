import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ImportSource } from '../commands/import-guides.js';

/** The bundled catalogue, imported on start-up when seeding is on: areas first, then guides (import format). */
export const CATALOGUE_FILES = [new URL('./catalogue/areas.json', import.meta.url), new URL('./catalogue/guides.json', import.meta.url)];

/** Reads the bundled catalogue's files as import sources; they are checked by the import itself. */
export function loadCatalogue(files: URL[] = CATALOGUE_FILES): ImportSource[] {
  return files.map((url) => ({ text: readFileSync(url, 'utf8'), name: fileURLToPath(url).split('/gateway/').pop() }));
}

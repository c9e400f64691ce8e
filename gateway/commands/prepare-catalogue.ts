import type { Logger } from '../logger.js';
import { isProblem } from '../problem.js';
import { rollForwardImports } from './apply-import-writes.js';
import { importGuides, type ImportDeps, type ImportSource } from './import-guides.js';

/**
 * At start-up: finishes imports a previous run left half applied, then
 * imports the bundled catalogue when given one (seeding on). A restart finds
 * the catalogue unchanged and writes nothing. Logs ids and counts, never bodies.
 */
export async function prepareCatalogue(deps: ImportDeps & { logger: Logger }, catalogue: ImportSource[] | null): Promise<void> {
  const { logger, lock } = deps;
  const now = () => deps.clock.now().toISOString();
  const rolled = await lock.run(() => rollForwardImports({ ...deps, now }));
  if (rolled.length > 0) logger.warn({ imports: rolled }, 'finished guide imports left half applied');
  if (!catalogue) return;
  try {
    const { result, journalId, written } = await importGuides(deps, catalogue);
    const areas = result.areas;
    logger.info(
      {
        journalId,
        written,
        created: result.created.length,
        updated: result.updated.length,
        unchanged: result.unchanged.length,
        areas: areas ? { created: areas.created.length, updated: areas.updated.length, unchanged: areas.unchanged.length } : undefined,
      },
      'catalogue seeded',
    );
  } catch (error) {
    if (isProblem(error) && error.problems) logger.error({ problems: error.problems }, 'the bundled catalogue was refused');
    throw error;
  }
}

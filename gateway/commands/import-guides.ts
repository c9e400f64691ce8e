import { randomBytes } from 'node:crypto';
import type { GuideImportResult } from '../../sync-protocol/index.js';
import type { Clock } from '../clock.js';
import { Problem } from '../problem.js';
import type { DocumentStore, ImportJournalStore } from '../store/store.js';
import type { Validators } from '../validators.js';
import { applyJournalEntry, rollForwardImports } from './apply-import-writes.js';
import { checkImportFile, mergeImportFiles, parseImportText } from './check-import-file.js';
import type { ImportLock } from './import-lock.js';
import { planGuideImport } from './plan-guide-import.js';
import { readImportState } from './read-import-state.js';

export interface ImportDeps {
  documents: DocumentStore;
  imports: ImportJournalStore;
  clock: Clock;
  validators: Validators;
  lock: ImportLock;
}

/** One import file as read: its text and, for the CLI, its path (named in problems). */
export interface ImportSource {
  text: string;
  name?: string;
}

/** What an import did, for the logs: counts and the journal entry, never bodies. */
export interface ImportOutcome {
  result: GuideImportResult;
  /** Journal entry id; absent when nothing had to be written. */
  journalId?: string;
  written: number;
  /** Imports a previous run left half applied, finished first. */
  rolledForward: string[];
}

/**
 * Publishes an import file (several files are joined: the seed's areas and
 * guides). Everything is checked before anything is written; any problem
 * refuses the whole file with IMPORT_INVALID listing every problem. The
 * writes are journalled first and applied idempotently, so an import that
 * stops half way is finished by the next start or the next import.
 */
export async function importGuides(deps: ImportDeps, sources: ImportSource[]): Promise<ImportOutcome> {
  return deps.lock.run(async () => {
    const now = () => deps.clock.now().toISOString();
    const rolled = await rollForwardImports({ ...deps, now });

    const parsed = sources.map((source) => parseImportText(source.text, source.name));
    const unreadable = parsed.flatMap((answer) => (answer.ok ? [] : answer.problems));
    if (unreadable.length > 0) throw new Problem('IMPORT_INVALID', { problems: unreadable });
    const check = checkImportFile(deps.validators, mergeImportFiles(parsed.map((answer) => (answer.ok ? answer.value : null))));

    const at = now();
    const plan = planGuideImport(check.file, await readImportState(deps.documents, check.file, at));
    const problems = [...check.problems, ...(plan.ok ? [] : plan.problems)];
    if (problems.length > 0 || !plan.ok) throw new Problem('IMPORT_INVALID', { problems });
    const rolledForward = rolled.map((entry) => entry.id);
    if (plan.writes.length === 0) return { result: plan.result, written: 0, rolledForward };

    const entry = await deps.imports.create({
      id: `${at}-${randomBytes(4).toString('hex')}`,
      state: 'applying',
      createdAt: at,
      writes: plan.writes,
      result: plan.result,
    });
    const { written } = await applyJournalEntry({ ...deps, now }, entry);
    return { result: plan.result, journalId: entry.id, written, rolledForward };
  });
}

/** Withdraws published guides: an import of nothing but `withdraw`. */
export function withdrawGuides(deps: ImportDeps, ids: string[]): Promise<ImportOutcome> {
  return importGuides(deps, [{ text: JSON.stringify({ withdraw: ids }) }]);
}

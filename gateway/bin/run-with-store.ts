import { readConfig } from '../config.js';
import { serializeError } from '../logger.js';
import { isProblem, type Problem } from '../problem.js';
import { describeStore, openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';

/**
 * The frame of every operator CLI: open the configured store (COUCHDB_URL or
 * the embedded one), run the work, report a failure on stderr in words an
 * operator can act on, and always close the store. Answers the exit code.
 */
export async function runWithStore(work: (store: Store) => Promise<void>, reportProblem: (problem: Problem) => void = printProblem): Promise<number> {
  const config = readConfig();
  let store: Store;
  try {
    store = await openStore(config);
  } catch (error) {
    console.error(`cannot open the ${describeStore(config)}: ${String(serializeError(error).message)}`);
    if (!config.couchUrl) console.error('Is a gateway running on this data directory? Stop it first.');
    return 1;
  }
  try {
    await work(store);
    return 0;
  } catch (error) {
    if (isProblem(error)) reportProblem(error);
    else console.error(String(serializeError(error).message));
    return 1;
  } finally {
    await store.close();
  }
}

/** `CODE (field): detail`, then every listed problem of a whole-file refusal. */
export function printProblem(problem: Problem): void {
  console.error(`${problem.code}${problem.field ? ` (${problem.field})` : ''}: ${problem.detail ?? problem.message}`);
  for (const item of problem.problems ?? []) console.error(`  ${item.item}  ${item.field || '(whole item)'}  ${item.reason}`);
}

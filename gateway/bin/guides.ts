/**
 * Operator CLI for the guide catalogue: `npm run guides -- <command>`.
 * Uses the gateway's store configuration (COUCHDB_URL, or the embedded store
 * in TB_DATA_DIR), like the accounts CLI.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { GuideImportResult } from '../../sync-protocol/index.js';
import { createSystemClock } from '../clock.js';
import { importGuides, withdrawGuides, type ImportDeps, type ImportOutcome } from '../commands/import-guides.js';
import { createImportLock } from '../commands/import-lock.js';
import { listGuides } from '../commands/list-guides.js';
import type { Store } from '../store/store.js';
import { runWithStore } from './run-with-store.js';
import { createValidators } from '../validators.js';

const HELP = `通办 guides

Usage: npm run guides -- <command> [options]

  import FILE [FILE…]   publish an import file ({ areas?, guides?, withdraw? }); several
                        files are joined (e.g. areas.json guides.json). Any problem refuses
                        everything and lists every problem.
  withdraw ID [ID…]     withdraw published guides (devices receive a deletion)
  list [--area CODE]    list guides: area, id, version, name (withdrawn ones marked)

Store: COUCHDB_URL when set, else the embedded store in TB_DATA_DIR (default .data).
Stop a gateway running on the same embedded data directory first; against
CouchDB, prefer POST /v1/admin/guides/import on the running gateway.
`;

function printOutcome({ result, journalId, rolledForward }: ImportOutcome): void {
  if (rolledForward.length > 0) console.log(`finished ${rolledForward.length} earlier import(s) left half applied: ${rolledForward.join(', ')}`);
  const line = (label: string, ids: string[]) => console.log(`${label.padEnd(10)} ${ids.length}${ids.length > 0 ? `  ${ids.join(' ')}` : ''}`);
  const areas: GuideImportResult['areas'] = result.areas;
  if (areas) console.log(`areas      ${areas.created.length} created, ${areas.updated.length} updated, ${areas.unchanged.length} unchanged`);
  line('created', result.created);
  line('updated', result.updated);
  line('unchanged', result.unchanged);
  line('withdrawn', result.withdrawn);
  console.log(journalId ? `journal ${journalId}` : 'nothing to write');
}

async function run(command: string, args: string[], options: { area?: string }, store: Store): Promise<void> {
  const deps: ImportDeps = {
    documents: store.documents,
    imports: store.imports,
    clock: createSystemClock(),
    validators: createValidators(),
    lock: createImportLock({ leases: store.imports, clock: createSystemClock(), holder: `cli-${process.pid}` }),
  };
  switch (command) {
    case 'import': {
      if (args.length === 0) throw new Error('import needs a FILE');
      printOutcome(
        await importGuides(
          deps,
          args.map((path) => ({ text: readFileSync(path, 'utf8'), name: path })),
        ),
      );
      return;
    }
    case 'withdraw': {
      if (args.length === 0) throw new Error('withdraw needs at least one guide id');
      printOutcome(await withdrawGuides(deps, args));
      return;
    }
    case 'list': {
      const rows = await listGuides(deps, options.area);
      if (rows.length === 0) console.log('no guides');
      for (const row of rows) console.log([row.area.padEnd(9), row.id.padEnd(44), `v${row.version}`.padEnd(5), row.withdrawn ? '[withdrawn] ' : '', row.name].join(' '));
      return;
    }
    default:
      throw new Error(`unknown command: ${command}`);
  }
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { area: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, ...args] = positionals;
  if (values.help || !command || command === 'help') {
    console.log(HELP);
    return command && command !== 'help' ? 1 : 0;
  }
  return runWithStore((store) => run(command, args, values, store));
}

main().then((code) => process.exit(code));

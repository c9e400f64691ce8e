/**
 * Operator CLI for deliveries to the provincial platform: `npm run outbox -- <command>`.
 * Uses the gateway's store configuration (COUCHDB_URL, or the embedded store in TB_DATA_DIR).
 */
import { parseArgs } from 'node:util';
import { createSystemClock } from '../clock.js';
import { retryDeadLetters } from '../commands/retry-dead-letters.js';
import type { Store } from '../store/store.js';
import type { OutboxEntry } from '../domain/outbox-entry.js';
import { runWithStore } from './run-with-store.js';

const HELP = `通办 outbox (deliveries to the provincial platform)

Usage: npm run outbox -- <command>

  list             backlog figures, then the pending entries (id, attempts, next attempt, last error)
  dead             dead letters with their reasons
  retry ID [ID…]   put dead letters back in the queue (attempts reset, due now)
  retry-all-dead   put every dead letter back in the queue

Store: COUCHDB_URL when set, else the embedded store in TB_DATA_DIR (default .data).
With the embedded store, stop the gateway first; against CouchDB the running
gateways pick requeued entries up on their next round.
`;

function line(entry: OutboxEntry, extra: string): string {
  return [entry._id.padEnd(60), String(entry.attempts).padStart(3), extra].join('  ');
}

async function run(command: string, args: string[], store: Store): Promise<void> {
  const clock = createSystemClock();
  switch (command) {
    case 'list': {
      const backlog = await store.outbox.backlog(clock.now());
      console.log(`pending ${backlog.pending}, dead ${backlog.dead}, done ${backlog.done}, oldest pending ${backlog.oldestPendingSeconds ?? '-'} s`);
      for (const entry of await store.outbox.list('pending')) console.log(line(entry, `${entry.nextAttemptAt}  ${entry.lastError ?? ''}`));
      return;
    }
    case 'dead': {
      const dead = await store.outbox.list('dead');
      if (dead.length === 0) console.log('no dead letters');
      for (const entry of dead) console.log(line(entry, `${entry.deadAt ?? ''}  ${entry.deadReason ?? ''}`));
      return;
    }
    case 'retry':
    case 'retry-all-dead': {
      if (command === 'retry' && args.length === 0) throw new Error('retry needs at least one entry id (see: npm run outbox -- dead)');
      const { requeued, skipped } = await retryDeadLetters({ outbox: store.outbox, clock }, command === 'retry' ? args : 'all');
      console.log(`requeued ${requeued.length}${requeued.length ? `  ${requeued.join(' ')}` : ''}`);
      if (skipped.length > 0) console.log(`not dead letters (left alone): ${skipped.join(' ')}`);
      return;
    }
    default:
      throw new Error(`unknown command: ${command}`);
  }
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  const [command, ...args] = positionals;
  if (values.help || !command || command === 'help') {
    console.log(HELP);
    return command && command !== 'help' ? 1 : 0;
  }
  return runWithStore((store) => run(command, args, store));
}

main().then((code) => process.exit(code));

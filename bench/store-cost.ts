/**
 * `npm run bench:store-cost`: what each database costs the embedded store
 * (express-pouchdb on LevelDB, inside the gateway's process). Creates N user
 * databases with one document each (N = 100, 500, 1,000, 2,000, cumulative),
 * printing resident memory and open file descriptors beside the empty
 * store's baseline and the time per database; then starts the store again
 * in a fresh process and opens them all again (a first request opens a
 * database): what a restart, or closing idle databases, costs. Not part of `npm test`;
 * `--counts 100,500` chooses the steps. Linux only (reads /proc/self/fd).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import nano, { type ServerScope } from 'nano';
import { startEmbeddedCouch, type EmbeddedCouch } from '../gateway/store/embedded-couch.js';

const DEFAULT_COUNTS = [100, 500, 1_000, 2_000];
/** Requests in flight at once, as a busy gateway would have. */
const CONCURRENCY = 8;
const MB = 1024 * 1024;

interface Sample {
  label: string;
  databases: number;
  rssMb: number;
  fds: number;
  msPerDb?: number;
}

function parseCounts(argv: string[]): number[] {
  const at = argv.indexOf('--counts');
  if (at < 0) return DEFAULT_COUNTS;
  const counts = argv[at + 1]?.split(',').map(Number) ?? [];
  if (counts.length === 0 || counts.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('--counts takes positive integers, e.g. 100,500');
  return [...counts].sort((a, b) => a - b);
}

function measure(label: string, databases: number, msPerDb?: number): Sample {
  (globalThis as { gc?: () => void }).gc?.();
  return { label, databases, rssMb: process.memoryUsage().rss / MB, fds: readdirSync('/proc/self/fd').length, msPerDb };
}

const dbName = (i: number) => `tb_u_bench${String(i).padStart(5, '0')}_applications`;

/** Runs `work(i)` for i in [from, to), CONCURRENCY at a time; answers ms per item. */
async function timed(from: number, to: number, work: (i: number) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  let next = from;
  const worker = async () => {
    while (next < to) await work(next++);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return (performance.now() - started) / Math.max(1, to - from);
}

async function createDatabase(couch: ServerScope, i: number): Promise<void> {
  await couch.db.create(dbName(i));
  await couch.use<{ data: object }>(dbName(i)).insert({ _id: `app-${i}`, data: { status: 'draft', note: 'x'.repeat(400) } });
}

function print(samples: Sample[], baseline: Sample): void {
  console.log('| step | databases | RSS MB | +RSS per db KB | open fds | +fds per db | ms per db |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const s of samples) {
    const perDb = s.databases > 0 ? (x: number) => x / s.databases : () => 0;
    const rssPerDbKb = perDb((s.rssMb - baseline.rssMb) * 1024);
    const fdsPerDb = perDb(s.fds - baseline.fds);
    console.log(`| ${s.label} | ${s.databases} | ${s.rssMb.toFixed(0)} | ${rssPerDbKb.toFixed(0)} | ${s.fds} | ${fdsPerDb.toFixed(1)} | ${s.msPerDb?.toFixed(1) ?? '-'} |`);
  }
}

/** In a fresh process: starts the store on `dataDir` and opens its databases again, step by step. */
async function reopen(dataDir: string, counts: number[]): Promise<void> {
  const store = await startEmbeddedCouch(dataDir);
  try {
    const couch = nano({ url: store.url });
    await couch.info();
    const restarted = measure('restarted, none opened', 0);
    const reopened: Sample[] = [restarted];
    let opened = 0;
    for (const count of counts) {
      const ms = await timed(opened, count, (i) => couch.use(dbName(i)).info());
      opened = count;
      reopened.push(measure('opened again', opened, ms));
    }
    console.log(`\nAfter a restart (a fresh process): the first request to each database opens it:\n`);
    print(reopened, restarted);
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const counts = parseCounts(args);
  const reopenAt = args.indexOf('--reopen');
  if (reopenAt >= 0) return reopen(args[reopenAt + 1], counts);
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-store-cost-'));
  let store: EmbeddedCouch | null = null;
  try {
    store = await startEmbeddedCouch(dataDir);
    const couch = nano({ url: store.url });
    await couch.info();
    const baseline = measure('empty store', 0);
    const created: Sample[] = [baseline];
    let have = 0;
    for (const count of counts) {
      const ms = await timed(have, count, (i) => createDatabase(couch, i));
      have = count;
      created.push(measure('created', have, ms));
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    created.push(measure('2 s idle', have));
    console.log(`\nCreating databases (one document each), ${CONCURRENCY} requests at a time:\n`);
    print(created, baseline);

    await store.close();
    store = null;
    // A fresh process: the first one's heap would hide what reopening costs.
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], '--reopen', dataDir, '--counts', counts.join(',')], { stdio: 'inherit' });
    if (child.status !== 0) throw new Error(`the reopening process failed with ${child.status ?? child.signal}`);
    console.log('\nexpress-pouchdb keeps every database it opened open until the process ends (PouchDB.__dbCacheMap).');
  } finally {
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();

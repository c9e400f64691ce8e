/**
 * `npm run bench:storm`: a county reconnecting at once (issue 11). Every
 * account pushes its applications at the same moment while a live stream per
 * account is open; printed beside raw nano `_bulk_docs` of the same documents
 * into the same store, measured in the same run.
 *
 * Three processes, so each figure is the gateway's own: the embedded store
 * (bench/storm-store.ts; or `--couch URL`, an external CouchDB), the gateway
 * (gateway/bin/start.ts, its RSS read from /proc), and this one, the load.
 *
 *   npm run bench:storm -- [--accounts 1000] [--apps 5] [--streams N] [--couch URL] [--seed N] [--profile-gateway DIR] [--heap-gateway DIR] [--gateway-node-options OPTS]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createDbNames } from '../gateway/store/db-names.js';
import { openStore } from '../gateway/store/open-store.js';
import { formatStorm } from './storm-figures.js';
import { tallyDifference } from './storm-request-shape.js';
import { checkLandedOnce, createDatabases, createStormAccounts, openStreams, pushStorm, rawBulkDocs } from './storm-load.js';

/** A stream that did not answer 200 in this time counts as not opened (the "within a few seconds"). */
const STREAM_OPEN_MS = 10_000;
const RSS_SAMPLE_MS = 250;
/** Once the streams are open, the gateway's RSS is read after this pause (the figure the 250 MB target is about). */
const STREAMS_SETTLE_MS = 3_000;

const { values: flags } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000' },
    apps: { type: 'string', default: '5' },
    streams: { type: 'string' },
    couch: { type: 'string' },
    seed: { type: 'string', default: '20261203' },
    /** Writes a V8 CPU profile of the gateway process into this directory (open it in Chrome's DevTools). */
    'profile-gateway': { type: 'string' },
    /** Extra Node options for the gateway process, space-separated (e.g. `--max-semi-space-size=2`), to measure V8 flags. */
    'gateway-node-options': { type: 'string' },
    /** Writes a V8 heap snapshot of the gateway process into this directory once the streams are open, before the storm. */
    'heap-gateway': { type: 'string' },
  },
});
const accountsCount = Number(flags.accounts);
const apps = Number(flags.apps);
const streams = flags.streams === undefined ? accountsCount : Number(flags.streams);
const seed = Number(flags.seed);

/** Resident set size of a process in MB, from /proc (Linux). */
function rssMb(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return Number.NaN; // the process is gone: its exit is reported apart
  }
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** Starts `node --import tsx <script>` and resolves with the first stdout line `pick` accepts. */
function startChild(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  pick: (line: string) => string | null,
  nodeArgs: string[] = [],
): Promise<{ child: ChildProcess; value: string; lines: Interface }> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
  // However this bench ends, its children end with it.
  process.once('exit', () => child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    let ready = false;
    lines.on('line', (line) => {
      const value = ready ? null : pick(line);
      if (value) {
        ready = true;
        resolve({ child, value, lines });
      } else if (ready && line.trim() && !line.startsWith('{')) console.error(`[${script}] ${line.slice(0, 500)}`);
    });
    child.once('exit', (code, signal) => {
      reject(new Error(`${script} exited with ${code ?? signal} before it was ready`));
      if (!stopping.has(child)) console.error(`${script} exited with ${code ?? signal}`);
    });
  });
}

/** The embedded store's round trips so far, by request shape (bench/storm-store.ts answers a `tally` line). */
function askTally(store: { child: ChildProcess; lines: Interface } | undefined): Promise<Record<string, number>> {
  if (!store) return Promise.resolve({});
  return new Promise((resolve) => {
    const onLine = (line: string) => {
      if (!line.startsWith('{"tally"')) return;
      store.lines.off('line', onLine);
      resolve((JSON.parse(line) as { tally: Record<string, number> }).tally);
    };
    store.lines.on('line', onLine);
    store.child.stdin!.write('tally\n');
  });
}

/** Children this bench is stopping itself: their exit is expected. */
const stopping = new Set<ChildProcess>();

function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  stopping.add(child);
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-storm-'));
  const prefix = `storm${Date.now().toString(36)}`;
  let storeChild: ChildProcess | undefined;
  let storeLines: Interface | undefined;
  let gatewayChild: ChildProcess | undefined;
  try {
    let couchUrl = flags.couch;
    if (!couchUrl) {
      const started = await startChild('bench/storm-store.ts', [join(dataDir, 'store')], {}, (line) => (line.startsWith('{') ? (JSON.parse(line) as { url: string }).url : null));
      storeChild = started.child;
      storeLines = started.lines;
      couchUrl = started.value;
    }
    const store = await openStore({ couchUrl, dataDir, dbPrefix: prefix });
    const names = createDbNames(prefix);
    const rawNames = createDbNames(`${prefix}raw`);
    console.log(`preparing ${accountsCount} accounts × ${apps} applications…`);
    const accounts = await createStormAccounts(store, accountsCount, apps, seed);
    await createDatabases(
      store.couch,
      accounts.flatMap((a) => [names.userDb(a.userId, 'applications'), names.userMaterials(a.userId), rawNames.userDb(a.userId, 'applications')]),
    );
    const documents = accountsCount * apps;

    const counted = storeChild && storeLines ? { child: storeChild, lines: storeLines } : undefined;
    console.log('raw _bulk_docs…');
    const beforeRaw = await askTally(counted);
    const raw = await rawBulkDocs(store.couch, rawNames, accounts);
    const rawRequests = tallyDifference(beforeRaw, await askTally(counted));
    if (raw.documents !== documents) throw new Error(`raw baseline stored ${raw.documents} of ${documents}`);

    const gateway = await startChild(
      'gateway/bin/start.ts',
      [],
      {
        COUCHDB_URL: couchUrl,
        TB_DB_PREFIX: prefix,
        TB_SEED: '0',
        TB_FORWARDER: '0',
        PORT: '0',
        LOG_LEVEL: 'warn',
        TB_DATA_DIR: join(dataDir, 'gateway'),
        TB_STATIC_DIR: join(dataDir, 'no-app'),
      },
      (line) => /gateway: (http:\/\/\S+)/.exec(line)?.[1] ?? null,
      [
        ...(flags['profile-gateway'] ? ['--cpu-prof', `--cpu-prof-dir=${flags['profile-gateway']}`] : []),
        ...(flags['heap-gateway'] ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${flags['heap-gateway']}`] : []),
        ...(flags['gateway-node-options']?.split(' ').filter(Boolean) ?? []),
      ],
    );
    gatewayChild = gateway.child;
    const baseUrl = gateway.value;
    const idleRss = rssMb(gatewayChild.pid);
    const peak = { gateway: idleRss, store: rssMb(storeChild?.pid) };
    const sampler = setInterval(() => {
      peak.gateway = Math.max(peak.gateway, rssMb(gatewayChild?.pid));
      if (storeChild) peak.store = Math.max(peak.store, rssMb(storeChild.pid));
    }, RSS_SAMPLE_MS);

    console.log(`opening ${streams} live streams…`);
    const open = await openStreams(baseUrl, accounts, streams, STREAM_OPEN_MS);
    await new Promise((resolve) => setTimeout(resolve, STREAMS_SETTLE_MS));
    const streamsOpenRss = rssMb(gatewayChild.pid);
    if (flags['heap-gateway']) await takeHeapSnapshot(gatewayChild, flags['heap-gateway']);
    console.log(`storm: ${accountsCount} pushes at once…`);
    const beforeStorm = await askTally(counted);
    const storm = await pushStorm(baseUrl, accounts);
    const stormRequests = tallyDifference(beforeStorm, await askTally(counted));
    const afterStorm = rssMb(gatewayChild.pid);
    clearInterval(sampler);
    const landed = await checkLandedOnce(store.couch, names, accounts);
    open.close();

    for (const line of formatStorm({
      accounts: accountsCount,
      apps,
      streams,
      store: flags.couch ? 'external CouchDB' : 'embedded store (own process)',
      rawDocsPerSecond: documents / (raw.wallMs / 1000),
      rawWallMs: raw.wallMs,
      gatewayDocsPerSecond: documents / (storm.wallMs / 1000),
      gatewayWallMs: storm.wallMs,
      answers: storm.answers,
      failed: storm.failed.length,
      landed,
      streamsOpened: open.opened,
      gatewayRssMb: { beforeStreams: idleRss, withStreams: streamsOpenRss, afterStorm, peak: Math.max(peak.gateway, afterStorm) },
      ...(storeChild ? { storeRssMb: { peak: peak.store }, storeRequests: { raw: rawRequests, gateway: stormRequests } } : {}),
    }))
      console.log(line);
    if (storm.failed.length > 0) console.log(`  first failures: ${JSON.stringify(storm.failed.slice(0, 3))}`);

    await stopChild(gatewayChild);
    if (flags.couch) await dropDatabases(store, [prefix, `${prefix}raw`]);
    await store.close();
  } finally {
    await stopChild(gatewayChild);
    await stopChild(storeChild);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Signals the gateway (started with --heapsnapshot-signal) and waits until its snapshot file stops growing. */
async function takeHeapSnapshot(child: ChildProcess, dir: string): Promise<void> {
  const before = new Set(readdirSync(dir));
  child.kill('SIGUSR2');
  let lastSize = -1;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const file = readdirSync(dir).find((name) => name.endsWith('.heapsnapshot') && !before.has(name));
    if (!file) continue;
    const size = statSync(join(dir, file)).size;
    if (size > 0 && size === lastSize) {
      console.log(`heap snapshot of the gateway: ${join(dir, file)}`);
      return;
    }
    lastSize = size;
  }
}

/** On an external CouchDB, removes every database of this run. */
async function dropDatabases(store: Awaited<ReturnType<typeof openStore>>, prefixes: string[]): Promise<void> {
  const all = await store.couch.db.list();
  const mine = all.filter((name) => prefixes.some((p) => name.startsWith(`${p}_`)));
  for (const name of mine) await store.couch.db.destroy(name);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

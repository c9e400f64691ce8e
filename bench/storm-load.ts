/**
 * The load of a county reconnecting at once, shared by `npm run bench:storm`
 * and its small integration test: accounts with open sessions, realistic
 * applications, every account pushing at the same moment through the
 * device's own gateway client (gzip, protocol header, Retry-After honoured
 * with jitter), and the check that every document landed exactly once,
 * read from the store's documents (never its sequences).
 */
import type { ServerScope } from 'nano';
import { sameClientContent, type ApplicationDoc, type WireDocument } from '../sync-protocol/index.js';
import { hashPassword } from '../gateway/commands/password.js';
import { createBearerToken, createUserId, hashToken } from '../gateway/commands/tokens.js';
import type { DbNames } from '../gateway/store/db-names.js';
import { isStoredDocument, toStoredDocument, toWireDocument, type StoredDocument } from '../gateway/domain/stored-document.js';
import type { Store } from '../gateway/store/store.js';
import { createGatewayClient } from '../device-core/client/gateway-client.js';
import { GatewayError } from '../device-core/client/gateway-error.js';
import { retryDelay, withRetryAfter } from '../device-core/retry/retry.js';
import { DEFAULT_RETRY_TIME_MS } from '../pwa/src/sync/start-replication.js';
import { sampleApplications } from './transfer/sample-applications.js';

/** An application as pushed; the wire type of the gateway's own push path. */
type Application = WireDocument<ApplicationDoc>;

export interface StormAccount {
  userId: string;
  token: string;
  applications: Application[];
}

/** How many requests run at once while preparing (not part of any figure). */
const SETUP_CONCURRENCY = 50;
/** A push is retried this often at most when the gateway says "later"; far more than a storm needs. */
const PUSH_ATTEMPTS = 100;
/** A push whose gateway was not reached is sent again this often at most, after the device's retry time. */
const OFFLINE_ROUNDS = 5;

/** Runs `work` over `items`, `concurrency` at a time. */
export async function inParallel<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/**
 * Accounts with a session each, written straight into the store through its
 * interfaces (one scrypt hash for all: sign-in is not what the storm measures),
 * each with `apps` applications of its own.
 */
export async function createStormAccounts(store: Store, count: number, apps: number, seed: number): Promise<StormAccount[]> {
  const passwordHash = await hashPassword('storm-password');
  const documents = sampleApplications(count * apps, seed);
  const now = new Date();
  const accounts: StormAccount[] = Array.from({ length: count }, (_, i) => ({
    userId: createUserId(),
    token: createBearerToken(),
    applications: documents.slice(i * apps, (i + 1) * apps),
  }));
  await inParallel(accounts, SETUP_CONCURRENCY, async (account, i) => {
    const login = `storm-${seed}-${i}`;
    await store.accounts.create({
      login,
      userId: account.userId,
      displayName: `村民${i}`,
      role: 'applicant',
      passwordHash,
      disabled: false,
      tokenGeneration: 1,
      createdAt: now.toISOString(),
    });
    await store.sessions.create({
      tokenHash: hashToken(account.token),
      login,
      userId: account.userId,
      tokenGeneration: 1,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
    });
  });
  return accounts;
}

/** Creates databases ahead of the storm: the accounts existed, and synced, before the outage. */
export async function createDatabases(couch: ServerScope, names: string[]): Promise<void> {
  await inParallel(names, SETUP_CONCURRENCY, async (name) => {
    await couch.db.create(name).catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 412) throw error;
    });
  });
}

/** One answer the gateway gave to a push attempt. */
export interface PushAnswer {
  status: number;
  /** Only for refusals: the Retry-After it carried, in ms. */
  retryAfterMs?: number;
  ms: number;
}

export interface StormResult {
  /** Wall time from the first push sent to the last push accepted. */
  wallMs: number;
  answers: PushAnswer[];
  /** Pushes that never landed (an error other than "retry later", or out of attempts). */
  failed: { userId: string; status: number; code: string }[];
}

/** Every account pushes all its applications at once (one push each, as RxDB hands them: ≤ 100 rows). */
export async function pushStorm(baseUrl: string, accounts: StormAccount[]): Promise<StormResult> {
  const answers: PushAnswer[] = [];
  const failed: StormResult['failed'] = [];
  const started = performance.now();
  await Promise.all(
    accounts.map(async (account) => {
      const client = createGatewayClient({ baseUrl, getToken: () => account.token });
      const rows = account.applications.map((doc) => ({ assumedMasterState: null, newDocumentState: doc }));
      const attempt = async () => {
        const sent = performance.now();
        try {
          const response = await client.push('applications', rows);
          answers.push({ status: 200, ms: performance.now() - sent });
          return response;
        } catch (error) {
          const status = error instanceof GatewayError ? error.status : -1;
          answers.push({
            status,
            ms: performance.now() - sent,
            ...(error instanceof GatewayError && error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
          });
          throw error;
        }
      };
      // As RxDB does after a failure "retry later" does not cover (the gateway not reached): again after its retryTime.
      for (let round = 0; ; round += 1) {
        try {
          const response = await withRetryAfter(attempt, { attempts: PUSH_ATTEMPTS });
          if (response.errors.length > 0 || response.conflicts.length > 0) failed.push({ userId: account.userId, status: 200, code: response.errors[0]?.code ?? 'conflict' });
          return;
        } catch (error) {
          const unreached = error instanceof GatewayError && error.kind === 'offline';
          if (unreached && round + 1 < OFFLINE_ROUNDS) {
            await new Promise((resolve) => setTimeout(resolve, retryDelay(round, { baseMs: DEFAULT_RETRY_TIME_MS })));
            continue;
          }
          failed.push({ userId: account.userId, status: error instanceof GatewayError ? error.status : -1, code: error instanceof GatewayError ? error.code : String(error) });
          return;
        }
      }
    }),
  );
  return { wallMs: performance.now() - started, answers, failed };
}

/** The baseline: the same documents, stored as the gateway stores them, with one raw `_bulk_docs` per account, all at once. */
export async function rawBulkDocs(couch: ServerScope, names: DbNames, accounts: StormAccount[]): Promise<{ wallMs: number; documents: number }> {
  const stamp = { receivedAt: new Date().toISOString() };
  const started = performance.now();
  let documents = 0;
  await Promise.all(
    accounts.map(async (account) => {
      const docs = account.applications.map((doc) => ({ ...toStoredDocument(doc, { ...stamp, owner: account.userId }), materialsComplete: false }));
      const answer = await couch.use(names.userDb(account.userId, 'applications')).bulk({ docs });
      documents += answer.filter((row) => row.rev && !row.error).length;
    }),
  );
  return { wallMs: performance.now() - started, documents };
}

export interface LandedCheck {
  expected: number;
  /** Expected documents found with the content pushed. */
  landed: number;
  missing: number;
  /** Documents in the databases that nobody pushed. */
  unexpected: number;
  /** Documents written more than once (a revision past the first). */
  rewritten: number;
}

/** Reads every account's applications database and compares its documents with what was pushed. */
export async function checkLandedOnce(couch: ServerScope, names: DbNames, accounts: StormAccount[]): Promise<LandedCheck> {
  const check: LandedCheck = { expected: 0, landed: 0, missing: 0, unexpected: 0, rewritten: 0 };
  await inParallel(accounts, SETUP_CONCURRENCY, async (account) => {
    const answer = await couch.use(names.userDb(account.userId, 'applications')).list({ include_docs: true });
    const docs = answer.rows.map((row) => row.doc as unknown).filter(isStoredDocument);
    const stored = new Map<string, StoredDocument>(docs.map((doc) => [doc._id, doc]));
    check.expected += account.applications.length;
    for (const doc of account.applications) {
      const found = stored.get(doc.id);
      stored.delete(doc.id);
      if (!found) check.missing += 1;
      else {
        const wire = toWireDocument(found, { includeServer: false });
        if (sameClientContent(wire, doc)) check.landed += 1;
        else check.missing += 1;
        // A revision is the only thing compared here that the store numbers: "1-" is the first write.
        if (!found._rev?.startsWith('1-')) check.rewritten += 1;
      }
    }
    check.unexpected += stored.size;
  });
  return check;
}

export interface StreamsResult {
  opened: number;
  /** Streams that did not answer 200 within the time given. */
  notOpened: number;
  close(): void;
}

/** Opens `count` live streams of applications (accounts in turn) and keeps them open, reading and dropping their events. */
export async function openStreams(baseUrl: string, accounts: StormAccount[], count: number, withinMs: number): Promise<StreamsResult> {
  const controllers: AbortController[] = [];
  const outcomes = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const account = accounts[i % accounts.length];
      const controller = new AbortController();
      controllers.push(controller);
      const client = createGatewayClient({ baseUrl, getToken: () => account.token });
      const timer = setTimeout(() => controller.abort(), withinMs);
      try {
        const body = await client.openStream('applications', controller.signal);
        clearTimeout(timer);
        void body.pipeTo(new WritableStream()).catch(() => undefined);
        return true;
      } catch {
        return false;
      }
    }),
  );
  const opened = outcomes.filter(Boolean).length;
  return { opened, notOpened: count - opened, close: () => controllers.forEach((c) => c.abort()) };
}

import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STREAM_PING_SECONDS } from '../sync-protocol/index.js';
import { DEFAULT_ADMISSION_LIMITS, type AdmissionLimits } from './http/admission.js';
import { DEFAULT_FEED_OPTIONS } from './store/couch-change-feeds.js';
import { isValidDbPrefix } from './store/db-names.js';

/** Everything the gateway reads from its environment, read in this one place. */
export interface GatewayConfig {
  port: number;
  host: string;
  /** Apache CouchDB URL with credentials; absent means the embedded store. Never log it. */
  couchUrl?: string;
  /** Data directory of the embedded store. */
  dataDir: string;
  /**
   * Partial material uploads; default `<dataDir>/uploads`. One per instance,
   * with uploads routed to the instance that created them (upload ids start
   * with TB_INSTANCE_ID): tus's lock is per process, so a shared directory
   * would let two instances write one upload.
   */
  uploadsDir: string;
  dbPrefix: string;
  /** The built PWA; not served when the directory does not exist. */
  staticDir: string;
  /** Sample images of materials, served at /samples/. */
  samplesDir: string;
  logLevel: string;
  /** Import the bundled catalogue (areas and guides), and create demo accounts when there are none. */
  seed: boolean;
  sessionTtlMs: number;
  streamPingMs: number;
  /** At most this many reads of live streams' databases at once, whatever the number of streams (TB_STREAM_STORE_READS). */
  streamStoreReads: number;
  /** Live streams' `_db_updates` is asked again this long after an answer that named databases (TB_STREAM_COALESCE_MS; 0: at once). */
  streamCoalesceMs: number;
  /** Unfinished material uploads are forgotten this long after they began (TB_UPLOAD_EXPIRY_HOURS). */
  uploadExpiryMs: number;
  upstream: UpstreamConfig;
  /** The admission gate in front of the store (TB_ADMISSION_*): beyond it, 503 GATEWAY_BUSY with Retry-After. */
  admission: AdmissionLimits;
  /** Bearer token the metrics scraper sends to GET /metrics (TB_METRICS_TOKEN). Never log it. */
  metricsToken?: string;
}

/** Delivery to the provincial platform and the way back (gateway/upstream/). */
export interface UpstreamConfig {
  /** Run the forwarder and the status poller (TB_FORWARDER). */
  enabled: boolean;
  /** The province's intake API; absent: `npm start` (scripts/start-all.ts) runs the simulator and uses it, the production entry point queues without forwarding. */
  provinceUrl?: string;
  /** Shared bearer token sent to the province. Never log it. */
  provinceToken: string;
  /**
   * This instance's name (TB_INSTANCE_ID, {@link INSTANCE_ID_SYNTAX}): in
   * outbox claims and logs, and in front of its material upload ids so a
   * proxy can route an upload to the instance holding its bytes. Default:
   * random per process for claims, and upload ids without it.
   */
  instanceId?: string;
  forwardPollMs: number;
  statusPollMs: number;
  leaseMs: number;
  requestTimeoutMs: number;
  retryBaseMs: number;
  retryCapMs: number;
  maxAttempts: number;
  breakerThreshold: number;
  breakerOpenMs: number;
  /** Interval of the outbox sweep that queues complete applications a failure left unqueued. */
  sweepMs: number;
}

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = '.data';
export const DEFAULT_DB_PREFIX = 'tb';
export const DEFAULT_LOG_LEVEL = 'info';
export const DEFAULT_SESSION_TTL_DAYS = 30;
export const DEFAULT_UPLOAD_EXPIRY_HOURS = 7 * 24;
/** Same default as the simulator's (province/start-province.ts); set TB_PROVINCE_TOKEN in any real deployment. */
export const DEFAULT_PROVINCE_TOKEN = 'tongban-dev-province-token';
/** The bundled sample images. */
export const DEFAULT_SAMPLES_DIR = fileURLToPath(new URL('./seed/samples/', import.meta.url));
/** Partial uploads under the data directory unless TB_UPLOADS_DIR says otherwise. */
export const UPLOADS_SUBDIR = 'uploads';
/** `dist/` at the repository root, where `vite build` writes the app. */
export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../dist/', import.meta.url));

/** What TB_INSTANCE_ID may be: it becomes part of upload URLs and file names. */
export const INSTANCE_ID_SYNTAX = '[A-Za-z0-9_-]{1,40}';

const DAY_MS = 24 * 60 * 60 * 1000;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

type Env = Record<string, string | undefined>;

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be an integer 0-65535, got "${value}"`);
  return port;
}

function readFlag(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(value.toLowerCase())) return false;
  throw new Error(`${name} must be 1 or 0, got "${value}"`);
}

function readPositiveNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`${name} must be a positive number, got "${value}"`);
  return number;
}

function readCount(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new Error(`${name} must be a whole number (0 or more), got "${value}"`);
  return number;
}

function readAdmission(env: Env): AdmissionLimits {
  const defaults = DEFAULT_ADMISSION_LIMITS;
  return {
    maxActive: readPositiveNumber('TB_ADMISSION_MAX_ACTIVE', env.TB_ADMISSION_MAX_ACTIVE, defaults.maxActive),
    maxQueued: readCount('TB_ADMISSION_MAX_QUEUED', env.TB_ADMISSION_MAX_QUEUED, defaults.maxQueued),
    maxWaitMs: readPositiveNumber('TB_ADMISSION_MAX_WAIT_MS', env.TB_ADMISSION_MAX_WAIT_MS, defaults.maxWaitMs),
    retryAfterSeconds: readCount('TB_ADMISSION_RETRY_AFTER_S', env.TB_ADMISSION_RETRY_AFTER_S, defaults.retryAfterSeconds),
    maxRetryAfterSeconds: readCount('TB_ADMISSION_RETRY_AFTER_MAX_S', env.TB_ADMISSION_RETRY_AFTER_MAX_S, defaults.maxRetryAfterSeconds),
  };
}

function readCouchUrl(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
  } catch {
    // The value may hold credentials: do not repeat it.
    throw new Error('COUCHDB_URL must be an http(s) URL');
  }
  return value.trim();
}

function readUpstream(env: Env): UpstreamConfig {
  const ms = (name: string, fallback: number) => readPositiveNumber(name, env[name], fallback);
  const upstream: UpstreamConfig = {
    enabled: readFlag('TB_FORWARDER', env.TB_FORWARDER, true),
    provinceToken: env.TB_PROVINCE_TOKEN ?? DEFAULT_PROVINCE_TOKEN,
    forwardPollMs: ms('TB_FORWARD_POLL_MS', 1_000),
    statusPollMs: ms('TB_STATUS_POLL_MS', 2_000),
    leaseMs: ms('TB_FORWARD_LEASE_MS', 120_000),
    requestTimeoutMs: ms('TB_FORWARD_TIMEOUT_MS', 30_000),
    retryBaseMs: ms('TB_FORWARD_RETRY_BASE_MS', 2_000),
    retryCapMs: ms('TB_FORWARD_RETRY_CAP_MS', 30 * 60_000),
    maxAttempts: ms('TB_FORWARD_MAX_ATTEMPTS', 500),
    breakerThreshold: ms('TB_BREAKER_THRESHOLD', 5),
    breakerOpenMs: ms('TB_BREAKER_OPEN_MS', 30_000),
    sweepMs: ms('TB_OUTBOX_SWEEP_MS', 10 * 60_000),
  };
  if (env.TB_PROVINCE_URL) {
    try {
      new URL(env.TB_PROVINCE_URL);
    } catch {
      throw new Error('TB_PROVINCE_URL must be an http(s) URL');
    }
    upstream.provinceUrl = env.TB_PROVINCE_URL.replace(/\/+$/, '');
  }
  if (env.TB_INSTANCE_ID) {
    if (!new RegExp(`^${INSTANCE_ID_SYNTAX}$`).test(env.TB_INSTANCE_ID)) throw new Error('TB_INSTANCE_ID must be 1 to 40 characters of A-Z a-z 0-9 _ -');
    upstream.instanceId = env.TB_INSTANCE_ID;
  }
  return upstream;
}

/** Reads the configuration; invalid values stop the start with a message naming the variable. */
export function readConfig(env: Env = process.env, cwd: string = process.cwd()): GatewayConfig {
  const dbPrefix = env.TB_DB_PREFIX || DEFAULT_DB_PREFIX;
  if (!isValidDbPrefix(dbPrefix)) throw new Error(`TB_DB_PREFIX must be lowercase letters, digits or _, starting with a letter; got "${dbPrefix}"`);
  const logLevel = env.LOG_LEVEL || DEFAULT_LOG_LEVEL;
  if (!LOG_LEVELS.includes(logLevel)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const inCwd = (path: string) => (isAbsolute(path) ? path : resolve(cwd, path));
  const dataDir = inCwd(env.TB_DATA_DIR || DEFAULT_DATA_DIR);
  const config: GatewayConfig = {
    port: readPort(env.PORT),
    host: env.HOST || DEFAULT_HOST,
    dataDir,
    uploadsDir: env.TB_UPLOADS_DIR ? inCwd(env.TB_UPLOADS_DIR) : join(dataDir, UPLOADS_SUBDIR),
    dbPrefix,
    staticDir: env.TB_STATIC_DIR ? inCwd(env.TB_STATIC_DIR) : DEFAULT_STATIC_DIR,
    samplesDir: env.TB_SAMPLES_DIR ? inCwd(env.TB_SAMPLES_DIR) : DEFAULT_SAMPLES_DIR,
    logLevel,
    seed: readFlag('TB_SEED', env.TB_SEED, true),
    sessionTtlMs: readPositiveNumber('TB_SESSION_DAYS', env.TB_SESSION_DAYS, DEFAULT_SESSION_TTL_DAYS) * DAY_MS,
    streamPingMs: STREAM_PING_SECONDS * 1000,
    streamStoreReads: Math.ceil(readPositiveNumber('TB_STREAM_STORE_READS', env.TB_STREAM_STORE_READS, DEFAULT_FEED_OPTIONS.maxReads)),
    streamCoalesceMs: readCount('TB_STREAM_COALESCE_MS', env.TB_STREAM_COALESCE_MS, DEFAULT_FEED_OPTIONS.coalesceMs),
    uploadExpiryMs: readPositiveNumber('TB_UPLOAD_EXPIRY_HOURS', env.TB_UPLOAD_EXPIRY_HOURS, DEFAULT_UPLOAD_EXPIRY_HOURS) * 60 * 60 * 1000,
    upstream: readUpstream(env),
    admission: readAdmission(env),
  };
  if (env.TB_METRICS_TOKEN) config.metricsToken = readMetricsToken(env.TB_METRICS_TOKEN);
  const couchUrl = readCouchUrl(env.COUCHDB_URL);
  if (couchUrl) config.couchUrl = couchUrl;
  return config;
}

/** A scrape token is a bearer token like the sessions' own: 20 to 200 characters of base64url, so it cannot be guessed. */
function readMetricsToken(value: string): string {
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(value))
    throw new Error('TB_METRICS_TOKEN must be 20 to 200 characters of A-Z a-z 0-9 _ - (e.g. `openssl rand -base64 32 | tr "+/" "-_" | tr -d =`)');
  return value;
}

import type { ParameterizedContext } from 'koa';
import type { CollectionName } from '../../sync-protocol/index.js';
import type { Clock } from '../clock.js';
import type { UpstreamConfig } from '../config.js';
import type { AuthenticatedUser } from '../commands/authenticate.js';
import type { ImportLock } from '../commands/import-lock.js';
import type { Logger } from '../logger.js';
import type { GatewayMetrics } from '../metrics/gateway-metrics.js';
import type { Store } from '../store/store.js';
import type { Upstream } from '../upstream/start-upstream.js';
import type { Validators } from '../validators.js';
import type { AdmissionLimits } from './admission.js';

/** The parts of the configuration the HTTP app needs. */
export interface AppConfig {
  /** Built PWA to serve; omitted or missing on disk: no static files. */
  staticDir?: string;
  /** Sample images of materials, served at /samples/; omitted or missing: none. */
  samplesDir?: string;
  sessionTtlMs: number;
  streamPingMs: number;
  /** Partial material uploads (tus file store) of this instance. */
  uploadsDir: string;
  /** How long an unfinished upload is kept; a week by default. */
  uploadExpiryMs?: number;
  /** Bearer token of the metrics scraper (TB_METRICS_TOKEN); unset: loopback scrapes need none. */
  metricsToken?: string;
  /** This instance's name (TB_INSTANCE_ID): new upload ids start with it, for sticky routing. */
  upstream?: Pick<UpstreamConfig, 'instanceId'>;
  /** Bounds of the admission gate; omitted: DEFAULT_ADMISSION_LIMITS. */
  admission?: AdmissionLimits;
}

/** What the composition root hands to every resource. */
export interface AppDeps {
  store: Store;
  logger: Logger;
  clock: Clock;
  config: AppConfig;
  validators: Validators;
  /** Serialises guide imports (HTTP, seeding, roll-forward) within this process. */
  importLock: ImportLock;
  /** The forwarder of this instance, when it runs (for its counts). */
  upstream?: Upstream | null;
  /** This instance's metrics registry; `createApp` makes one when none is given. */
  metrics?: GatewayMetrics;
}

/** Per-request state. `logFields` collects ids and counts for the one request log line. */
export interface AppState {
  requestId: string;
  log: Logger;
  logFields: Record<string, unknown>;
  user?: AuthenticatedUser;
  collection?: CollectionName;
}

export type AppContext = ParameterizedContext<AppState>;

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSystemClock, type Clock } from './clock.js';
import { seedDemoAccounts, type DemoAccount } from './commands/seed-demo-accounts.js';
import { sweepDeliveries, sweepDirtyUsers } from './commands/enqueue-deliveries.js';
import { createImportLock } from './commands/import-lock.js';
import { prepareCatalogue } from './commands/prepare-catalogue.js';
import type { GatewayConfig } from './config.js';
import { createApp } from './http/create-app.js';
import { createLogger, type Logger } from './logger.js';
import { createGatewayMetrics } from './metrics/gateway-metrics.js';
import { loadCatalogue } from './seed/load-catalogue.js';
import { describeStore, openStore } from './store/open-store.js';
import type { Store } from './store/store.js';
import type { ProvinceAdapter } from './upstream/province-adapter.js';
import { startUpstream, type Upstream } from './upstream/start-upstream.js';
import { createValidators } from './validators.js';

export interface StartedGateway {
  url: string;
  port: number;
  store: Store;
  /** Demo accounts created by this start (only on a gateway without accounts, with seeding on). */
  demoAccounts: DemoAccount[];
  /** The forwarder and status poller, when they run. */
  upstream: Upstream | null;
  /** Stops listening, ends open streams and closes the store. */
  close(): Promise<void>;
}

export interface GatewayParts {
  logger?: Logger;
  clock?: Clock;
  /** Wraps the opened store (tests inject failures this way). */
  wrapStore?: (store: Store) => Store;
  /** The provincial platform; default: HTTP to `config.upstream.provinceUrl`. */
  province?: ProvinceAdapter;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Opens the store (embedded or COUCHDB_URL), seeds, and serves the app on config.host:config.port. */
export async function startGateway(config: GatewayConfig, parts: GatewayParts = {}): Promise<StartedGateway> {
  const logger = parts.logger ?? createLogger({ level: config.logLevel });
  const clock = parts.clock ?? createSystemClock();
  const validators = createValidators();
  // This instance's figures: the forwarder reports into them, GET /metrics reads them.
  const metrics = createGatewayMetrics();
  logger.info({ store: describeStore(config) }, 'opening store');
  const opened = await openStore(config);
  const store = parts.wrapStore ? parts.wrapStore(opened) : opened;
  const importLock = createImportLock({ leases: store.imports, clock });
  let demoAccounts: DemoAccount[] = [];
  let server: Server;
  let upstream: Upstream | null = null;
  try {
    await prepareCatalogue({ documents: store.documents, imports: store.imports, clock, validators, lock: importLock, logger }, config.seed ? loadCatalogue() : null);
    if (config.seed) demoAccounts = await seedDemoAccounts({ accounts: store.accounts, clock });
    const { upstream: upstreamConfig } = config;
    if (upstreamConfig.enabled && upstreamConfig.provinceUrl) {
      const sweepDeps = { accounts: store.accounts, documents: store.documents, outbox: store.outbox, clock };
      const sweeps = { sweepAll: () => sweepDeliveries(sweepDeps), sweepMarked: () => sweepDirtyUsers(sweepDeps) };
      upstream = await startUpstream(
        { store, sweeps, clock, logger, province: parts.province, observer: metrics.uplinkObserver },
        { ...upstreamConfig, provinceUrl: upstreamConfig.provinceUrl },
      );
    } else if (upstreamConfig.enabled) {
      logger.warn('TB_PROVINCE_URL is not set: applications are queued but not forwarded');
    }
    const app = createApp({ store, logger, clock, validators, config, importLock, upstream, metrics });
    server = createServer(app.callback());
    await listen(server, config.port, config.host);
  } catch (error) {
    await upstream?.stop();
    await store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  // Says how /metrics is guarded, never the token itself.
  logger.info({ host: config.host, port, metricsAccess: config.metricsToken ? 'scrape token or operator' : 'loopback or operator' }, 'gateway listening');
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    store,
    demoAccounts,
    upstream,
    async close() {
      await upstream?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Live streams never end by themselves.
        server.closeAllConnections();
      });
      await store.close();
      logger.info('gateway stopped');
    },
  };
}

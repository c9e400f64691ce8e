import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSystemClock, type Clock } from './clock.js';
import { seedDemoAccounts, type DemoAccount } from './commands/seed-demo-accounts.js';
import { rollForwardImports } from './commands/apply-import-writes.js';
import { importGuides } from './commands/import-guides.js';
import { createImportLock, type ImportLock } from './commands/import-lock.js';
import type { GatewayConfig } from './config.js';
import { createApp } from './http/create-app.js';
import { createLogger, type Logger } from './logger.js';
import { loadCatalogue } from './seed/load-catalogue.js';
import { describeStore, openStore } from './store/open-store.js';
import type { Store } from './store/store.js';
import { createValidators } from './validators.js';

export interface StartedGateway {
  url: string;
  port: number;
  store: Store;
  /** Demo accounts created by this start (only on a gateway without accounts, with seeding on). */
  demoAccounts: DemoAccount[];
  /** Stops listening, ends open streams and closes the store. */
  close(): Promise<void>;
}

export interface GatewayParts {
  logger?: Logger;
  clock?: Clock;
  /** Wraps the opened store (tests inject failures this way). */
  wrapStore?: (store: Store) => Store;
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

/**
 * Finishes imports a previous run left half applied, then (seeding on)
 * imports the bundled catalogue: a restart finds it unchanged and writes nothing.
 */
async function prepareCatalogue(store: Store, parts: { clock: Clock; logger: Logger; validators: ReturnType<typeof createValidators>; lock: ImportLock; seed: boolean }): Promise<void> {
  const { clock, logger, lock } = parts;
  const now = () => clock.now().toISOString();
  const rolled = await lock.run(() => rollForwardImports({ documents: store.documents, imports: store.imports, now }));
  if (rolled.length > 0) logger.warn({ imports: rolled }, 'finished guide imports left half applied');
  if (!parts.seed) return;
  const { result, journalId, written } = await importGuides(
    { documents: store.documents, imports: store.imports, clock, validators: parts.validators, lock },
    loadCatalogue(),
  );
  logger.info(
    {
      journalId,
      written,
      created: result.created.length,
      updated: result.updated.length,
      unchanged: result.unchanged.length,
      areas: result.areas ? { created: result.areas.created.length, updated: result.areas.updated.length, unchanged: result.areas.unchanged.length } : undefined,
    },
    'catalogue seeded',
  );
}

/** Opens the store (embedded or COUCHDB_URL), seeds, and serves the app on config.host:config.port. */
export async function startGateway(config: GatewayConfig, parts: GatewayParts = {}): Promise<StartedGateway> {
  const logger = parts.logger ?? createLogger({ level: config.logLevel });
  const clock = parts.clock ?? createSystemClock();
  const validators = createValidators();
  logger.info({ store: describeStore(config) }, 'opening store');
  const opened = await openStore(config);
  const store = parts.wrapStore ? parts.wrapStore(opened) : opened;
  const importLock = createImportLock();
  let demoAccounts: DemoAccount[] = [];
  let server: Server;
  try {
    await prepareCatalogue(store, { clock, logger, validators, lock: importLock, seed: config.seed });
    if (config.seed) demoAccounts = await seedDemoAccounts({ accounts: store.accounts, clock });
    const app = createApp({ store, logger, clock, validators, config, importLock });
    server = createServer(app.callback());
    await listen(server, config.port, config.host);
  } catch (error) {
    await store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  logger.info({ host: config.host, port }, 'gateway listening');
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    store,
    demoAccounts,
    async close() {
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

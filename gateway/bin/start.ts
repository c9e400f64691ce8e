/**
 * The production entry point: starts the gateway alone, from the environment
 * (gateway/config.ts, docs/operations.md, deploy/README.md). Without TB_PROVINCE_URL applications
 * are queued but not forwarded; `npm start` (scripts/start-all.ts) is the one
 * that runs the provincial platform simulator beside it.
 */
import { readConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startGateway } from '../server.js';
import { printGatewayBanner, stopOnSignals } from './run-until-signal.js';

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger({ level: config.logLevel });
  const gateway = await startGateway(config, { logger });
  printGatewayBanner(gateway);
  stopOnSignals(logger, [() => gateway.close()]);
}

main().catch((error: unknown) => {
  // Config errors never contain COUCHDB_URL; store errors are redacted by the serializer.
  createLogger({ level: 'error' }).fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
});

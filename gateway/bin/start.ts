/**
 * Starts the gateway from the environment (see gateway/config.ts and the
 * docs/operations.md): `npm start` builds the app first, `npm run start:gateway` does not.
 */
import { join } from 'node:path';
import { readProvinceConfig, startProvince, type StartedProvince } from '../../province/start-province.js';
import { readConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startGateway } from '../server.js';

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger({ level: config.logLevel });
  // No TB_PROVINCE_URL: run the provincial platform simulator beside the gateway (embedded defaults).
  let province: StartedProvince | null = null;
  if (config.upstream.enabled && !config.upstream.provinceUrl) {
    const provinceConfig = readProvinceConfig({ SIM_DATA_DIR: join(config.dataDir, 'province'), ...process.env, TB_PROVINCE_TOKEN: config.upstream.provinceToken });
    // Its own logger (service province-sim): a child of the gateway's would repeat the `service` key.
    province = await startProvince(provinceConfig);
    config.upstream.provinceUrl = province.url;
  }
  const gateway = await startGateway(config, { logger });

  console.log(`\n通办 Tongban gateway: ${gateway.url}`);
  if (province) console.log(`省平台模拟器 (provincial platform simulator): ${province.url}  (counts: ${province.url}/_sim/counts)`);
  if (gateway.demoAccounts.length > 0) {
    console.log('Demo accounts (created because there were no accounts):');
    for (const demo of gateway.demoAccounts) console.log(`  ${demo.login} / ${demo.password}  (${demo.role}, ${demo.displayName})`);
  }
  console.log('');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    const timer = setTimeout(() => {
      logger.error('did not stop in time; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    gateway
      .close()
      .then(() => province?.close())
      .then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // Config errors never contain COUCHDB_URL; store errors are redacted by the serializer.
  createLogger({ level: 'error' }).fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
});

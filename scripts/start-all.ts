/**
 * The whole system on embedded defaults, for development and demos (`npm
 * start` builds the app first, `npm run start:all` does not): the gateway
 * with its embedded store and, unless TB_PROVINCE_URL names a real one, the
 * provincial platform simulator beside it. Production starts the gateway
 * alone (gateway/bin/start.ts).
 */
import { join } from 'node:path';
import { readConfig } from '../gateway/config.js';
import { createLogger } from '../gateway/logger.js';
import { startGateway } from '../gateway/server.js';
import { printGatewayBanner, stopOnSignals } from '../gateway/bin/run-until-signal.js';
import { readProvinceConfig, startProvince, type StartedProvince } from '../province/start-province.js';

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger({ level: config.logLevel });
  let province: StartedProvince | null = null;
  if (config.upstream.enabled && !config.upstream.provinceUrl) {
    const provinceConfig = readProvinceConfig({ SIM_DATA_DIR: join(config.dataDir, 'province'), ...process.env, TB_PROVINCE_TOKEN: config.upstream.provinceToken });
    // Its own logger (service province-sim): a child of the gateway's would repeat the `service` key.
    province = await startProvince(provinceConfig);
    config.upstream.provinceUrl = province.url;
  }
  const gateway = await startGateway(config, { logger }).catch(async (error: unknown) => {
    await province?.close();
    throw error;
  });
  printGatewayBanner(gateway, province ? [`省平台模拟器 (provincial platform simulator): ${province.url}  (counts: ${province.url}/_sim/counts)`] : []);
  stopOnSignals(logger, [() => gateway.close(), async () => province?.close()]);
}

main().catch((error: unknown) => {
  // Config errors never contain COUCHDB_URL; store errors are redacted by the serializer.
  createLogger({ level: 'error' }).fatal({ err: error }, 'failed to start');
  process.exit(1);
});

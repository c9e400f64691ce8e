/**
 * Starts the provincial platform simulator alone: `npm run start:province`
 * (`npm start`, scripts/start-all.ts, starts it beside the gateway). Settings: docs/operations.md, the configuration table (`SIM_*`).
 */
import { readProvinceConfig, startProvince } from '../start-province.js';

async function main(): Promise<void> {
  const province = await startProvince(readProvinceConfig());
  console.log(`\n省平台模拟器 (provincial platform simulator): ${province.url}  (counts: ${province.url}/_sim/counts)\n`);
  const stop = () => {
    province.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

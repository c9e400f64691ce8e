/**
 * Runs the embedded CouchDB-compatible store alone, so that several gateway
 * processes (COUCHDB_URL) can share it: `npm run start:store`. For
 * development and tests of more than one gateway; production runs Apache
 * CouchDB 3 (deploy/README.md).
 *
 * The store takes TB_DATA_DIR (default `.data`) for itself. It prints its
 * address without credentials on a line `Tongban store: <url>`, and writes the
 * full URL, credentials included when the store has them, to
 * `<TB_DATA_DIR>/store-url` (owner-only permissions; see
 * gateway/store/store-url-file.ts), removed again when it stops.
 */
import { readConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { redactUrl } from '../store/couch-errors.js';
import { startEmbeddedCouch } from '../store/embedded-couch.js';
import { removeStoreUrlFile, writeStoreUrlFile } from '../store/store-url-file.js';

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger({ level: config.logLevel }).child({ component: 'store' });
  const couch = await startEmbeddedCouch(config.dataDir);
  const urlFile = writeStoreUrlFile(config.dataDir, couch.url);
  console.log(`Tongban store: ${redactUrl(couch.url)}  (full URL in ${urlFile})`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping the store');
    const timer = setTimeout(() => {
      logger.error('the store did not stop in time; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    removeStoreUrlFile(config.dataDir);
    couch.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping the store');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  createLogger({ level: 'error' }).fatal({ err: error }, 'the store failed to start');
  process.exit(1);
});

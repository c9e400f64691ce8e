import type { Logger } from '../logger.js';
import type { StartedGateway } from '../server.js';

const SHUTDOWN_GRACE_MS = 10_000;

/** What `npm start` and the production entry point print once the gateway serves (tests wait for the first line). */
export function printGatewayBanner(gateway: StartedGateway, extraLines: string[] = []): void {
  console.log(`\n通办 Tongban gateway: ${gateway.url}`);
  for (const line of extraLines) console.log(line);
  if (gateway.demoAccounts.length > 0) {
    console.log('Demo accounts (created because there were no accounts):');
    for (const demo of gateway.demoAccounts) console.log(`  ${demo.login} / ${demo.password}  (${demo.role}, ${demo.displayName})`);
  }
  console.log('');
}

/**
 * On SIGINT or SIGTERM runs `stops` one after the other (the gateway first,
 * so nothing it still sends finds its peer gone) and exits; exits 1 when a
 * stop fails or they take longer than the grace period.
 */
export function stopOnSignals(logger: Logger, stops: Array<() => Promise<void>>): void {
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
    stops
      .reduce((done, next) => done.then(next), Promise.resolve())
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

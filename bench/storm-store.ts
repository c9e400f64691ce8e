/**
 * The embedded store in a process of its own, so `bench:storm` measures the
 * gateway's memory apart from the store's: prints `{"url": …}` on one line
 * once listening, and closes on SIGTERM.
 *
 *   node --import tsx bench/storm-store.ts <data-dir>
 */
import { startEmbeddedCouch } from '../gateway/store/embedded-couch.js';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: storm-store.ts <data-dir>');
  process.exit(2);
}
const couch = await startEmbeddedCouch(dataDir);
process.stdout.write(`${JSON.stringify({ url: couch.url })}\n`);
/** Closing thousands of LevelDB databases can take long; a bench store holds nothing worth waiting for. */
const CLOSE_GRACE_MS = 5_000;
process.once('SIGTERM', () => {
  setTimeout(() => process.exit(0), CLOSE_GRACE_MS).unref();
  void couch.close().finally(() => process.exit(0));
});
// The bench that started this store died: do not outlive it.
process.stdin.once('end', () => process.kill(process.pid, 'SIGTERM'));
process.stdin.resume();

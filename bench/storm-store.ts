/**
 * The embedded store in a process of its own, so `bench:storm` measures the
 * gateway's memory apart from the store's: prints `{"url": …}` on one line
 * once listening, and closes on SIGTERM. A `tally` line on stdin answers
 * `{"tally": {shape: count}}`: its round trips so far by method and path
 * shape, which the bench turns into store requests per push.
 *
 *   node --import tsx bench/storm-store.ts <data-dir>
 */
import { createInterface } from 'node:readline';
import { startEmbeddedCouch } from '../gateway/store/embedded-couch.js';
import { requestShape } from './storm-request-shape.js';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: storm-store.ts <data-dir>');
  process.exit(2);
}
const tally: Record<string, number> = {};
const couch = await startEmbeddedCouch(dataDir, {
  onRequest: (method, path) => {
    const shape = requestShape(method, path);
    tally[shape] = (tally[shape] ?? 0) + 1;
  },
});
process.stdout.write(`${JSON.stringify({ url: couch.url })}\n`);
/** Closing thousands of LevelDB databases can take long; a bench store holds nothing worth waiting for. */
const CLOSE_GRACE_MS = 5_000;
process.once('SIGTERM', () => {
  setTimeout(() => process.exit(0), CLOSE_GRACE_MS).unref();
  void couch.close().finally(() => process.exit(0));
});
const commands = createInterface({ input: process.stdin });
commands.on('line', (line) => {
  if (line.trim() === 'tally') process.stdout.write(`${JSON.stringify({ tally })}\n`);
});
// The bench that started this store died: do not outlive it.
commands.once('close', () => process.kill(process.pid, 'SIGTERM'));

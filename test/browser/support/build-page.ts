import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const PAGE_DIR = fileURLToPath(new URL('../page/', import.meta.url));

/**
 * Builds the test page with Vite, as the app is built: Vite bundles the
 * `new Worker(new URL('./photo-worker.ts', import.meta.url), { type: 'module' })`
 * of the photo pipeline into its own chunk, so the test exercises the worker
 * the app will ship. Returns the output directory (a fresh temp dir).
 */
export async function buildTestPage(): Promise<string> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'tongban-photo-page-'));
  await build({
    configFile: false,
    root: PAGE_DIR,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'es2022', minify: false },
  });
  return outDir;
}

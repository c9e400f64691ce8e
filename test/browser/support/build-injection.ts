import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';

/**
 * Builds a test-side module as one classic script (IIFE) that exposes its
 * exports on `window[globalName]`, to be injected into the built app's page
 * with `page.addScriptTag({ content })`. Bundled like the app (Vite), from
 * the app's own sources.
 */
export async function buildInjection(entry: string, globalName: string): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      lib: { entry: fileURLToPath(new URL(entry, import.meta.url)), formats: ['iife'], name: globalName, fileName: () => 'injection.js' },
    },
  });
  const results = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
  const chunk = results.flatMap((r) => r.output).find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error(`building ${entry} gave no script`);
  return chunk.code;
}

/**
 * One of the project's entry points (`gateway/bin/start.ts`,
 * `gateway/bin/store.ts`…) run as its own Node process for a test, ready once
 * it printed the line it prints when it serves.
 *
 * ```ts
 * const store = await startChildService('gateway/bin/store.ts', { TB_DATA_DIR: dir }, /Tongban store: (\S+)/);
 * const gateway = await startChildService('gateway/bin/start.ts', env, /Tongban gateway: (http:\/\/\S+)/);
 * gateway.match[1];            // what the pattern caught, e.g. the URL
 * await gateway.stop();        // SIGTERM, then SIGKILL if it does not exit
 * ```
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ChildService {
  child: ChildProcess;
  /** The ready line's match. */
  match: RegExpExecArray;
  /** The last few kilobytes it printed (stdout and stderr), for a failure message. */
  output(): string;
  /** SIGTERM; SIGKILL when it has not exited after `graceMs`. Resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

const KEPT_OUTPUT_CHARS = 4000;

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Starts `node --import tsx <script>` with `env` over this process's environment. */
export function startChildService(script: string, env: Record<string, string>, ready: RegExp, timeoutMs = 30_000): Promise<ChildService> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-KEPT_OUTPUT_CHARS);
  };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (graceMs = 10_000) => {
    if (hasExited(child)) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    // Startup only: a slow start fails with what the process printed.
    const timer = setTimeout(() => {
      void stop(0);
      reject(new Error(`${script} did not start: ${output}`));
    }, timeoutMs);
    let seen: string | null = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (seen === null) return; // ready already: later output is only kept
      seen += chunk.toString();
      const match = ready.exec(seen);
      if (!match) return;
      seen = null;
      clearTimeout(timer);
      resolve({ child, match, output: () => output, stop });
    });
    child.stderr!.on('data', keep);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code ?? signal}): ${output}`));
    });
  });
}

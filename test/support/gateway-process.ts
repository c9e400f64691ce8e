/**
 * A gateway as its own process (`gateway/bin/start.ts` under tsx), for tests
 * that kill it with SIGKILL at chosen or random moments and start it again on
 * the same data directory.
 */
import type { ChildProcess } from 'node:child_process';
import { startChildService } from './child-service.js';

export interface GatewayProcess {
  child: ChildProcess;
  url: string;
}

/** Starts the gateway with `env` added to this process's environment; answers once it printed its URL. */
export async function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  const service = await startChildService('gateway/bin/start.ts', env, /Tongban gateway: (http:\/\/\S+)/, 60_000);
  return { child: service.child, url: service.match[1] };
}

/** SIGKILL, answered once the process is gone (at once when it already is). */
export function killHard(gateway: GatewayProcess): Promise<void> {
  return new Promise((resolve) => {
    if (gateway.child.exitCode !== null || gateway.child.signalCode !== null) return resolve();
    gateway.child.once('exit', () => resolve());
    gateway.child.kill('SIGKILL');
  });
}

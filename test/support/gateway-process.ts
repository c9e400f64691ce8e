/**
 * A gateway as its own process (`gateway/bin/start.ts` under tsx), for tests
 * that kill it with SIGKILL at chosen or random moments and start it again on
 * the same data directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface GatewayProcess {
  child: ChildProcess;
  url: string;
}

/** Starts the gateway with `env` added to this process's environment; answers once it printed its URL. */
export function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/bin/start.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`gateway did not start: ${output.slice(-2000)}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Tongban gateway: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}: ${output.slice(-2000)}`)));
  });
}

/** SIGKILL, answered once the process is gone (at once when it already is). */
export function killHard(gateway: GatewayProcess): Promise<void> {
  return new Promise((resolve) => {
    if (gateway.child.exitCode !== null || gateway.child.signalCode !== null) return resolve();
    gateway.child.once('exit', () => resolve());
    gateway.child.kill('SIGKILL');
  });
}

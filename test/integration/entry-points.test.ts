import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startChildService, type ChildService } from '../support/child-service.js';

/** The banner: the gateway's URL, then the lines up to the blank line that ends it. */
const BANNER = /Tongban gateway: (http:\/\/\S+)\n((?:.+\n)*)\n/;
/** Below the test's own timeout, so a start that hangs fails with what the process printed. */
const START_TIMEOUT_MS = 45_000;
const SIMULATOR_LINE = /provincial platform simulator\): (http:\/\/\S+)/;

describe('the entry points', () => {
  const running: ChildService[] = [];
  const dirs: string[] = [];

  /** Embedded defaults in a fresh data directory, on free ports, without the demo seed or a built app. */
  function embeddedEnv(): Record<string, string> {
    const dataDir = mkdtempSync(join(tmpdir(), 'tongban-entry-'));
    dirs.push(dataDir);
    return { TB_DATA_DIR: dataDir, PORT: '0', SIM_PORT: '0', TB_SEED: '0', LOG_LEVEL: 'warn', TB_STATIC_DIR: join(dataDir, 'no-app'), TB_PROVINCE_URL: '' };
  }

  afterEach(async () => {
    await Promise.all(running.splice(0).map((service) => service.stop()));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('should start the gateway alone from the production entry point, saying it does not forward', async () => {
    const gateway = await startChildService('gateway/bin/start.ts', embeddedEnv(), BANNER, START_TIMEOUT_MS);
    running.push(gateway);
    expect(gateway.match[2]).not.toMatch(SIMULATOR_LINE);
    expect(gateway.output()).toContain('TB_PROVINCE_URL is not set');
    expect((await fetch(`${gateway.match[1]}/health`)).status).toBe(200);
  });

  it('should start the gateway and the provincial platform simulator with the whole-system command', async () => {
    const all = await startChildService('scripts/start-all.ts', embeddedEnv(), BANNER, START_TIMEOUT_MS);
    running.push(all);
    const simulator = SIMULATOR_LINE.exec(all.match[2]);
    expect(simulator).not.toBeNull();
    expect(all.output()).not.toContain('TB_PROVINCE_URL is not set');
    expect((await fetch(`${all.match[1]}/health`)).status).toBe(200);
    expect((await fetch(`${simulator![1]}/_sim/counts`)).status).toBe(200);
  });
});

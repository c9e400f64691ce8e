import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { pino, type Logger } from 'pino';
import { moveCase, nextScheduledState, type Schedule } from './case-rules.js';
import { CaseStore } from './case-store.js';
import { createProvinceApp, type SimMode } from './create-province-app.js';

/** The simulator's settings; `readProvinceConfig` reads them from the environment. */
export interface ProvinceConfig {
  port: number;
  host: string;
  dataDir: string;
  token: string;
  /** Run the schedule (accept, 补件, decide) by itself; off: only `/_sim/cases/:id/advance` moves cases. */
  auto: boolean;
  schedule: Schedule;
  tickMs: number;
  mode: SimMode;
  logLevel: string;
}

export const DEFAULT_PROVINCE_PORT = 8090;
export const DEFAULT_PROVINCE_DATA_DIR = '.data/province';
/** Shared by the simulator and the gateway on embedded defaults; set TB_PROVINCE_TOKEN in any real deployment. */
export const DEFAULT_PROVINCE_TOKEN = 'tongban-dev-province-token';

type Env = Record<string, string | undefined>;

function number(env: Env, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative number, got "${value}"`);
  return parsed;
}

export function readProvinceConfig(env: Env = process.env, cwd = process.cwd()): ProvinceConfig {
  const dataDir = env.SIM_DATA_DIR || DEFAULT_PROVINCE_DATA_DIR;
  const mode = env.SIM_MODE || 'up';
  if (!['up', 'down', 'slow', 'failing'].includes(mode)) throw new Error('SIM_MODE must be up, down, slow or failing');
  return {
    port: number(env, 'SIM_PORT', DEFAULT_PROVINCE_PORT),
    host: env.SIM_HOST || '127.0.0.1',
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir),
    token: env.TB_PROVINCE_TOKEN ?? DEFAULT_PROVINCE_TOKEN,
    auto: (env.SIM_AUTO ?? '1') !== '0',
    schedule: {
      acceptAfterMs: number(env, 'SIM_ACCEPT_AFTER_S', 5) * 1000,
      decideAfterMs: number(env, 'SIM_DECIDE_AFTER_S', 20) * 1000,
      supplementRate: number(env, 'SIM_SUPPLEMENT_RATE', 0.5),
      rejectRate: number(env, 'SIM_REJECT_RATE', 0.1),
    },
    tickMs: 250,
    mode: { mode: mode as SimMode['mode'], slowMs: number(env, 'SIM_SLOW_MS', 3000), failRate: number(env, 'SIM_FAIL_RATE', 0.5), refuseNext: 0 },
    logLevel: env.LOG_LEVEL || 'info',
  };
}

export interface StartedProvince {
  url: string;
  port: number;
  cases: CaseStore;
  mode: SimMode;
  close(): Promise<void>;
}

/** Starts the simulator: its HTTP server and, when `auto`, the schedule. */
export async function startProvince(config: ProvinceConfig, logger: Logger = pino({ level: config.logLevel, base: { service: 'province-sim' } })): Promise<StartedProvince> {
  const cases = new CaseStore(config.dataDir);
  const mode = { ...config.mode };
  const now = () => new Date();
  const app = createProvinceApp({ cases, schedule: config.schedule, token: config.token, logger, now, mode });
  const server = createServer(app.callback());
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolveListen());
  });
  const timer = config.auto ? setInterval(() => runSchedule(cases, config.schedule, now(), logger), config.tickMs) : null;
  timer?.unref();
  const { port } = server.address() as AddressInfo;
  logger.info({ port, auto: config.auto }, 'province simulator listening');
  return {
    url: `http://${config.host}:${port}`,
    port,
    cases,
    mode,
    async close() {
      if (timer) clearInterval(timer);
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    },
  };
}

/** Moves every case whose time has come one step along the schedule. */
function runSchedule(cases: CaseStore, schedule: Schedule, now: Date, logger: Logger): void {
  for (const c of cases.listCases()) {
    if (c.nextStepAt === undefined || c.nextStepAt > now.getTime()) continue;
    const to = nextScheduledState(c, schedule);
    if (!to) continue;
    const { next, event } = moveCase(c, { to }, now, schedule);
    cases.putCase(next, event);
    logger.info({ caseId: c.caseId, state: to }, 'case moved by schedule');
  }
}

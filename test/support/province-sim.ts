/**
 * The provincial platform simulator for tests, in this process on a random
 * port with its own temporary directory, its schedule off (tests move cases by
 * hand), and helpers for its admin endpoints.
 *
 * ```ts
 * const province = await startTestProvince();
 * await province.setMode({ mode: 'down' });
 * await province.advance(applicationId, { to: 'supplement_required', materials: [{ key: 'id-card', reason: '模糊' }] });
 * expect((await province.counts()).casesPerApplication[applicationId]).toBe(1);
 * ```
 */
import { vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Advance } from '../../province/case-rules.js';
import type { SimMode } from '../../province/create-province-app.js';
import { readProvinceConfig, startProvince } from '../../province/start-province.js';

export interface SimCounts {
  receipts: Record<string, number>;
  totalReceipts: number;
  distinctKeys: number;
  duplicates: number;
  cases: number;
  casesPerApplication: Record<string, number>;
  supplements: number;
  ratings: number;
}

export interface SimCaseSummary {
  caseId: string;
  applicationId: string;
  state: string;
  acceptanceNumber?: string;
  supplements: { supplementId: string; materialKeys: string[] }[];
  rating?: { score: number; comment?: string };
  /** Filed by a village agent: how the applicant authorised it. */
  authorisation?: { method: string; agentUserId: string; imageSha256: string };
}

export interface TestProvince {
  url: string;
  token: string;
  setMode(mode: Partial<SimMode>): Promise<void>;
  counts(): Promise<SimCounts>;
  caseOf(applicationId: string): Promise<SimCaseSummary | null>;
  advance(applicationId: string, advance?: Advance): Promise<SimCaseSummary>;
  close(): Promise<void>;
}

export async function startTestProvince(): Promise<TestProvince> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-province-'));
  const config = readProvinceConfig({ SIM_PORT: '0', SIM_DATA_DIR: dataDir, SIM_AUTO: '0' });
  const started = await startProvince(config, pino({ level: 'silent' }));
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${started.url}/_sim${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  return {
    url: started.url,
    token: config.token,
    async setMode(mode) {
      const answer = await admin('POST', '/mode', { mode: started.mode.mode, ...mode });
      if (answer.status !== 200) throw new Error(`mode: ${answer.status}`);
    },
    async counts() {
      return (await admin('GET', '/counts')).body as SimCounts;
    },
    async caseOf(applicationId) {
      const answer = await admin('GET', `/cases/${applicationId}`);
      return answer.status === 200 ? (answer.body as SimCaseSummary) : null;
    },
    async advance(applicationId, advance = {}) {
      const answer = await admin('POST', `/cases/${applicationId}/advance`, advance);
      if (answer.status !== 200) throw new Error(`advance: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body as SimCaseSummary;
    },
    async close() {
      await started.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` answers something truthy; fails with `what` after `timeoutMs`. */
export function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  return vi.waitFor(
    async () => {
      let value: T | null | undefined | false;
      try {
        value = await check();
      } catch (error) {
        throw new Error(`timed out waiting for ${what}: ${String(error)}`, { cause: error });
      }
      if (!value) throw new Error(`timed out waiting for ${what}`);
      return value;
    },
    { timeout: timeoutMs, interval: everyMs },
  );
}

/** Upstream settings for a test gateway: fast rounds, short backoff, a short lease. */
export function fastUpstream(province: TestProvince, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    TB_PROVINCE_URL: province.url,
    TB_PROVINCE_TOKEN: province.token,
    TB_FORWARD_POLL_MS: '50',
    TB_STATUS_POLL_MS: '100',
    TB_FORWARD_RETRY_BASE_MS: '50',
    TB_FORWARD_RETRY_CAP_MS: '400',
    TB_FORWARD_LEASE_MS: '3000',
    TB_FORWARD_TIMEOUT_MS: '2000',
    TB_BREAKER_THRESHOLD: '3',
    TB_BREAKER_OPEN_MS: '300',
    ...overrides,
  };
}

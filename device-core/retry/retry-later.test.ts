import { describe, expect, it } from 'vitest';
import { toProblemBody } from '../../sync-protocol/index.js';
import { GatewayError } from '../gateway/gateway-error.js';
import { withRetryAfter } from './retry-later.js';

const busy = (retryAfterMs?: number) => new GatewayError('server', 503, toProblemBody('GATEWAY_BUSY'), retryAfterMs);

function scripted(outcomes: (Error | string)[]) {
  let calls = 0;
  const work = async () => {
    const outcome = outcomes[calls++];
    if (outcome instanceof Error) throw outcome;
    return outcome;
  };
  return { work, calls: () => calls };
}

describe('withRetryAfter', () => {
  it('should wait what the gateway asked, with jitter, and try again', async () => {
    const slept: number[] = [];
    const { work, calls } = scripted([busy(2_000), busy(2_000), 'landed']);
    const result = await withRetryAfter(work, { random: () => 0, sleep: async (ms) => void slept.push(ms) });
    expect(result).toBe('landed');
    expect(calls()).toBe(3);
    expect(slept).toEqual([2_000, 2_000]);
  });

  it('should hand other failures to the caller at once', async () => {
    const offline = new GatewayError('offline', 0, toProblemBody('STORE_UNAVAILABLE'));
    const noHeader = busy(undefined);
    for (const failure of [offline, noHeader, new Error('bug')]) {
      const { work, calls } = scripted([failure, 'landed']);
      await expect(withRetryAfter(work, { sleep: async () => undefined })).rejects.toBe(failure);
      expect(calls()).toBe(1);
    }
  });

  it('should give the last refusal to the caller after the attempts', async () => {
    const last = busy(1_000);
    const { work, calls } = scripted([busy(1_000), busy(1_000), last, 'landed']);
    await expect(withRetryAfter(work, { attempts: 3, sleep: async () => undefined })).rejects.toBe(last);
    expect(calls()).toBe(3);
  });
});

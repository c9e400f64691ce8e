import { describe, expect, it } from 'vitest';
import { CLOSED, type BreakerState } from './circuit-breaker.js';
import { classifyFailure, NotYet, planAfterFailure, type FailurePolicy } from './failure-outcome.js';
import type { OutboxEntry } from '../domain/outbox-entry.js';
import { UpstreamError } from './province-adapter.js';

const NOW = new Date('2026-12-03T10:00:00.000Z');
const POLICY: FailurePolicy = { retry: { baseMs: 2000, capMs: 60_000, maxAttempts: 3 }, breaker: { threshold: 2, openMs: 30_000 }, pollMs: 1000 };

function entry(attempts = 0): OutboxEntry {
  return {
    _id: 'submit:app-1',
    type: 'outbox',
    kind: 'submit',
    applicationId: 'app-1',
    owner: 'u1',
    key: 'k',
    readyAt: '2026-12-03T09:00:00.000Z',
    state: 'pending',
    attempts,
    nextAttemptAt: '2026-12-03T09:00:00.000Z',
    createdAt: '2026-12-03T09:00:00.000Z',
  };
}

describe('classifyFailure', () => {
  it('should tell a deferral, the province’s answer and the gateway’s own failure apart', () => {
    expect(classifyFailure(new NotYet())).toEqual({ kind: 'not-yet' });
    expect(classifyFailure(new UpstreamError('refused', true, 422))).toEqual({ kind: 'upstream', permanent: true, reason: 'refused' });
    expect(classifyFailure(new UpstreamError('timeout', false))).toEqual({ kind: 'upstream', permanent: false, reason: 'timeout' });
    expect(classifyFailure(new Error('store down'))).toEqual({ kind: 'internal', reason: 'store down' });
    expect(classifyFailure('odd')).toEqual({ kind: 'internal', reason: 'odd' });
  });
});

describe('planAfterFailure', () => {
  it('should defer an entry waiting for its case without spending an attempt or touching the circuit', () => {
    const open: BreakerState = { phase: 'open', until: NOW.getTime() + 1000 };
    const plan = planAfterFailure(entry(2), { kind: 'not-yet' }, open, NOW, POLICY, 0.5);
    expect(plan.outcome).toEqual({ action: 'deferred', patch: { nextAttemptAt: '2026-12-03T10:00:01.000Z' } });
    expect(plan.breaker).toBe(open);
  });

  it('should make a permanent refusal a dead letter at once and close the circuit: the province answered', () => {
    const plan = planAfterFailure(entry(), { kind: 'upstream', permanent: true, reason: 'bad form' }, { phase: 'closed', failures: 1 }, NOW, POLICY, 0.5);
    expect(plan.outcome).toEqual({
      action: 'dead',
      reason: 'bad form',
      patch: { state: 'dead', attempts: 1, lastError: 'bad form', deadReason: 'bad form', deadAt: NOW.toISOString() },
    });
    expect(plan.breaker).toEqual(CLOSED);
  });

  it('should retry a transient failure after a jittered delay, counting it towards opening the circuit', () => {
    const first = planAfterFailure(entry(), { kind: 'upstream', permanent: false, reason: 'timeout' }, CLOSED, NOW, POLICY, 0.5);
    expect(first.outcome).toEqual({ action: 'retry', delayMs: 1000, patch: { attempts: 1, lastError: 'timeout', nextAttemptAt: '2026-12-03T10:00:01.000Z' } });
    expect(first.breaker).toEqual({ phase: 'closed', failures: 1 });
    const second = planAfterFailure(entry(1), { kind: 'internal', reason: 'store down' }, first.breaker, NOW, POLICY, 0.5);
    expect(second.outcome).toMatchObject({ action: 'retry', delayMs: 2000 });
    expect(second.breaker.phase).toBe('open');
  });

  it('should give up after the policy’s attempts with the last reason', () => {
    const plan = planAfterFailure(entry(2), { kind: 'upstream', permanent: false, reason: 'timeout' }, CLOSED, NOW, POLICY, 0.5);
    expect(plan.outcome).toMatchObject({ action: 'dead', reason: 'gave up after 3 attempts: timeout', patch: { state: 'dead', attempts: 3 } });
  });
});

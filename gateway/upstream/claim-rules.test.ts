import { describe, expect, it } from 'vitest';
import { isClaimable, leaseEnd, nextRoundDelayMs } from './claim-rules.js';
import type { OutboxEntry } from '../domain/outbox-entry.js';

const NOW = new Date('2026-12-03T10:00:00.000Z');

function entry(overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    _id: 'submit:app-1',
    type: 'outbox',
    kind: 'submit',
    applicationId: 'app-1',
    owner: 'u1',
    key: 'k',
    readyAt: '2026-12-03T09:00:00.000Z',
    state: 'pending',
    attempts: 0,
    nextAttemptAt: '2026-12-03T09:59:59.000Z',
    createdAt: '2026-12-03T09:00:00.000Z',
    ...overrides,
  };
}

describe('isClaimable', () => {
  it('should take a pending entry that is due and nobody holds', () => {
    expect(isClaimable(entry(), NOW, 'gw-a')).toBe(true);
  });

  it('should leave an entry that is no longer pending or not due yet (the query may answer an old version)', () => {
    expect(isClaimable(entry({ state: 'done' }), NOW, 'gw-a')).toBe(false);
    expect(isClaimable(entry({ state: 'dead' }), NOW, 'gw-a')).toBe(false);
    expect(isClaimable(entry({ nextAttemptAt: '2026-12-03T10:00:01.000Z' }), NOW, 'gw-a')).toBe(false);
  });

  it('should leave an entry another instance holds under a live lease, and take it once the lease expired', () => {
    expect(isClaimable(entry({ claimedBy: 'gw-b', leaseUntil: '2026-12-03T10:01:00.000Z' }), NOW, 'gw-a')).toBe(false);
    expect(isClaimable(entry({ claimedBy: 'gw-b', leaseUntil: '2026-12-03T09:59:00.000Z' }), NOW, 'gw-a')).toBe(true);
  });

  it('should take back its own claim (a round of this instance that stopped half way)', () => {
    expect(isClaimable(entry({ claimedBy: 'gw-a', leaseUntil: '2026-12-03T10:01:00.000Z' }), NOW, 'gw-a')).toBe(true);
  });
});

describe('leaseEnd', () => {
  it('should end the lease leaseMs from now', () => {
    expect(leaseEnd(NOW, 120_000)).toBe('2026-12-03T10:02:00.000Z');
  });
});

describe('nextRoundDelayMs', () => {
  it('should poll at the base pace after a round with work, and stretch idle rounds up to eight times', () => {
    expect([0, 1, 2, 3, 4, 10].map((idle) => nextRoundDelayMs(1000, idle))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });
});

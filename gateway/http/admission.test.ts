import { describe, expect, it } from 'vitest';
import { AdmissionGate, type AdmissionLimits, type AdmissionTimers } from './admission.js';

/** Timers fired by hand: the gate's waits without waiting. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 0;
  const timers: AdmissionTimers = {
    setTimeout: (fn) => {
      pending.set(++next, fn);
      return next;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  return { timers, fireAll: () => [...pending.values()].forEach((fn) => fn()), pending };
}

const limits = (over: Partial<AdmissionLimits> = {}): AdmissionLimits => ({
  maxActive: 2,
  maxQueued: 1,
  maxWaitMs: 1_000,
  retryAfterSeconds: 2,
  maxRetryAfterSeconds: 30,
  ...over,
});

describe('AdmissionGate', () => {
  it('should admit up to maxActive at once, queue up to maxQueued, and refuse the rest at once', async () => {
    const gate = new AdmissionGate(limits(), manualTimers().timers);
    const first = await gate.enter();
    const second = await gate.enter();
    const queued = gate.enter();
    const refused = await gate.enter();
    expect(first).toBeTypeOf('function');
    expect(second).toBeTypeOf('function');
    expect(refused).toBeNull();
    expect(gate.counts).toEqual({ active: 2, queued: 1 });
    first!();
    expect(await queued).toBeTypeOf('function');
    expect(gate.counts).toEqual({ active: 2, queued: 0 });
  });

  it('should serve the queue first come, first served', async () => {
    const gate = new AdmissionGate(limits({ maxActive: 1, maxQueued: 3 }), manualTimers().timers);
    const release = await gate.enter();
    const order: string[] = [];
    const waits = ['a', 'b', 'c'].map((name) => gate.enter().then((r) => (order.push(name), r)));
    release!();
    (await waits[0])!();
    (await waits[1])!();
    await waits[2];
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('should refuse a request that waited maxWaitMs, and forget it', async () => {
    const clock = manualTimers();
    const gate = new AdmissionGate(limits({ maxActive: 1 }), clock.timers);
    const release = await gate.enter();
    const waiting = gate.enter();
    clock.fireAll();
    expect(await waiting).toBeNull();
    expect(gate.counts).toEqual({ active: 1, queued: 0 });
    release!();
    expect(gate.counts).toEqual({ active: 0, queued: 0 });
  });

  it('should let a waiting request go when its client leaves', async () => {
    const gate = new AdmissionGate(limits({ maxActive: 1 }), manualTimers().timers);
    await gate.enter();
    const left = new AbortController();
    const waiting = gate.enter(left.signal);
    left.abort();
    expect(await waiting).toBeNull();
    expect(gate.counts.queued).toBe(0);
  });

  it('should free a turn once however often it is released', async () => {
    const gate = new AdmissionGate(limits({ maxActive: 2 }), manualTimers().timers);
    const release = await gate.enter();
    await gate.enter();
    release!();
    release!();
    expect(gate.counts.active).toBe(1);
  });

  it('should not let a newcomer pass requests already waiting', async () => {
    const gate = new AdmissionGate(limits({ maxActive: 1, maxQueued: 2 }), manualTimers().timers);
    const release = await gate.enter();
    const waiting = gate.enter();
    release!();
    const newcomer = gate.enter();
    expect(await waiting).toBeTypeOf('function');
    expect(gate.counts).toEqual({ active: 1, queued: 1 });
    void newcomer;
  });
});

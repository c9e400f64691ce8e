import { describe, expect, it } from 'vitest';
import { createImportLock } from './import-lock.js';
import { MemoryImportJournalStore } from '../../test/support/memory-stores.js';

describe('createImportLock', () => {
  it('should run imports one at a time, in order, even after one fails', async () => {
    const lock = createImportLock();
    const log: string[] = [];
    const slow =
      (name: string, ms: number, fail = false) =>
      async () => {
        log.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      };
    const runs = [lock.run(slow('a', 20, true)), lock.run(slow('b', 5)), lock.run(slow('c', 1))];
    const settled = await Promise.allSettled(runs);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});

describe('createImportLock across processes', () => {
  /** A clock the test moves, and a sleep that moves it instead of waiting. */
  function fakeTime(start = Date.parse('2026-11-26T08:00:00Z')) {
    let t = start;
    return { clock: { now: () => new Date(t) }, sleep: async (ms: number) => void (t += ms) };
  }

  it('should let only one of two gateways on one store import at a time', async () => {
    const leases = new MemoryImportJournalStore();
    const time = fakeTime();
    const log: string[] = [];
    let releaseA: () => void = () => undefined;
    const aReleased = new Promise<void>((resolve) => (releaseA = resolve));
    const a = createImportLock({ leases, holder: 'a', clock: time.clock });
    // b retries whenever it is told to; here, once a has been let go.
    const b = createImportLock({
      leases,
      holder: 'b',
      clock: time.clock,
      sleep: async () => {
        log.push('b waits');
        await aReleased;
      },
    });
    let aStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (aStarted = resolve));
    const aDone = a.run(async () => {
      log.push('a starts');
      aStarted();
      await aReleased;
      log.push('a ends');
    });
    await started;
    const bDone = b.run(async () => void log.push('b runs'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(log).toEqual(['a starts', 'b waits']);
    releaseA();
    await Promise.all([aDone, bDone]);
    expect(log).toEqual(['a starts', 'b waits', 'a ends', 'b runs']);
  });

  it('should answer IMPORT_BUSY when the other import does not finish in time', async () => {
    const leases = new MemoryImportJournalStore();
    const time = fakeTime();
    expect(await leases.acquireLease('other', new Date(time.clock.now().getTime() + 60_000).toISOString(), time.clock.now().toISOString())).toBe(true);
    const lock = createImportLock({ leases, holder: 'me', ...time, waitMs: 10_000 });
    await expect(lock.run(async () => 'never')).rejects.toMatchObject({ code: 'IMPORT_BUSY' });
  });

  it('should take over the lease of a process that died once it expired', async () => {
    const leases = new MemoryImportJournalStore();
    const time = fakeTime();
    await leases.acquireLease('dead', new Date(time.clock.now().getTime() + 30_000).toISOString(), time.clock.now().toISOString());
    const lock = createImportLock({ leases, holder: 'me', ...time, waitMs: 60_000 });
    expect(await lock.run(async () => 'imported')).toBe('imported');
    // Released afterwards: someone else can take it at once.
    expect(await leases.acquireLease('next', '2099-01-01T00:00:00Z', time.clock.now().toISOString())).toBe(true);
  });
});

import { describe, expect, it, vi } from 'vitest';
import type { MaterialSource } from './material-source.js';
import { createMemoryMaterialSource } from '../../test/support/memory-material-source.js';
import { createTransferScheduler, ONLINE_JITTER_MS, UPLOAD_BACKOFF_BASE_MS, type MaterialGateway, type TransferTimer } from './transfer-scheduler.js';
import { PROGRESS_RESUMES } from './upload-retry.js';
import type { GatewayError } from '../client/gateway-error.js';
import { uploadFailure } from './upload-failure.js';

const hash = (n: number) => n.toString(16).padStart(64, '0');

function blobs(count: number, size = 100): Map<string, Blob> {
  return new Map(Array.from({ length: count }, (_, i) => [hash(i + 1), new Blob([new Uint8Array(size)])]));
}

/** A timer the test fires by hand. */
function fakeTimer() {
  const pending = new Map<number, { run: () => void; ms: number }>();
  let next = 1;
  const timer: TransferTimer = {
    set(run, ms) {
      pending.set(next, { run, ms });
      return next++;
    },
    clear: (handle) => void pending.delete(handle as number),
    now: () => 0,
  };
  return {
    timer,
    delays: () => [...pending.values()].map((p) => p.ms),
    fireAll() {
      const due = [...pending.entries()];
      pending.clear();
      for (const [, p] of due) p.run();
    },
  };
}

/** A gateway in memory: records calls; `failWith` decides a failure per upload call. */
function fakeGateway(held: string[] = [], failWith: (sha256: string, call: number) => GatewayError | null = () => null) {
  const calls = { have: [] as string[][], uploads: [] as string[], inFlight: 0, maxInFlight: 0, signals: [] as AbortSignal[] };
  const releases: (() => void)[] = [];
  let hold = false;
  const gateway: MaterialGateway = {
    async have(sha256) {
      calls.have.push(sha256);
      return sha256.filter((h) => held.includes(h));
    },
    async upload(sha256, blob, onProgress, signal) {
      const call = calls.uploads.push(sha256);
      calls.signals.push(signal);
      calls.inFlight += 1;
      calls.maxInFlight = Math.max(calls.maxInFlight, calls.inFlight);
      try {
        if (hold)
          await new Promise<void>((resolve, reject) => {
            releases.push(resolve);
            signal.addEventListener('abort', () => reject(uploadFailure('aborted', 0, 'aborted')));
          });
        const failure = failWith(sha256, call);
        if (failure) throw failure;
        onProgress(blob.size, blob.size);
      } finally {
        calls.inFlight -= 1;
      }
    },
  };
  return {
    gateway,
    calls,
    holdUploads: () => (hold = true),
    releaseOne: () => releases.shift()?.(),
    waitingUploads: () => releases.length,
  };
}

/** Waits for a state of the fakes (the scheduler's own timer is faked, vitest's polling is not). */
function until(condition: () => boolean): Promise<void> {
  return vi.waitFor(() => expect(condition()).toBe(true), { timeout: 5_000, interval: 1 });
}

describe('createTransferScheduler', () => {
  it('should send nothing before the documents reached the gateway', async () => {
    const source = createMemoryMaterialSource(blobs(2));
    const { gateway, calls } = fakeGateway();
    let documentsSent!: () => void;
    const documents = new Promise<void>((resolve) => (documentsSent = resolve));
    const scheduler = createTransferScheduler({ source, gateway, documentsSent: () => documents, timer: fakeTimer().timer });

    scheduler.kick();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(scheduler.snapshot().status).toBe('documents');
    expect(calls.have).toEqual([]);
    expect(calls.uploads).toEqual([]);

    documentsSent();
    await scheduler.settled();
    expect(calls.uploads.sort()).toEqual([hash(1), hash(2)]);
    expect(scheduler.snapshot().status).toBe('idle');
  });

  it('should take the shared upload lock only once the documents are in, never while waiting for them', async () => {
    const source = createMemoryMaterialSource(blobs(1));
    const { gateway, calls } = fakeGateway();
    let documentsSent!: () => void;
    const documents = new Promise<void>((resolve) => (documentsSent = resolve));
    let locked = 0;
    const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
      locked += 1;
      return work();
    };
    const scheduler = createTransferScheduler({ source, gateway, documentsSent: () => documents, exclusive, timer: fakeTimer().timer });

    scheduler.kick();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(locked).toBe(0);
    documentsSent();
    await scheduler.settled();
    expect(locked).toBe(1);
    expect(calls.uploads).toEqual([hash(1)]);
  });

  it('should ask once which materials the gateway holds and upload only the others', async () => {
    const source = createMemoryMaterialSource(blobs(4));
    const { gateway, calls } = fakeGateway([hash(2), hash(4)]);
    const scheduler = createTransferScheduler({ source, gateway, documentsSent: async () => {}, timer: fakeTimer().timer });

    scheduler.kick();
    await scheduler.settled();
    expect(calls.have).toEqual([[hash(1), hash(2), hash(3), hash(4)]]);
    expect(calls.uploads.sort()).toEqual([hash(1), hash(3)]);
    expect([...source.uploaded].sort()).toEqual([hash(1), hash(2), hash(3), hash(4)]);
    expect(Object.values(scheduler.snapshot().items).map((i) => i.state)).toEqual(['sent', 'sent', 'sent', 'sent']);
  });

  it('should upload at most `concurrency` materials at once, and all of them in the end', async () => {
    const source = createMemoryMaterialSource(blobs(5));
    const fake = fakeGateway();
    fake.holdUploads();
    const scheduler = createTransferScheduler({ source, gateway: fake.gateway, documentsSent: async () => {}, concurrency: 2, timer: fakeTimer().timer });

    scheduler.kick();
    for (let released = 0; released < 5; released += 1) {
      await until(() => fake.waitingUploads() > 0);
      expect(fake.calls.inFlight).toBeLessThanOrEqual(2);
      fake.releaseOne();
    }
    await scheduler.settled();
    expect(fake.calls.maxInFlight).toBe(2);
    expect(source.uploaded.size).toBe(5);
  });

  it('should retry a failed round after a full-jitter backoff that doubles each time', async () => {
    const source = createMemoryMaterialSource(blobs(1));
    const { gateway, calls } = fakeGateway([], (_sha, call) => (call <= 3 ? uploadFailure('offline', 0, 'no network') : null));
    const clock = fakeTimer();
    const random = () => 0.5;
    const scheduler = createTransferScheduler({ source, gateway, documentsSent: async () => {}, timer: clock.timer, backoff: { random } });

    scheduler.kick();
    await scheduler.settled();
    const delays: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      expect(scheduler.snapshot().status).toBe('retrying');
      delays.push(...clock.delays());
      clock.fireAll();
      await scheduler.settled();
    }
    expect(delays).toEqual([0.5 * UPLOAD_BACKOFF_BASE_MS, 1 * UPLOAD_BACKOFF_BASE_MS, 2 * UPLOAD_BACKOFF_BASE_MS]);
    expect(calls.uploads).toHaveLength(4);
    expect(source.uploaded.has(hash(1))).toBe(true);
    expect(scheduler.snapshot().status).toBe('idle');
    expect(clock.delays()).toEqual([]);
  });

  it('should keep every backoff wait within [0, base × 2^attempt] whatever the randomness', async () => {
    for (const r of [0, 0.3, 0.999999]) {
      const clock = fakeTimer();
      const { gateway } = fakeGateway([], () => uploadFailure('server', 503, 'busy'));
      const scheduler = createTransferScheduler({
        source: createMemoryMaterialSource(blobs(1)),
        gateway,
        documentsSent: async () => {},
        timer: clock.timer,
        backoff: { random: () => r },
      });
      scheduler.kick();
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await scheduler.settled();
        const [delay] = clock.delays();
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(UPLOAD_BACKOFF_BASE_MS * 2 ** attempt);
        clock.fireAll();
      }
      await scheduler.stop();
    }
  });

  it('should wait at least what a busy gateway asked with Retry-After before the next round', async () => {
    const clock = fakeTimer();
    const { gateway } = fakeGateway();
    gateway.have = async () => {
      throw uploadFailure('server', 503, 'materials/have answered 503', 30_000);
    };
    const scheduler = createTransferScheduler({
      source: createMemoryMaterialSource(blobs(1)),
      gateway,
      documentsSent: async () => {},
      timer: clock.timer,
      backoff: { random: () => 0 },
    });
    scheduler.kick();
    await scheduler.settled();
    expect(clock.delays()).toEqual([30_000]);
    await scheduler.stop();
  });

  it('should start a round after the network came back only after a random wait below the online jitter', async () => {
    const clock = fakeTimer();
    const { gateway, calls } = fakeGateway();
    const scheduler = createTransferScheduler({
      source: createMemoryMaterialSource(blobs(1)),
      gateway,
      documentsSent: async () => {},
      timer: clock.timer,
      backoff: { random: () => 0.75 },
    });
    scheduler.kickSoon();
    expect(clock.delays()).toEqual([0.75 * ONLINE_JITTER_MS]);
    expect(calls.have).toEqual([]);
    clock.fireAll();
    await scheduler.settled();
    expect(calls.uploads).toEqual([hash(1)]);
  });

  it('should read the material again and send it from the start after a hash mismatch, and mark it sent only once it matched', async () => {
    const base = createMemoryMaterialSource(blobs(1));
    let reads = 0;
    const source: MaterialSource = { ...base, blob: (sha256) => ((reads += 1), base.blob(sha256)) };
    const { gateway, calls } = fakeGateway([], (_sha, call) => (call === 1 ? uploadFailure('mismatch', 460, 'hash mismatch') : null));
    const scheduler = createTransferScheduler({ source, gateway, documentsSent: async () => {}, timer: fakeTimer().timer });

    scheduler.kick();
    await scheduler.settled();
    expect(calls.uploads).toEqual([hash(1), hash(1)]);
    expect(reads).toBe(2);
    expect(base.uploaded.has(hash(1))).toBe(true);
  });

  it('should never mark a material sent while the gateway keeps refusing its hash, and retry it later', async () => {
    const source = createMemoryMaterialSource(blobs(1));
    const clock = fakeTimer();
    const { gateway, calls } = fakeGateway([], () => uploadFailure('mismatch', 460, 'hash mismatch'));
    const scheduler = createTransferScheduler({ source, gateway, documentsSent: async () => {}, timer: clock.timer });

    scheduler.kick();
    await scheduler.settled();
    expect(calls.uploads).toHaveLength(2);
    expect(source.uploaded.size).toBe(0);
    expect(scheduler.snapshot().items[hash(1)]).toMatchObject({ state: 'waiting', sent: 0 });
    expect(clock.delays()).toHaveLength(1);
    await scheduler.stop();
  });

  it('should resume at once after an offset conflict (409), without a backoff, and mark the material sent', async () => {
    const source = createMemoryMaterialSource(blobs(1));
    const clock = fakeTimer();
    const { gateway, calls } = fakeGateway([], (_sha, call) => (call === 1 ? uploadFailure('conflict', 409, 'offset conflict') : null));
    const scheduler = createTransferScheduler({ source, gateway, documentsSent: async () => {}, timer: clock.timer });

    scheduler.kick();
    await scheduler.settled();
    expect(calls.uploads).toEqual([hash(1), hash(1)]);
    expect(source.uploaded.has(hash(1))).toBe(true);
    expect(scheduler.snapshot().status).toBe('idle');
    expect(clock.delays()).toEqual([]);
  });

  it.each([404, 410])('should start a new upload at once from byte 0 when the gateway lost the upload (%i), after asking whether it holds the material', async (status) => {
    const source = createMemoryMaterialSource(blobs(1));
    const clock = fakeTimer();
    const { gateway, calls } = fakeGateway([], (_sha, call) => (call === 1 ? uploadFailure('gone', status, 'upload gone') : null));
    const scheduler = createTransferScheduler({ source, gateway, documentsSent: async () => {}, timer: clock.timer });

    scheduler.kick();
    await scheduler.settled();
    expect(calls.uploads).toEqual([hash(1), hash(1)]);
    // Once for the round, once after the upload was lost.
    expect(calls.have).toEqual([[hash(1)], [hash(1)]]);
    expect(source.uploaded.has(hash(1))).toBe(true);
    expect(clock.delays()).toEqual([]);
  });

  it('should mark a material sent without sending it again when its upload is gone because the gateway stored it', async () => {
    const source = createMemoryMaterialSource(blobs(1));
    const held: string[] = [];
    const { gateway, calls } = fakeGateway(held, () => {
      held.push(hash(1)); // the last chunk landed, its answer was lost
      return uploadFailure('gone', 410, 'upload gone');
    });
    const scheduler = createTransferScheduler({ source, gateway, documentsSent: async () => {}, timer: fakeTimer().timer });

    scheduler.kick();
    await scheduler.settled();
    expect(calls.uploads).toEqual([hash(1)]);
    expect(source.uploaded.has(hash(1))).toBe(true);
    expect(scheduler.snapshot().items[hash(1)]).toMatchObject({ state: 'sent' });
  });

  it.each([
    ['conflict', 409],
    ['gone', 410],
    ['gone', 404],
  ] as const)('should never give a material up for the session on a lasting %s (%i): it waits for the next round', async (kind, status) => {
    const source = createMemoryMaterialSource(blobs(1));
    const clock = fakeTimer();
    let failing = true;
    const { gateway, calls } = fakeGateway([], () => (failing ? uploadFailure(kind, status, kind) : null));
    const scheduler = createTransferScheduler({ source, gateway, documentsSent: async () => {}, timer: clock.timer });

    scheduler.kick();
    await scheduler.settled();
    expect(source.uploaded.size).toBe(0);
    expect(scheduler.snapshot().status).toBe('retrying');
    expect(scheduler.snapshot().items[hash(1)]).toMatchObject({ state: 'waiting' });
    expect(clock.delays()).toHaveLength(1);
    const tries = calls.uploads.length;
    expect(tries).toBeGreaterThan(1);

    failing = false;
    clock.fireAll();
    await scheduler.settled();
    expect(calls.uploads).toHaveLength(tries + 1);
    expect(source.uploaded.has(hash(1))).toBe(true);
    expect(scheduler.snapshot().status).toBe('idle');
  });

  it('should stop everything on a 401 and hand over to the sign-in flow', async () => {
    const source = createMemoryMaterialSource(blobs(3));
    const clock = fakeTimer();
    let asked = 0;
    const { gateway, calls } = fakeGateway([], () => uploadFailure('needs-sign-in', 401, 'expired'));
    const scheduler = createTransferScheduler({ source, gateway, documentsSent: async () => {}, timer: clock.timer, concurrency: 1, onNeedsSignIn: () => (asked += 1) });

    scheduler.kick();
    await scheduler.settled();
    expect(scheduler.snapshot().status).toBe('needs-sign-in');
    expect(asked).toBe(1);
    expect(calls.uploads).toHaveLength(1);
    expect(clock.delays()).toEqual([]);
    scheduler.kick();
    await scheduler.settled();
    expect(calls.uploads).toHaveLength(1);
  });

  it('should abort the uploads in flight on stop (sign-out) and never start again', async () => {
    const source = createMemoryMaterialSource(blobs(3));
    const clock = fakeTimer();
    const fake = fakeGateway();
    fake.holdUploads();
    const scheduler = createTransferScheduler({ source, gateway: fake.gateway, documentsSent: async () => {}, timer: clock.timer });

    scheduler.kick();
    await until(() => fake.waitingUploads() === 2);
    await scheduler.stop();
    expect(fake.calls.signals.every((s) => s.aborted)).toBe(true);
    expect(source.uploaded.size).toBe(0);
    expect(scheduler.snapshot().status).toBe('stopped');
    scheduler.kick();
    scheduler.kickSoon();
    await scheduler.settled();
    expect(fake.calls.uploads).toHaveLength(2);
    expect(clock.delays()).toEqual([]);
  });

  it('should run another round when kicked during one (a new submit)', async () => {
    const map = blobs(1);
    const source = createMemoryMaterialSource(map);
    const fake = fakeGateway();
    fake.holdUploads();
    const scheduler = createTransferScheduler({ source, gateway: fake.gateway, documentsSent: async () => {}, timer: fakeTimer().timer });

    scheduler.kick();
    await until(() => fake.waitingUploads() === 1);
    map.set(hash(9), new Blob([new Uint8Array(5)]));
    scheduler.kick();
    fake.releaseOne();
    await until(() => fake.waitingUploads() === 1);
    fake.releaseOne();
    await scheduler.settled();
    expect(fake.calls.uploads).toEqual([hash(1), hash(9)]);
  });
});

describe('createTransferScheduler on a link that drops while it works (2G)', () => {
  /** Each call moves the upload `step` bytes further, then the connection drops, until the end. */
  function droppingGateway(step: number) {
    const offsets = new Map<string, number>();
    let calls = 0;
    const gateway: MaterialGateway = {
      have: async () => [],
      async upload(sha256, blob, onProgress) {
        calls += 1;
        const offset = Math.min((offsets.get(sha256) ?? 0) + step, blob.size);
        offsets.set(sha256, offset);
        onProgress(offset, blob.size);
        if (offset < blob.size) throw uploadFailure('offline', 0, 'connection reset');
      },
    };
    return { gateway, calls: () => calls };
  }

  it('should resume at once after a drop that moved the upload forward, without waiting out a backoff', async () => {
    const source = createMemoryMaterialSource(blobs(1, 100));
    const { gateway, calls } = droppingGateway(30);
    const time = fakeTimer();
    const scheduler = createTransferScheduler({ source, gateway, documentsSent: async () => undefined, timer: time.timer });
    scheduler.kick();
    await scheduler.settled();
    expect(calls()).toBe(4);
    expect(scheduler.snapshot().status).toBe('idle');
    expect(time.delays()).toEqual([]);
    expect(await source.unsent()).toEqual([]);
  });

  it('should hand a material back to the round backoff when a drop moved nothing, and keep that backoff short after a round that moved bytes', async () => {
    const source = createMemoryMaterialSource(blobs(1, 10_000));
    // 1 byte per call: more drops than PROGRESS_RESUMES allows in one go.
    const { gateway, calls } = droppingGateway(1);
    const time = fakeTimer();
    const scheduler = createTransferScheduler({ source, gateway, documentsSent: async () => undefined, timer: time.timer, backoff: { random: () => 1 } });
    scheduler.kick();
    await scheduler.settled();
    expect(calls()).toBe(PROGRESS_RESUMES + 1);
    expect(scheduler.snapshot().status).toBe('retrying');
    // Bytes moved in that round: the wait is the shortest one, round after round.
    expect(time.delays()).toEqual([UPLOAD_BACKOFF_BASE_MS]);
    time.fireAll();
    await scheduler.settled();
    expect(time.delays()).toEqual([UPLOAD_BACKOFF_BASE_MS]);
    await scheduler.stop();
  });
});

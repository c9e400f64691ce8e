import type { Clock } from '../clock.js';
import type { UpstreamConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import { newInstanceId, startForwarder, type ForwarderCounts } from './forwarder.js';
import { createHttpProvinceAdapter } from './http-province-adapter.js';
import type { ProvinceAdapter } from './province-adapter.js';
import { startStatusPoller } from './status-poller.js';
import type { UplinkObserver } from './uplink-observer.js';

/** The running way to the province and back, as the rest of the gateway sees it. */
export interface Upstream {
  instanceId: string;
  /** This instance's forwarder figures; `circuit` is the breaker's phase now. */
  counts(): ForwarderCounts;
  stop(): Promise<void>;
}

/** What one outbox sweep found: users visited, entries it queued (and, for the marked users, marks cleared). */
export interface SweepResult {
  users: number;
  queued: number;
  cleared?: number;
}

/**
 * The sweeps that queue what a failure left out of the outbox. They are domain
 * work (commands/enqueue-deliveries.ts), handed in by the composition root so
 * the upstream side only schedules them and never imports the commands.
 */
export interface OutboxSweeps {
  /** Every account's complete applications. */
  sweepAll(): Promise<SweepResult>;
  /** Only the users a write marked dirty; clears the marks that outlived their writer. */
  sweepMarked(): Promise<SweepResult>;
}

const BATCH = 50;
/** One periodic sweep in this many visits every user (with the default period, hourly); the others only the marked ones. */
const FULL_SWEEP_EVERY = 6;

/**
 * Sweeps complete applications into the outbox (what a stop left unqueued:
 * every user, then the marked ones), then starts the forwarder and the status poller.
 */
export async function startUpstream(
  deps: { store: Store; sweeps: OutboxSweeps; clock: Clock; logger: Logger; province?: ProvinceAdapter; observer?: UplinkObserver },
  config: UpstreamConfig & { provinceUrl: string },
): Promise<Upstream> {
  const province = deps.province ?? createHttpProvinceAdapter({ url: config.provinceUrl, token: config.provinceToken, timeoutMs: config.requestTimeoutMs });
  const { outbox, documents, materials } = deps.store;
  const { sweeps } = deps;
  const instanceId = config.instanceId ?? newInstanceId();
  // The start-up sweep runs beside the forwarder rather than before the gateway
  // listens: it only adds entries, and with thousands of accounts it takes a while.
  let sweeping: Promise<unknown> = startupSweep(sweeps, deps.logger, instanceId);
  // Now and then: the users a write marked dirty (a failure between storing a
  // complete application and queueing it, on any instance), and every user
  // once in FULL_SWEEP_EVERY rounds as the safety net.
  let round = 0;
  let busy = true;
  sweeping = sweeping.finally(() => (busy = false));
  const sweeper = setInterval(() => {
    // One sweep at a time: a round that finds the last one still running is skipped, never queued behind it.
    if (busy) return;
    busy = true;
    round += 1;
    const full = round % FULL_SWEEP_EVERY === 0;
    sweeping = (full ? sweeps.sweepAll() : sweeps.sweepMarked())
      .then(
        (result) => {
          if (result.queued > 0) deps.logger.warn({ ...result, full, instance: instanceId }, 'outbox sweep queued applications a failure had left out');
        },
        (error: unknown) => deps.logger.warn({ err: error, full }, 'outbox sweep failed'),
      )
      .finally(() => (busy = false));
  }, config.sweepMs);
  sweeper.unref?.();
  const forwarder = startForwarder(
    { outbox, documents, materials, province, clock: deps.clock, logger: deps.logger, observer: deps.observer },
    {
      instanceId,
      pollMs: config.forwardPollMs,
      batchSize: BATCH,
      leaseMs: config.leaseMs,
      retry: { baseMs: config.retryBaseMs, capMs: config.retryCapMs, maxAttempts: config.maxAttempts },
      breaker: { threshold: config.breakerThreshold, openMs: config.breakerOpenMs },
    },
  );
  const poller = startStatusPoller(
    { outbox, documents, province, clock: deps.clock, logger: deps.logger, observer: deps.observer },
    { pollMs: config.statusPollMs, batchSize: BATCH * 2 },
  );
  return {
    instanceId,
    counts: () => forwarder.counts(),
    async stop() {
      clearInterval(sweeper);
      await Promise.all([forwarder.stop(), poller.stop(), sweeping]);
    },
  };
}

/** Every user, then the marked ones (clearing the marks a stop left); logged, never thrown: the periodic sweeps follow. */
async function startupSweep(sweeps: OutboxSweeps, logger: Logger, instanceId: string): Promise<void> {
  try {
    const swept = await sweeps.sweepAll();
    const marked = await sweeps.sweepMarked();
    logger.info({ users: swept.users, queued: swept.queued + marked.queued, marksCleared: marked.cleared ?? 0, instance: instanceId }, 'outbox sweep done');
  } catch (error) {
    logger.warn({ err: error, instance: instanceId }, 'outbox sweep at start failed');
  }
}

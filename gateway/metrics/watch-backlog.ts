import { Counter, Gauge, type Registry } from 'prom-client';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { OutboxStore } from '../store/store.js';
import type { OutboxGauges } from '../domain/outbox-entry.js';
import type { Upstream } from '../upstream/start-upstream.js';
import { createCachedReader } from './cached-reader.js';

/** Scrapes within this long share one outbox read. */
export const BACKLOG_CACHE_MS = 5_000;

const CIRCUIT_PHASES = ['closed', 'open', 'half-open'] as const;

/** The outbox figures as exposed: exclusive states, so `sum()` is every entry not done. */
export function toBacklogSeries(gauges: OutboxGauges, now: Date): { entries: Record<'pending' | 'in_flight' | 'dead', number>; oldestPendingSeconds: number } {
  const oldest = gauges.oldestPendingCreatedAt === null ? null : Date.parse(gauges.oldestPendingCreatedAt);
  return {
    entries: { pending: Math.max(0, gauges.pending - gauges.inFlight), in_flight: gauges.inFlight, dead: gauges.dead },
    oldestPendingSeconds: oldest === null ? 0 : Math.max(0, (now.getTime() - oldest) / 1000),
  };
}

/**
 * Registers the figures read at scrape time: the outbox backlog (shared by
 * every instance on the store, read through a reduce view and cached
 * {@link BACKLOG_CACHE_MS}) and, when this instance forwards, its circuit
 * breaker. A store that does not answer leaves the last values and counts a
 * failure; the scrape itself still succeeds.
 */
export function watchBacklog(registry: Registry, deps: { outbox: OutboxStore; clock: Clock; logger: Logger; upstream?: Upstream | null }): void {
  const readGauges = createCachedReader(() => deps.outbox.gauges(deps.clock.now()), deps.clock, BACKLOG_CACHE_MS);
  const failures = new Counter({
    name: 'tongban_outbox_read_failures_total',
    help: 'Failed outbox reads at scrape time (the backlog figures kept their last values).',
    registers: [registry],
  });
  /** The series of this scrape; each gauge reads them in its own collect (the registry collects gauges one by one). */
  async function readSeries(): Promise<ReturnType<typeof toBacklogSeries> | null> {
    try {
      return toBacklogSeries(await readGauges(), deps.clock.now());
    } catch (error) {
      failures.inc();
      deps.logger.warn({ err: error }, 'reading the outbox for metrics failed');
      return null;
    }
  }
  new Gauge({
    name: 'tongban_outbox_entries',
    help: 'Outbox entries not yet delivered, by state: pending (waiting), in_flight (claimed under a live lease), dead (dead letters). Shared by every instance on the store.',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const series = await readSeries();
      if (series) for (const [state, value] of Object.entries(series.entries)) this.set({ state }, value);
    },
  });
  new Gauge({
    name: 'tongban_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest pending outbox entry (0 when none is pending), by server clock.',
    registers: [registry],
    async collect() {
      const series = await readSeries();
      if (series) this.set(series.oldestPendingSeconds);
    },
  });
  const { upstream } = deps;
  if (!upstream) return;
  new Gauge({
    name: 'tongban_uplink_circuit_state',
    help: "This instance's circuit breaker towards the province: 1 for the phase it is in (closed, open, half-open), else 0.",
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const phase = upstream.counts().circuit;
      for (const state of CIRCUIT_PHASES) this.set({ state }, state === phase ? 1 : 0);
    },
  });
}

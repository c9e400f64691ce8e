import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { UplinkObserver } from '../upstream/uplink-observer.js';

/** Upper bounds (seconds) of the request duration buckets: 2G round trips are slow, pushes of photos slower. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Every figure one gateway instance exposes at `GET /metrics`, on its own
 * registry: two gateways in one process (tests, a blue/green swap) never share
 * a counter. Labels are route templates, collections, outcomes and catalogue
 * codes only: never a user id, name, ID number or token.
 */
export interface GatewayMetrics {
  readonly registry: Registry;
  readonly http: {
    requests: Counter<'route' | 'method' | 'status_class'>;
    duration: Histogram<'route' | 'method' | 'status_class'>;
    bodiesRefused: Counter<'code'>;
  };
  readonly sync: {
    pushed: Counter<'collection' | 'outcome'>;
    pulled: Counter<'collection'>;
    streamsOpen: Gauge<'collection'>;
    changesRequests: Counter;
  };
  readonly materials: {
    uploadsStarted: Counter;
    uploadsCompleted: Counter;
    bytesReceived: Counter;
    hashMismatches: Counter;
    stored: Counter<'outcome'>;
  };
  readonly uplink: {
    deliveries: Counter<'kind' | 'outcome'>;
    statusEvents: Counter;
    statusPollFailures: Counter;
    lastStatusPoll: Gauge;
    statusPollBehind: Gauge;
  };
  /** What the forwarder and the status poller report to (see gateway/upstream/uplink-observer.ts). */
  readonly uplinkObserver: UplinkObserver;
}

export interface GatewayMetricsOptions {
  /** Collect Node's process metrics (CPU, memory, event loop, GC); default true. */
  processMetrics?: boolean;
}

/** A fresh registry with the gateway's metrics on it; the composition root makes one per app. */
export function createGatewayMetrics(options: GatewayMetricsOptions = {}): GatewayMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const on = { registers: [registry] };
  const http = {
    requests: new Counter({
      name: 'tongban_http_requests_total',
      help: 'HTTP requests answered, by route template, method and status class.',
      labelNames: ['route', 'method', 'status_class'] as const,
      ...on,
    }),
    duration: new Histogram({
      name: 'tongban_http_request_duration_seconds',
      help: 'Time to answer an HTTP request (a live stream: until it ends).',
      labelNames: ['route', 'method', 'status_class'] as const,
      buckets: DURATION_BUCKETS,
      ...on,
    }),
    bodiesRefused: new Counter({
      name: 'tongban_http_bodies_refused_total',
      help: 'Request bodies refused (400/413/415), by error catalogue code.',
      labelNames: ['code'] as const,
      ...on,
    }),
  };
  const sync = {
    pushed: new Counter({
      name: 'tongban_sync_pushed_documents_total',
      help: 'Pushed documents by collection and outcome (written, unchanged, conflict, error).',
      labelNames: ['collection', 'outcome'] as const,
      ...on,
    }),
    pulled: new Counter({ name: 'tongban_sync_pulled_documents_total', help: 'Documents answered to pulls, by collection.', labelNames: ['collection'] as const, ...on }),
    streamsOpen: new Gauge({ name: 'tongban_sync_streams_open', help: 'Live change streams open now, by collection.', labelNames: ['collection'] as const, ...on }),
    changesRequests: new Counter({ name: 'tongban_sync_changes_requests_total', help: 'Changes questions answered (POST /v1/sync/changes).', ...on }),
  };
  const materials = {
    uploadsStarted: new Counter({ name: 'tongban_material_uploads_started_total', help: 'Material uploads created (tus POST answered 201).', ...on }),
    uploadsCompleted: new Counter({ name: 'tongban_material_uploads_completed_total', help: 'Material uploads whose bytes all arrived and matched their SHA-256.', ...on }),
    bytesReceived: new Counter({ name: 'tongban_material_bytes_received_total', help: 'Material bytes received in tus PATCH requests.', ...on }),
    hashMismatches: new Counter({ name: 'tongban_material_hash_mismatches_total', help: 'Uploads refused because the bytes did not match the declared SHA-256 (460).', ...on }),
    stored: new Counter({
      name: 'tongban_materials_stored_total',
      help: 'Completed uploads by what the store did: stored (new) or exists (already held).',
      labelNames: ['outcome'] as const,
      ...on,
    }),
  };
  const uplink = {
    deliveries: new Counter({
      name: 'tongban_uplink_deliveries_total',
      help: 'Delivery attempts to the provincial platform by kind and outcome (delivered, replayed, retry, dead, deferred).',
      labelNames: ['kind', 'outcome'] as const,
      ...on,
    }),
    statusEvents: new Counter({ name: 'tongban_status_poll_events_total', help: 'Case events read from the province change feed.', ...on }),
    statusPollFailures: new Counter({ name: 'tongban_status_poll_failures_total', help: 'Polls of the province change feed that failed.', ...on }),
    lastStatusPoll: new Gauge({
      name: 'tongban_status_poll_last_success_timestamp_seconds',
      help: 'When the province change feed last answered (Unix seconds, server clock); 0 before the first poll.',
      ...on,
    }),
    statusPollBehind: new Gauge({ name: 'tongban_status_poll_behind', help: '1 while the last page of the province change feed was full (more events waiting), else 0.', ...on }),
  };
  const uplinkObserver: UplinkObserver = {
    delivery: (kind, outcome) => uplink.deliveries.inc({ kind, outcome }),
    polled: (events, full, at) => {
      uplink.statusEvents.inc(events);
      uplink.lastStatusPoll.set(at.getTime() / 1000);
      uplink.statusPollBehind.set(full ? 1 : 0);
    },
    pollFailed: () => uplink.statusPollFailures.inc(),
  };
  return { registry, http, sync, materials, uplink, uplinkObserver };
}

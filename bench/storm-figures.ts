/** The pure arithmetic of `bench:storm`: percentiles, rates and the printed table. */
import type { LandedCheck, PushAnswer } from './storm-load.js';

/** The value at quantile `q` (0..1) of `values`, nearest rank; NaN when empty. */
export function percentile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export interface StormFigures {
  accounts: number;
  apps: number;
  streams: number;
  store: string;
  rawDocsPerSecond: number;
  rawWallMs: number;
  gatewayDocsPerSecond: number;
  gatewayWallMs: number;
  answers: PushAnswer[];
  failed: number;
  landed: LandedCheck;
  streamsOpened: number;
  /** Idle; settled with the streams open, before the storm (the target's figure); after the storm, streams still open; peak during the storm. */
  gatewayRssMb: { beforeStreams: number; withStreams: number; afterStorm: number; peak: number };
  storeRssMb?: { peak: number };
  /** Round trips the embedded store served by request shape, during the raw baseline and during the storm. */
  storeRequests?: { raw: Record<string, number>; gateway: Record<string, number> };
}

/** How many of the storm's kinds of store request are listed one by one. */
const LISTED_SHAPES = 10;

/** Store round trips per push: the total beside raw, then the commonest kinds. */
function formatRequests(requests: NonNullable<StormFigures['storeRequests']>, pushes: number): string[] {
  const total = (tally: Record<string, number>) => Object.values(tally).reduce((sum, n) => sum + n, 0);
  const perPush = (n: number) => (n / pushes).toFixed(2);
  const kinds = Object.entries(requests.gateway).sort((a, b) => b[1] - a[1]);
  return [
    `  store round trips     ${perPush(total(requests.gateway))} per accepted push (raw ${perPush(total(requests.raw))}), of which:`,
    ...kinds.slice(0, LISTED_SHAPES).map(([shape, n]) => `    ${perPush(n).padStart(6)}  ${shape}`),
  ];
}

const mb = (n: number) => `${n.toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The lines `bench:storm` prints: each figure beside its target or the raw baseline of the same run. */
export function formatStorm(f: StormFigures): string[] {
  const accepted = f.answers.filter((a) => a.status === 200).map((a) => a.ms);
  const refused = f.answers.filter((a) => a.status === 429 || a.status === 503);
  const withHeader = refused.filter((a) => a.retryAfterMs !== undefined).length;
  const unreached = f.answers.filter((a) => a.status === 0).length;
  const other = f.answers.length - accepted.length - refused.length - unreached;
  const ratio = f.gatewayDocsPerSecond / f.rawDocsPerSecond;
  const p99 = percentile(accepted, 0.99);
  const exactlyOnce = f.landed.landed === f.landed.expected && f.landed.missing === 0 && f.landed.unexpected === 0 && f.landed.rewritten === 0;
  const mark = (ok: boolean) => (ok ? 'met' : 'NOT met');
  return [
    `storm: ${f.accounts} accounts × ${f.apps} applications at once, ${f.streams} live streams, ${f.store}`,
    `  raw nano _bulk_docs   ${f.rawDocsPerSecond.toFixed(0)} docs/s (${s(f.rawWallMs)})`,
    `  gateway push          ${f.gatewayDocsPerSecond.toFixed(0)} docs/s (${s(f.gatewayWallMs)}): ${ratio.toFixed(2)}× raw (target ≥ 0.7×: ${mark(ratio >= 0.7)})`,
    `  accepted pushes       ${accepted.length}: p50 ${s(percentile(accepted, 0.5))}, p99 ${s(p99)}, max ${s(percentile(accepted, 1))} (target p99 ≤ 2 s: ${mark(p99 <= 2_000)})`,
    `  asked to retry        ${refused.length} answers (${withHeader} with Retry-After), gateway not reached ${unreached} (sent again after the device's retry time), other failures ${other}, pushes never landed ${f.failed}`,
    `  landed                ${f.landed.landed}/${f.landed.expected}, missing ${f.landed.missing}, unexpected ${f.landed.unexpected}, written twice ${f.landed.rewritten}: ${exactlyOnce ? 'exactly once' : 'NOT exactly once'}`,
    `  live streams          ${f.streamsOpened}/${f.streams} answered 200`,
    `  gateway RSS           ${mb(f.gatewayRssMb.beforeStreams)} idle, ${mb(f.gatewayRssMb.withStreams)} with ${f.streamsOpened} streams open (target ≤ 250 MB: ${mark(f.gatewayRssMb.withStreams <= 250)}), peak ${mb(f.gatewayRssMb.peak)} during the storm, ${mb(f.gatewayRssMb.afterStorm)} after it`,
    ...(f.storeRssMb ? [`  embedded store RSS    peak ${mb(f.storeRssMb.peak)} (its own process, not counted above)`] : []),
    ...(f.storeRequests && accepted.length > 0 ? formatRequests(f.storeRequests, accepted.length) : []),
  ];
}

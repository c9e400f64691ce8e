import { timingSafeEqual } from 'node:crypto';

/**
 * Who may read `GET /metrics`, decided before any store read:
 * - `allow`: the scrape token (TB_METRICS_TOKEN) was presented;
 * - `operator`: some other bearer token was presented: it must be an operator's session;
 * - `allow` also for a request without credentials from this host's loopback,
 *   only while no scrape token is configured and the request did not come
 *   through a proxy (a Forwarded or X-Forwarded-For header: a reverse proxy
 *   on the same host would otherwise make every visitor look local);
 * - `unauthenticated` otherwise.
 */
export type MetricsAccess = 'allow' | 'operator' | 'unauthenticated';

export interface MetricsRequest {
  /** The socket's peer address, not a forwarded one. */
  remoteAddress: string | undefined;
  /** The request carried Forwarded or X-Forwarded-For. */
  proxied: boolean;
  /** The bearer token sent, if any. */
  bearer: string | null;
}

export function decideMetricsAccess(request: MetricsRequest, scrapeToken: string | undefined): MetricsAccess {
  if (request.bearer !== null) return scrapeToken && sameSecret(request.bearer, scrapeToken) ? 'allow' : 'operator';
  if (!scrapeToken && !request.proxied && isLoopback(request.remoteAddress)) return 'allow';
  return 'unauthenticated';
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

/** Compares without leaking where the first difference is. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

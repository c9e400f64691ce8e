import { describe, expect, it } from 'vitest';
import { decideMetricsAccess, isLoopback } from './metrics-access.js';

const TOKEN = 'scrape-token-0123456789abcdef';
const local = { remoteAddress: '127.0.0.1', proxied: false, bearer: null };
const remote = { remoteAddress: '10.1.2.3', proxied: false, bearer: null };

describe('decideMetricsAccess', () => {
  it('should let a local scraper in without credentials while no scrape token is set', () => {
    expect(decideMetricsAccess(local, undefined)).toBe('allow');
    expect(decideMetricsAccess({ ...local, remoteAddress: '::ffff:127.0.0.1' }, undefined)).toBe('allow');
  });

  it('should refuse a remote scraper without credentials', () => {
    expect(decideMetricsAccess(remote, undefined)).toBe('unauthenticated');
  });

  it('should refuse a request a local reverse proxy forwarded', () => {
    expect(decideMetricsAccess({ ...local, proxied: true }, undefined)).toBe('unauthenticated');
  });

  it('should require the scrape token from everyone once it is set', () => {
    expect(decideMetricsAccess(local, TOKEN)).toBe('unauthenticated');
    expect(decideMetricsAccess({ ...remote, bearer: TOKEN }, TOKEN)).toBe('allow');
  });

  it('should leave any other bearer token to the operator check', () => {
    expect(decideMetricsAccess({ ...remote, bearer: `${TOKEN}x` }, TOKEN)).toBe('operator');
    expect(decideMetricsAccess({ ...local, bearer: TOKEN }, undefined)).toBe('operator');
  });
});

describe('isLoopback', () => {
  it('should know loopback addresses from others', () => {
    expect(['127.0.0.1', '127.8.9.1', '::1', '::ffff:127.0.0.1'].map(isLoopback)).toEqual([true, true, true, true]);
    expect(['10.0.0.1', '::ffff:10.0.0.1', '', undefined, '1127.0.0.1'].map(isLoopback)).toEqual([false, false, false, false, false]);
  });
});

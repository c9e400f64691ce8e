import { describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLES_DIR, DEFAULT_STATIC_DIR, readConfig } from './config.js';
import { DEFAULT_ADMISSION_LIMITS } from './http/admission.js';

describe('readConfig', () => {
  it('should use the named defaults for an empty environment', () => {
    const config = readConfig({}, '/srv/tongban');
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/srv/tongban/.data',
      uploadsDir: '/srv/tongban/.data/uploads',
      dbPrefix: 'tb',
      staticDir: DEFAULT_STATIC_DIR,
      samplesDir: DEFAULT_SAMPLES_DIR,
      logLevel: 'info',
      seed: true,
    });
    expect(config.couchUrl).toBeUndefined();
    expect(DEFAULT_STATIC_DIR.endsWith('/dist/')).toBe(true);
    expect(DEFAULT_SAMPLES_DIR.endsWith('/gateway/seed/samples/')).toBe(true);
  });

  it('should forward by default to no province (npm start supplies the simulator) with the named intervals', () => {
    const { upstream } = readConfig({}, '/srv');
    expect(upstream).toMatchObject({ enabled: true, forwardPollMs: 1000, statusPollMs: 2000, leaseMs: 120_000, maxAttempts: 500, breakerThreshold: 5 });
    expect(upstream.provinceUrl).toBeUndefined();
  });

  it('should read the province and forwarder variables, and refuse a province URL that is not one', () => {
    const { upstream } = readConfig({ TB_PROVINCE_URL: 'http://province:8090/', TB_PROVINCE_TOKEN: 't', TB_FORWARDER: '0', TB_FORWARD_LEASE_MS: '5000', TB_INSTANCE_ID: 'gw-1' });
    expect(upstream).toMatchObject({ enabled: false, provinceUrl: 'http://province:8090', provinceToken: 't', leaseMs: 5000, instanceId: 'gw-1' });
    expect(() => readConfig({ TB_PROVINCE_URL: 'not a url' })).toThrow(/TB_PROVINCE_URL/);
    expect(() => readConfig({ TB_FORWARD_POLL_MS: '-1' })).toThrow(/TB_FORWARD_POLL_MS/);
  });

  it('should refuse a TB_INSTANCE_ID that cannot stand in an upload URL or a file name', () => {
    for (const bad of ['gw/1', 'gw 1', 'gw.example', 'x'.repeat(41)]) expect(() => readConfig({ TB_INSTANCE_ID: bad })).toThrow(/TB_INSTANCE_ID/);
    expect(readConfig({ TB_INSTANCE_ID: 'gw_A-2' }).upstream.instanceId).toBe('gw_A-2');
  });

  it('should read every variable', () => {
    const config = readConfig(
      {
        PORT: '9090',
        HOST: '0.0.0.0',
        COUCHDB_URL: 'https://u:p@couch:6984',
        TB_DATA_DIR: 'data',
        TB_DB_PREFIX: 'tb_test',
        TB_STATIC_DIR: '/www',
        TB_SAMPLES_DIR: 'samples',
        LOG_LEVEL: 'warn',
        TB_SEED: '0',
        TB_UPLOADS_DIR: '/shared/uploads',
      },
      '/srv',
    );
    expect(config).toMatchObject({
      port: 9090,
      host: '0.0.0.0',
      couchUrl: 'https://u:p@couch:6984',
      dataDir: '/srv/data',
      uploadsDir: '/shared/uploads',
      dbPrefix: 'tb_test',
      staticDir: '/www',
      samplesDir: '/srv/samples',
      logLevel: 'warn',
      seed: false,
    });
  });

  it('should read a metrics scrape token, and refuse one a scraper could guess or a header could not carry', () => {
    expect(readConfig({}).metricsToken).toBeUndefined();
    expect(readConfig({ TB_METRICS_TOKEN: 'abcdefghij_0123456789-XYZ' }).metricsToken).toBe('abcdefghij_0123456789-XYZ');
    expect(() => readConfig({ TB_METRICS_TOKEN: 'short' })).toThrow(/TB_METRICS_TOKEN/);
    expect(() => readConfig({ TB_METRICS_TOKEN: 'has spaces in it and is long enough' })).toThrow(/TB_METRICS_TOKEN/);
  });

  it('should refuse a port that is not a number', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('should refuse a database prefix CouchDB cannot use', () => {
    expect(() => readConfig({ TB_DB_PREFIX: 'TB' })).toThrow(/TB_DB_PREFIX/);
  });

  it('should not repeat a malformed COUCHDB_URL, which may hold a password', () => {
    expect(() => readConfig({ COUCHDB_URL: 'couch:secret-pw' })).toThrow(/COUCHDB_URL/);
    try {
      readConfig({ COUCHDB_URL: 'couch:secret-pw' });
    } catch (error) {
      expect(String(error)).not.toContain('secret-pw');
    }
  });

  it('should read the admission gate, with its named defaults, and refuse a bound that is not a count', () => {
    expect(readConfig({}).admission).toEqual(DEFAULT_ADMISSION_LIMITS);
    expect(
      readConfig({
        TB_ADMISSION_MAX_ACTIVE: '16',
        TB_ADMISSION_MAX_QUEUED: '0',
        TB_ADMISSION_MAX_WAIT_MS: '500',
        TB_ADMISSION_RETRY_AFTER_S: '5',
        TB_ADMISSION_RETRY_AFTER_MAX_S: '60',
      }).admission,
    ).toEqual({
      maxActive: 16,
      maxQueued: 0,
      maxWaitMs: 500,
      retryAfterSeconds: 5,
      maxRetryAfterSeconds: 60,
    });
    expect(() => readConfig({ TB_ADMISSION_MAX_ACTIVE: '0' })).toThrow(/TB_ADMISSION_MAX_ACTIVE/);
    expect(() => readConfig({ TB_ADMISSION_MAX_QUEUED: '1.5' })).toThrow(/TB_ADMISSION_MAX_QUEUED/);
  });
});

describe('readConfig: live streams', () => {
  it('should cap concurrent stream reads of the store at 8 unless TB_STREAM_STORE_READS says otherwise', () => {
    expect(readConfig({}, '/srv').streamStoreReads).toBe(8);
    expect(readConfig({ TB_STREAM_STORE_READS: '3' }, '/srv').streamStoreReads).toBe(3);
    expect(() => readConfig({ TB_STREAM_STORE_READS: '0' }, '/srv')).toThrow(/TB_STREAM_STORE_READS/);
  });

  it('should pause 200 ms after a _db_updates answer unless TB_STREAM_COALESCE_MS says otherwise (0: none)', () => {
    expect(readConfig({}, '/srv').streamCoalesceMs).toBe(200);
    expect(readConfig({ TB_STREAM_COALESCE_MS: '0' }, '/srv').streamCoalesceMs).toBe(0);
    expect(readConfig({ TB_STREAM_COALESCE_MS: '100' }, '/srv').streamCoalesceMs).toBe(100);
    expect(() => readConfig({ TB_STREAM_COALESCE_MS: '-1' }, '/srv')).toThrow(/TB_STREAM_COALESCE_MS/);
  });
});

import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS, LIMITS, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../sync-protocol/index.js';
import { newDocumentId, sampleApplication } from '../support/sample-documents.js';
import { startTestGateway, type TestAccount, type TestGateway } from '../support/start-test-gateway.js';

describe('protocol version, authentication and client mistakes', () => {
  let gateway: TestGateway;
  let alice: TestAccount;
  let token: string;

  beforeAll(async () => {
    gateway = await startTestGateway();
    alice = await gateway.createAccount('applicant');
    token = await gateway.signIn(alice.login, alice.password);
  });

  afterAll(async () => {
    await gateway?.close();
  });

  async function storedIds(): Promise<string[]> {
    const db = gateway.couch.use(gateway.userDbName(alice.userId, 'applications'));
    try {
      return (await db.list()).rows.map((row) => row.id);
    } catch {
      return [];
    }
  }

  it.each([
    ['missing', undefined],
    ['older', '0'],
    ['newer', String(PROTOCOL_VERSION + 1)],
  ])('should refuse a %s protocol version with 426 and write nothing', async (_label, version) => {
    const doc = sampleApplication(newDocumentId());
    const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    if (version !== undefined) headers[PROTOCOL_HEADER] = version;
    const response = await fetch(`${gateway.url}/v1/sync/applications/push`, { method: 'POST', headers, body: JSON.stringify({ rows: [{ newDocumentState: doc }] }) });
    expect(response.status).toBe(426);
    expect(await response.json()).toMatchObject({ code: 'PROTOCOL_VERSION_UNSUPPORTED', message: ERRORS.PROTOCOL_VERSION_UNSUPPORTED.message });
    expect(response.headers.get(PROTOCOL_HEADER)).toBe(String(PROTOCOL_VERSION));
    expect(await storedIds()).not.toContain(doc.id);
  });

  it('should check the version before authentication', async () => {
    const response = await fetch(`${gateway.url}/v1/me`, { headers: { [PROTOCOL_HEADER]: '0' } });
    expect(response.status).toBe(426);
  });

  it('should answer 401 UNAUTHENTICATED without a token or with a wrong one', async () => {
    for (const authorization of [undefined, 'Bearer not-a-real-token-0000000000000', 'Basic abc']) {
      const headers: Record<string, string> = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
      if (authorization) headers.authorization = authorization;
      const response = await fetch(`${gateway.url}/v1/sync/applications/pull`, { headers });
      expect(response.status, authorization).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  it('should answer malformed JSON with 400 MALFORMED_BODY', async () => {
    const response = await fetch(`${gateway.url}/v1/sync/applications/push`, { method: 'POST', headers: gateway.headers(token), body: '{"rows": [' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'MALFORMED_BODY' });
  });

  it('should answer a non-JSON content type with 415', async () => {
    const response = await fetch(`${gateway.url}/v1/sync/applications/push`, {
      method: 'POST',
      headers: { ...gateway.headers(token), 'content-type': 'text/plain' },
      body: 'rows',
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('should refuse an oversized body with 413 before reading it', async () => {
    // Declare a body over the limit but send only its first kilobyte: a server
    // that buffered before checking would wait forever and the test would time out.
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${gateway.url}/v1/sync/applications/push`, {
        method: 'POST',
        headers: { ...gateway.headers(token), 'content-length': String(LIMITS.maxPushBodyBytes + 1) },
      });
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write('{"rows":[' + ' '.repeat(1024));
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'BODY_TOO_LARGE' });
  });

  it('should refuse a chunked body that grows over the limit with 413', async () => {
    const big = JSON.stringify({ rows: [{ newDocumentState: { id: 'x'.repeat(LIMITS.maxPushBodyBytes) } }] });
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const response = await fetch(`${gateway.url}/v1/sync/applications/push`, {
      method: 'POST',
      headers: gateway.headers(token),
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
  });

  it('should answer unknown collections and routes with 404 NOT_FOUND', async () => {
    for (const path of ['/v1/sync/payments/pull', '/v1/nothing-here']) {
      const response = await fetch(`${gateway.url}${path}`, { headers: gateway.headers(token) });
      expect(response.status, path).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('should refuse pushes to read-only collections', async () => {
    for (const collection of ['guides', 'statuses']) {
      const response = await fetch(`${gateway.url}/v1/sync/${collection}/push`, { method: 'POST', headers: gateway.headers(token), body: JSON.stringify({ rows: [] }) });
      expect(response.status, collection).toBe(405);
      expect(await response.json()).toMatchObject({ code: 'READ_ONLY_COLLECTION' });
    }
  });

  it('should carry the protocol version and a request id on every response, keeping the caller’s id', async () => {
    const response = await fetch(`${gateway.url}/v1/me`, { headers: { ...gateway.headers(token), 'x-request-id': 'req-abc-123' } });
    expect(response.status).toBe(200);
    expect(response.headers.get(PROTOCOL_HEADER)).toBe(String(PROTOCOL_VERSION));
    expect(response.headers.get('x-request-id')).toBe('req-abc-123');
    const health = await fetch(`${gateway.url}/health`);
    expect(health.headers.get(PROTOCOL_HEADER)).toBe(String(PROTOCOL_VERSION));
    expect(health.headers.get('x-request-id')).toMatch(/.+/);
  });

  it('should answer /health with the protocol version', async () => {
    const response = await fetch(`${gateway.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', protocol: PROTOCOL_VERSION });
  });
});

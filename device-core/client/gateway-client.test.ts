import { describe, expect, it } from 'vitest';
import { toProblemBody, type ErrorCode } from '../../sync-protocol/index.js';
import { createGatewayClient } from './gateway-client.js';
import { GatewayError } from './gateway-error.js';

type Call = { url: string; init: RequestInit };

function fakeFetch(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const call = { url: String(url), init };
    calls.push(call);
    return respond(call);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const problem = (status: number, code: ErrorCode) => json(status, toProblemBody(code));

describe('gateway client', () => {
  it('should send the protocol header and the bearer token on every request', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { documents: [], checkpoint: { seq: '5' } }));
    const client = createGatewayClient({ baseUrl: 'http://gw.test/', fetch, getToken: () => 'tok-1' });
    await client.pull('applications', { seq: '3' }, 50);
    const headers = new Headers(calls[0].init.headers);
    expect(calls[0].url).toBe('http://gw.test/v1/sync/applications/pull?since=3&limit=50');
    expect(headers.get('x-tongban-protocol')).toBe('1');
    expect(headers.get('authorization')).toBe('Bearer tok-1');
  });

  it('should pull one area feed of guides', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { documents: [], checkpoint: { seq: '0' } }));
    await createGatewayClient({ baseUrl: '', fetch }).pull('guides', { seq: '7' }, 100, '331123');
    expect(calls[0].url).toBe('/v1/sync/guides/pull?since=7&limit=100&area=331123');
  });

  it('should report the gateway clock of every answer', async () => {
    const { fetch } = fakeFetch(() => new Response('{"documents":[],"checkpoint":{"seq":"0"}}', { status: 200, headers: { date: 'Wed, 25 Nov 2026 08:00:00 GMT' } }));
    const seen: string[] = [];
    await createGatewayClient({ baseUrl: '', fetch, onServerDate: (d) => seen.push(d.toISOString()) }).pull('areas', undefined, 10);
    expect(seen).toEqual(['2026-11-25T08:00:00.000Z']);
  });

  it('should pull from the beginning without a checkpoint and send no token when anonymous', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { documents: [], checkpoint: { seq: '0' } }));
    const client = createGatewayClient({ baseUrl: '', fetch, getToken: () => 'tok-1' }).anonymous();
    await client.pull('guides', undefined, 100);
    expect(calls[0].url).toBe('/v1/sync/guides/pull?since=0&limit=100');
    expect(new Headers(calls[0].init.headers).has('authorization')).toBe(false);
  });

  it('should post push rows as JSON and return conflicts and errors', async () => {
    const answer = { conflicts: [], errors: [{ ...toProblemBody('DOCUMENT_INVALID', { field: 'applicant.name' }), id: 'app-00000001' }] };
    const { fetch, calls } = fakeFetch(() => json(200, answer));
    const client = createGatewayClient({ baseUrl: 'http://gw.test', fetch });
    const rows = [{ newDocumentState: { id: 'app-00000001', _deleted: false } }];
    expect(await client.push('applications', rows)).toEqual(answer);
    expect(calls[0].init.method).toBe('POST');
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ rows });
    expect(new Headers(calls[0].init.headers).get('content-type')).toBe('application/json');
  });

  it('should map 426 to needs-update', async () => {
    const client = createGatewayClient({ baseUrl: '', fetch: fakeFetch(() => problem(426, 'PROTOCOL_VERSION_UNSUPPORTED')).fetch });
    const error = await client.pull('guides', undefined, 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ kind: 'needs-update', status: 426, code: 'PROTOCOL_VERSION_UNSUPPORTED', isFatal: true });
  });

  it('should map 426 to needs-update even without a problem body', async () => {
    const client = createGatewayClient({ baseUrl: '', fetch: fakeFetch(() => new Response('Upgrade Required', { status: 426 })).fetch });
    await expect(client.pull('guides', undefined, 10)).rejects.toMatchObject({ kind: 'needs-update' });
  });

  it('should map an expired token to needs-sign-in but wrong credentials to a refusal', async () => {
    const expired = createGatewayClient({ baseUrl: '', fetch: fakeFetch(() => problem(401, 'UNAUTHENTICATED')).fetch });
    await expect(expired.push('applications', [])).rejects.toMatchObject({ kind: 'needs-sign-in' });
    const wrong = createGatewayClient({ baseUrl: '', fetch: fakeFetch(() => problem(401, 'INVALID_CREDENTIALS')).fetch });
    await expect(wrong.signIn('demo', 'nope')).rejects.toMatchObject({ kind: 'refused', problem: { message: '账号或密码不正确' } });
  });

  it('should map an unreachable gateway to offline and a 503 to a server error', async () => {
    const down = createGatewayClient({ baseUrl: '', fetch: fakeFetch(() => Promise.reject(new TypeError('Failed to fetch'))).fetch });
    await expect(down.pull('guides', undefined, 10)).rejects.toMatchObject({ kind: 'offline', status: 0, isFatal: false });
    const busy = createGatewayClient({ baseUrl: '', fetch: fakeFetch(() => problem(503, 'STORE_UNAVAILABLE')).fetch });
    await expect(busy.pull('guides', undefined, 10)).rejects.toMatchObject({ kind: 'server', code: 'STORE_UNAVAILABLE' });
  });

  it('should sign in with login and password', async () => {
    const session = { token: 't', user: { id: 'u1', login: 'demo', displayName: '演示用户', role: 'applicant' } };
    const { fetch, calls } = fakeFetch(() => json(200, session));
    expect(await createGatewayClient({ baseUrl: '', fetch }).signIn('demo', 'demo1234')).toEqual(session);
    expect(calls[0].url).toBe('/v1/session');
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ login: 'demo', password: 'demo1234' });
  });
});

describe('gateway client push compression', () => {
  const rows = Array.from({ length: 20 }, (_, i) => ({ newDocumentState: { id: `app-${String(i).padStart(8, '0')}`, note: '材料齐全，请审核', _deleted: false } }));
  const gunzip = async (body: unknown) => JSON.parse(await new Response(new Blob([body as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'))).text());

  it('should gzip a push body and say so', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { conflicts: [], errors: [] }));
    await createGatewayClient({ baseUrl: '', fetch }).push('applications', rows);
    const headers = new Headers(calls[0].init.headers);
    expect(headers.get('content-encoding')).toBe('gzip');
    expect(headers.get('content-type')).toBe('application/json');
    const body = calls[0].init.body as Uint8Array;
    expect(body.length).toBeLessThan(JSON.stringify({ rows }).length / 3);
    expect(await gunzip(body)).toEqual({ rows });
  });

  it('should send small bodies and every body with compression off plain', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { conflicts: [], errors: [] }));
    await createGatewayClient({ baseUrl: '', fetch }).push('applications', rows.slice(0, 1));
    await createGatewayClient({ baseUrl: '', fetch, compressBodies: false }).push('applications', rows);
    for (const call of calls) {
      expect(new Headers(call.init.headers).has('content-encoding')).toBe(false);
      expect(typeof call.init.body).toBe('string');
    }
  });

  it('should send the body again plain to a gateway that does not take gzip', async () => {
    const { fetch, calls } = fakeFetch((call) =>
      new Headers(call.init.headers).has('content-encoding') ? problem(415, 'UNSUPPORTED_CONTENT_ENCODING') : json(200, { conflicts: [], errors: [] }),
    );
    expect(await createGatewayClient({ baseUrl: '', fetch }).push('applications', rows)).toEqual({ conflicts: [], errors: [] });
    expect(calls).toHaveLength(2);
    expect(JSON.parse(calls[1].init.body as string)).toEqual({ rows });
  });
});

import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../gateway/http/app-state.js';
import { listMountedRoutes } from '../../gateway/http/create-app.js';
import { ERRORS, LIMITS, MAX_MATERIAL_BYTES, PROTOCOL_HEADER, PROTOCOL_VERSION, isErrorCode, type ErrorCode } from '../../sync-protocol/index.js';
import { createUpload, encodeMetadata, sha256Hex } from '../support/material-transfer.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';

/**
 * Walks every route the gateway mounts (its own list, `listMountedRoutes`)
 * with the mistakes clients make: no token, someone else's token, another
 * protocol version, another method, malformed JSON, the wrong content type,
 * bodies over the limit (declared, and chunked without a length), wrong types
 * in a field. Every answer must be a 4xx (never a 5xx), JSON from the
 * catalogue, whose `field` names what was wrong. A route without a case here
 * fails the first test.
 */

/** What the suite needs of the running gateway. */
interface Env {
  url: string;
  /** An applicant's token; `otherToken` another applicant's; `operatorToken` an operator's. */
  token: string;
  otherToken: string;
  operatorToken: string;
  /** Path of an upload owned by `token`'s user, half sent. */
  uploadPath: string;
}

type Body = { kind: 'bytes'; bytes: Buffer } | { kind: 'declared-oversize'; declared: number } | { kind: 'chunked'; total: number };

interface Attempt {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Body;
}

interface Expected {
  status: number;
  code: ErrorCode;
  /** The field or header the answer must name. */
  field: string;
}

interface Probe {
  name: string;
  attempt(env: Env): Attempt;
  expected: Expected;
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/** One raw HTTP exchange. An oversize body is written only until the answer comes (the gateway must not wait for it). */
function exchange(base: string, attempt: Attempt): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = { ...attempt.headers };
    const body = attempt.body;
    if (body?.kind === 'declared-oversize') headers['content-length'] = String(body.declared);
    if (body?.kind === 'bytes') headers['content-length'] = String(body.bytes.length);
    let answered = false;
    const req = request(`${base}${attempt.path}`, { method: attempt.method, headers }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') });
        req.destroy();
      });
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (!body) req.end();
    else if (body.kind === 'bytes') req.end(body.bytes);
    else if (body.kind === 'declared-oversize')
      req.write(Buffer.alloc(1024, 0x20)); // never ends: a gateway that waits for the rest times out
    else void writeChunked(req, body.total, () => answered);
  });
}

/** Writes `total` bytes in 64 KB chunks (chunked transfer encoding: no length declared), stopping once answered. */
async function writeChunked(req: ReturnType<typeof request>, total: number, answered: () => boolean): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  for (let sent = 0; sent < total && !answered() && !req.destroyed; sent += chunk.length) {
    if (!req.write(chunk)) await new Promise((resolve) => req.once('drain', resolve).once('close', resolve));
  }
  if (!req.destroyed) req.end();
}

const protocolHeader = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
const json = { 'content-type': 'application/json' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const bytes = (text: string): Body => ({ kind: 'bytes', bytes: Buffer.from(text) });

type Auth = 'public' | 'user' | 'operator';

function headersFor(env: Env, auth: Auth): Record<string, string> {
  if (auth === 'public') return { ...protocolHeader };
  return { ...protocolHeader, ...bearer(auth === 'operator' ? env.operatorToken : env.token) };
}

/** Probes every /v1 route gets: another protocol version, no token (unless public), and a method it does not answer. */
function commonProbes(method: string, path: (env: Env) => string, auth: Auth, options: { unknownMethodField?: string; validBody?: unknown } = {}): Probe[] {
  const unknownMethodField = options.unknownMethodField ?? 'path';
  // A well-formed body where the route takes one, so the probe reaches the check it is about.
  const body: Body | undefined = options.validBody === undefined ? undefined : bytes(JSON.stringify(options.validBody));
  const withBody = (headers: Record<string, string>) => (body ? { ...headers, ...json } : headers);
  const probes: Probe[] = [
    {
      name: 'another protocol version',
      attempt: (env) => ({ method, path: path(env), headers: withBody({ ...headersFor(env, auth), [PROTOCOL_HEADER]: '0' }), body }),
      expected: { status: 426, code: 'PROTOCOL_VERSION_UNSUPPORTED', field: PROTOCOL_HEADER },
    },
    {
      name: 'a method the route does not answer',
      attempt: (env) => ({ method: 'PUT', path: path(env), headers: headersFor(env, auth) }),
      expected: { status: 404, code: 'NOT_FOUND', field: unknownMethodField },
    },
  ];
  if (auth !== 'public') {
    probes.push({
      name: 'no token',
      attempt: (env) => ({ method, path: path(env), headers: withBody({ ...protocolHeader }), body }),
      expected: { status: 401, code: 'UNAUTHENTICATED', field: 'Authorization' },
    });
    probes.push({
      name: 'a token that is not one',
      attempt: (env) => ({ method, path: path(env), headers: withBody({ ...protocolHeader, ...bearer('x'.repeat(43)) }), body }),
      expected: { status: 401, code: 'UNAUTHENTICATED', field: 'Authorization' },
    });
  }
  if (auth === 'operator') {
    probes.push({
      name: "an applicant's token",
      attempt: (env) => ({ method, path: path(env), headers: withBody({ ...protocolHeader, ...bearer(env.token) }), body }),
      expected: { status: 403, code: 'FORBIDDEN', field: 'Authorization' },
    });
  }
  return probes;
}

/** Probes of a JSON body: malformed, wrong type, too large (declared and chunked), and one field of the wrong type. */
function jsonBodyProbes(path: string, auth: Auth, limit: number, wrongType: { body: unknown; field: string }): Probe[] {
  const post = (env: Env, headers: Record<string, string>, body: Body): Attempt => ({ method: 'POST', path, headers: { ...headersFor(env, auth), ...headers }, body });
  return [
    { name: 'malformed JSON', attempt: (env) => post(env, json, bytes('{"a": [')), expected: { status: 400, code: 'MALFORMED_BODY', field: 'body' } },
    { name: 'an empty body', attempt: (env) => post(env, json, bytes('')), expected: { status: 400, code: 'MALFORMED_BODY', field: 'body' } },
    { name: 'no Content-Type', attempt: (env) => post(env, {}, bytes('{}')), expected: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', field: 'Content-Type' } },
    {
      name: 'a text/plain body',
      attempt: (env) => post(env, { 'content-type': 'text/plain' }, bytes('{}')),
      expected: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', field: 'Content-Type' },
    },
    {
      name: 'a declared length over the limit',
      attempt: (env) => post(env, json, { kind: 'declared-oversize', declared: limit + 1 }),
      expected: { status: 413, code: 'BODY_TOO_LARGE', field: 'Content-Length' },
    },
    {
      name: 'a chunked body over the limit',
      attempt: (env) => post(env, json, { kind: 'chunked', total: limit + 128 * 1024 }),
      expected: { status: 413, code: 'BODY_TOO_LARGE', field: 'body' },
    },
    {
      name: 'a field of the wrong type',
      attempt: (env) => post(env, json, bytes(JSON.stringify(wrongType.body))),
      expected: { status: 400, code: 'INVALID_REQUEST', field: wrongType.field },
    },
    { name: 'a body that is not an object', attempt: (env) => post(env, json, bytes('[1]')), expected: { status: 400, code: 'INVALID_REQUEST', field: 'body' } },
  ];
}

/** A tus chunk request for the env's upload. */
function chunk(env: Env, headers: Record<string, string>, body: Body, token = env.token): Attempt {
  return {
    method: 'PATCH',
    path: env.uploadPath,
    headers: { ...protocolHeader, ...bearer(token), 'tus-resumable': '1.0.0', 'content-type': 'application/offset+octet-stream', 'upload-offset': '1000', ...headers },
    body,
  };
}

const UPLOADS = '/v1/materials/uploads';
const tusCreate = (env: Env, headers: Record<string, string>): Attempt => ({
  method: 'POST',
  path: UPLOADS,
  headers: {
    ...headersFor(env, 'user'),
    'tus-resumable': '1.0.0',
    'upload-metadata': encodeMetadata({ sha256: sha256Hex(Buffer.from('x')), contentType: 'image/jpeg' }),
    ...headers,
  },
});
const uploadPath = (env: Env) => env.uploadPath;
const otherUsersUpload = (method: string): Probe => ({
  name: "another user's upload",
  attempt: (env) => ({ method, path: env.uploadPath, headers: { ...protocolHeader, ...bearer(env.otherToken), 'tus-resumable': '1.0.0' } }),
  expected: { status: 404, code: 'NOT_FOUND', field: 'upload' },
});

/** Every mounted route (`METHOD /path` as listMountedRoutes names it) and what is sent to it. */
const ROUTE_CASES: Record<string, Probe[]> = {
  // No input at all: nothing a client can get wrong (not under /v1, so no protocol version either).
  'GET /health': [],
  // Not under /v1 either; a local scrape needs no token, but a token sent must be good.
  'GET /metrics': [
    {
      name: 'an unknown token',
      attempt: () => ({ method: 'GET', path: '/metrics', headers: bearer('x'.repeat(43)) }),
      expected: { status: 401, code: 'UNAUTHENTICATED', field: 'Authorization' },
    },
    {
      name: "an applicant's token",
      attempt: (env) => ({ method: 'GET', path: '/metrics', headers: bearer(env.token) }),
      expected: { status: 403, code: 'FORBIDDEN', field: 'Authorization' },
    },
    {
      name: 'a request a proxy forwarded, without a token',
      attempt: () => ({ method: 'GET', path: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9' } }),
      expected: { status: 401, code: 'UNAUTHENTICATED', field: 'Authorization' },
    },
  ],
  'POST /v1/session': [
    ...commonProbes('POST', () => '/v1/session', 'public'),
    ...jsonBodyProbes('/v1/session', 'public', LIMITS.maxSmallBodyBytes, { body: { login: 7, password: 'x' }, field: 'login' }),
  ],
  'GET /v1/me': commonProbes('GET', () => '/v1/me', 'user'),
  'GET /v1/openapi.json': commonProbes('GET', () => '/v1/openapi.json', 'public'),
  'POST /v1/sync/changes': [
    ...commonProbes('POST', () => '/v1/sync/changes', 'user', { validBody: { feeds: [{ collection: 'statuses', since: '0' }] } }),
    ...jsonBodyProbes('/v1/sync/changes', 'user', LIMITS.maxSmallBodyBytes, { body: { feeds: [{ collection: 'applications', since: 5 }] }, field: 'feeds.0.since' }),
  ],
  'GET /v1/sync/:collection/pull': [
    ...commonProbes('GET', () => '/v1/sync/applications/pull', 'user'),
    {
      name: 'a limit that is not a number',
      attempt: (env) => ({ method: 'GET', path: '/v1/sync/applications/pull?limit=ten', headers: headersFor(env, 'user') }),
      expected: { status: 400, code: 'INVALID_REQUEST', field: 'limit' },
    },
    {
      name: 'an area that is not a code',
      attempt: (env) => ({ method: 'GET', path: '/v1/sync/guides/pull?area=x', headers: headersFor(env, 'public') }),
      expected: { status: 400, code: 'INVALID_REQUEST', field: 'area' },
    },
    {
      name: 'an unknown collection',
      attempt: (env) => ({ method: 'GET', path: '/v1/sync/payments/pull', headers: headersFor(env, 'user') }),
      expected: { status: 404, code: 'NOT_FOUND', field: 'collection' },
    },
  ],
  'POST /v1/sync/:collection/push': [
    ...commonProbes('POST', () => '/v1/sync/applications/push', 'user'),
    ...jsonBodyProbes('/v1/sync/applications/push', 'user', LIMITS.maxPushBodyBytes, { body: { rows: { newDocumentState: {} } }, field: 'rows' }),
    {
      name: 'a read-only collection',
      attempt: (env) => ({ method: 'POST', path: '/v1/sync/statuses/push', headers: { ...headersFor(env, 'user'), ...json }, body: bytes('{"rows":[]}') }),
      expected: { status: 405, code: 'READ_ONLY_COLLECTION', field: 'collection' },
    },
  ],
  'GET /v1/sync/:collection/stream': [
    ...commonProbes('GET', () => '/v1/sync/applications/stream', 'user'),
    {
      name: 'an area that is not a code',
      attempt: (env) => ({ method: 'GET', path: '/v1/sync/guides/stream?area=1', headers: headersFor(env, 'public') }),
      expected: { status: 400, code: 'INVALID_REQUEST', field: 'area' },
    },
  ],
  'POST /v1/admin/guides/import': [
    ...commonProbes('POST', () => '/v1/admin/guides/import', 'operator'),
    // The import file is read as text and every problem of it listed (422 IMPORT_INVALID, `problems[].field`), JSON syntax included.
    ...jsonBodyProbes('/v1/admin/guides/import', 'operator', LIMITS.maxImportBodyBytes, { body: { guides: 'all of them' }, field: 'guides' }).map((p) =>
      ['a field of the wrong type', 'malformed JSON', 'an empty body', 'a body that is not an object'].includes(p.name)
        ? { ...p, expected: { status: 422, code: 'IMPORT_INVALID' as const, field: p.name === 'a field of the wrong type' ? 'guides' : 'file' } }
        : p,
    ),
  ],
  'GET /v1/admin/outbox': commonProbes('GET', () => '/v1/admin/outbox', 'operator'),
  'POST /v1/materials/have': [
    ...commonProbes('POST', () => '/v1/materials/have', 'user'),
    ...jsonBodyProbes('/v1/materials/have', 'user', 64 * 1024, { body: { sha256: 'abc' }, field: 'sha256' }),
  ],
  'POST /v1/materials/uploads': [
    ...commonProbes('POST', () => UPLOADS, 'user', { unknownMethodField: 'method' }),
    {
      name: 'no Tus-Resumable',
      attempt: (env) => ({ ...tusCreate(env, { 'upload-length': '10' }), headers: { ...headersFor(env, 'user'), 'upload-length': '10' } }),
      expected: { status: 412, code: 'TUS_VERSION_UNSUPPORTED', field: 'Tus-Resumable' },
    },
    {
      name: 'a length that is not a number',
      attempt: (env) => tusCreate(env, { 'upload-length': 'ten' }),
      expected: { status: 400, code: 'INVALID_REQUEST', field: 'Upload-Length' },
    },
    {
      name: 'a length over the largest material',
      attempt: (env) => tusCreate(env, { 'upload-length': String(MAX_MATERIAL_BYTES + 1) }),
      expected: { status: 413, code: 'BODY_TOO_LARGE', field: 'Upload-Length' },
    },
    {
      name: 'metadata that is not tus metadata',
      attempt: (env) => tusCreate(env, { 'upload-length': '10', 'upload-metadata': 'sha256 !!!,,' }),
      expected: { status: 400, code: 'INVALID_REQUEST', field: 'Upload-Metadata' },
    },
    {
      name: 'metadata without the hash',
      attempt: (env) => tusCreate(env, { 'upload-length': '10', 'upload-metadata': encodeMetadata({ contentType: 'image/jpeg' }) }),
      expected: { status: 400, code: 'INVALID_REQUEST', field: 'Upload-Metadata.sha256' },
    },
  ],
  'HEAD /v1/materials/uploads/:uploadId': [
    ...commonProbes('HEAD', uploadPath, 'user', { unknownMethodField: 'upload' }),
    otherUsersUpload('HEAD'),
    {
      name: 'no Tus-Resumable',
      attempt: (env) => ({ method: 'HEAD', path: env.uploadPath, headers: headersFor(env, 'user') }),
      expected: { status: 412, code: 'TUS_VERSION_UNSUPPORTED', field: 'Tus-Resumable' },
    },
  ],
  'PATCH /v1/materials/uploads/:uploadId': [
    ...commonProbes('PATCH', uploadPath, 'user', { unknownMethodField: 'upload' }),
    otherUsersUpload('PATCH'),
    { name: 'a JSON chunk', attempt: (env) => chunk(env, json, bytes('{}')), expected: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', field: 'Content-Type' } },
    {
      name: 'an offset that is not a number',
      attempt: (env) => chunk(env, { 'upload-offset': 'x' }, bytes('abc')),
      expected: { status: 400, code: 'INVALID_REQUEST', field: 'Upload-Offset' },
    },
    {
      name: 'the wrong offset',
      attempt: (env) => chunk(env, { 'upload-offset': '0' }, bytes('abc')),
      expected: { status: 409, code: 'UPLOAD_OFFSET_CONFLICT', field: 'Upload-Offset' },
    },
    {
      name: 'a declared length past the upload',
      attempt: (env) => chunk(env, {}, { kind: 'declared-oversize', declared: 10_000 }),
      expected: { status: 413, code: 'BODY_TOO_LARGE', field: 'Content-Length' },
    },
    {
      name: 'a chunked body past the upload',
      attempt: (env) => chunk(env, {}, { kind: 'chunked', total: 256 * 1024 }),
      expected: { status: 413, code: 'BODY_TOO_LARGE', field: 'body' },
    },
  ],
  'DELETE /v1/materials/uploads/:uploadId': [...commonProbes('DELETE', uploadPath, 'user', { unknownMethodField: 'upload' }), otherUsersUpload('DELETE')],
};

describe('gateway robustness: every route, every client mistake', () => {
  let gateway: TestGateway;
  let env: Env;

  beforeAll(async () => {
    gateway = await startTestGateway({ seed: true });
    const [alice, bob, operator] = [await gateway.createAccount('applicant'), await gateway.createAccount('applicant'), await gateway.createAccount('operator')];
    const token = await gateway.signIn(alice.login, alice.password);
    const photo = Buffer.alloc(2_000, 7);
    const created = await createUpload(gateway.url, token, { length: photo.length, metadata: { sha256: sha256Hex(photo), contentType: 'image/jpeg' } });
    expect(created.status).toBe(201);
    const uploadUrl = new URL(created.location!);
    const firstPart = await fetch(uploadUrl, {
      method: 'PATCH',
      headers: { ...protocolHeader, ...bearer(token), 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: new Uint8Array(photo.subarray(0, 1_000)),
    });
    expect(firstPart.status).toBe(204);
    env = {
      url: gateway.url,
      token,
      otherToken: await gateway.signIn(bob.login, bob.password),
      operatorToken: await gateway.signIn(operator.login, operator.password),
      uploadPath: uploadUrl.pathname,
    };
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('should have cases for exactly the routes the gateway mounts', () => {
    // Building the routers reads nothing of their dependencies.
    const mounted = listMountedRoutes({} as AppDeps).map((r) => `${r.method} ${r.path}`);
    expect(Object.keys(ROUTE_CASES).sort()).toEqual([...mounted].sort());
  });

  const cases = Object.entries(ROUTE_CASES).flatMap(([route, probes]) => probes.map((probe) => [route, probe.name, probe] as const));

  it.each(cases)('%s with %s: a 4xx from the catalogue naming the field', async (_route, _name, probe) => {
    const answer = await exchange(env.url, probe.attempt(env));
    expect(answer.status).toBe(probe.expected.status);
    expect(answer.contentType).toMatch(/^application\/json/);
    if (probe.attempt(env).method === 'HEAD') return; // no body: status and type are all a HEAD answer has
    const body = JSON.parse(answer.text) as { code: unknown; message: unknown; fix: unknown; field: unknown; problems?: { field: string; item: string }[] };
    expect(isErrorCode(body.code)).toBe(true);
    expect(body.code).toBe(probe.expected.code);
    // An import names its fields problem by problem; everything else in `field`.
    if (body.code === 'IMPORT_INVALID') expect(body.problems?.flatMap((p) => [p.field, p.item])).toContain(probe.expected.field);
    else expect(body.field).toBe(probe.expected.field);
    expect(ERRORS[body.code as ErrorCode].httpStatus).toBe(answer.status);
    expect(body.message).toBe(ERRORS[body.code as ErrorCode].message);
    expect(typeof body.fix).toBe('string');
  });

  it("should leave the owner's upload where it was after every probe", async () => {
    const head = await fetch(`${env.url}${env.uploadPath}`, { method: 'HEAD', headers: { ...protocolHeader, ...bearer(env.token), 'tus-resumable': '1.0.0' } });
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe('1000');
  });
});

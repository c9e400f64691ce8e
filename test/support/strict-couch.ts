/**
 * A strict CouchDB for tests: an HTTP proxy in front of any CouchDB-compatible
 * server (the embedded store by default) that answers as Apache CouchDB 3 does
 * where the embedded store is lenient, so code that only works on the lenient
 * one fails here first (issue 11):
 *
 * - opaque update sequences that differ between two reads (`strict-couch-rules.ts`),
 *   and `400 bad_request` for a `since` it never issued;
 * - `_changes` pages out of write order (seeded, so a failure repeats);
 * - `_local` writes without revision checks (a stale `_rev`, or none, wins);
 * - admin authentication: Basic credentials it generates, carried by its `url`;
 * - `_all_dbs` honouring `startkey`/`endkey`/`limit`;
 * - `_bulk_docs` answers out of request order (seeded): the embedded store
 *   does this now and then under load, so an answer is matched by id, never by index.
 *
 * Everything else (attachments, `_find`…) streams through untouched.
 *
 * ```ts
 * const strict = await startStrictCouch({ target: embedded.url });
 * nano({ url: strict.url });   // http://<user>:<pass>@127.0.0.1:<port>
 * await strict.close();
 * ```
 */
import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BAD_SINCE_BODY,
  filterAllDbs,
  rewriteChangesBody,
  rewriteContinuousLine,
  rewriteDbInfo,
  seededRandom,
  shufflePage,
  translateSince,
  type AllDbsQuery,
} from './strict-couch-rules.js';

export interface StrictCouchOptions {
  /** The CouchDB-compatible server behind the proxy; may carry `user:pass@`. */
  target: string;
  /** Seed of the `_changes` and `_bulk_docs` shuffles; default `TEST_STRICT_SEED` or 1. */
  seed?: number;
}

export interface StrictCouch {
  /** Base URL with the admin credentials the proxy requires: `http://user:pass@127.0.0.1:port`. */
  readonly url: string;
  /** The same without credentials (a request there gets 401). */
  readonly bareUrl: string;
  close(): Promise<void>;
}

interface Target {
  host: string;
  port: number;
  authorization: string | undefined;
}

const NOISE_BYTES = 6;
const noise = () => randomBytes(NOISE_BYTES);

/** Starts the proxy on 127.0.0.1 with a random free port. */
export async function startStrictCouch(options: StrictCouchOptions): Promise<StrictCouch> {
  const target = parseTarget(options.target);
  const user = `strict-${randomBytes(3).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const random = seededRandom(options.seed ?? Number(process.env.TEST_STRICT_SEED ?? 1));

  const server = createServer((req, res) => {
    if (req.headers.authorization !== expected) {
      req.resume();
      sendJson(res, 401, { error: 'unauthorized', reason: 'You are not authorized to access this db.' });
      return;
    }
    handle(req, res, target, random).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 502, { error: 'strict_proxy', reason: String((error as Error).message) });
      else res.destroy();
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${user}:${password}@127.0.0.1:${port}`,
    bareUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function parseTarget(raw: string): Target {
  const url = new URL(raw);
  if (url.protocol !== 'http:') throw new Error('The strict proxy forwards to http:// targets only');
  const authorization = url.username ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}` : undefined;
  return { host: url.hostname, port: Number(url.port || 80), authorization };
}

type Route = 'changes' | 'db-info' | 'all-dbs' | 'local-write' | 'db-post' | 'bulk-docs' | 'pass';

/** Which answers the proxy rewrites; everything else streams through. */
function routeOf(method: string, segments: string[]): Route {
  if (segments.length === 1 && segments[0] === '_all_dbs' && method === 'GET') return 'all-dbs';
  if (segments.length === 1 && !segments[0].startsWith('_') && method === 'GET') return 'db-info';
  if (segments.length === 1 && !segments[0].startsWith('_') && method === 'POST') return 'db-post';
  if (segments.length === 2 && segments[1] === '_changes' && (method === 'GET' || method === 'POST')) return 'changes';
  if (segments.length === 3 && segments[1] === '_local' && method === 'PUT') return 'local-write';
  if (segments.length === 2 && segments[1] === '_bulk_docs' && method === 'POST') return 'bulk-docs';
  return 'pass';
}

async function handle(req: IncomingMessage, res: ServerResponse, target: Target, random: () => number): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://strict');
  // nano sends `_local/x` unencoded, other clients as `_local%2Fx`: both are one document.
  const segments = url.pathname
    .split('/')
    .filter((part) => part !== '')
    .flatMap((part) => (/^_local%2F/i.test(part) ? ['_local', part.slice(9)] : [part]));
  const method = req.method ?? 'GET';
  switch (routeOf(method, segments)) {
    case 'all-dbs':
      return answerAllDbs(req, res, target, url);
    case 'db-info':
      return answerRewritten(req, res, target, url.pathname + url.search, (body) => rewriteDbInfo(body as Record<string, unknown>, noise));
    case 'changes':
      return answerChanges(req, res, target, url, random);
    case 'local-write':
      return answerLocalWrite(res, target, `/${segments.join('/')}`, url.search, await readJson(req));
    case 'db-post':
      return answerDbPost(req, res, target, url, segments[0]);
    case 'bulk-docs':
      return answerBulkDocs(req, res, target, url.pathname + url.search, random);
    default:
      return pipeThrough(req, res, target, req.url ?? '/');
  }
}

async function answerChanges(req: IncomingMessage, res: ServerResponse, target: Target, url: URL, random: () => number): Promise<void> {
  const since = url.searchParams.get('since');
  if (since !== null) {
    const translated = translateSince(since);
    if (!translated.ok) {
      req.resume();
      sendJson(res, 400, BAD_SINCE_BODY);
      return;
    }
    url.searchParams.set('since', translated.real);
  }
  const feed = url.searchParams.get('feed');
  const path = url.pathname + url.search;
  if (feed === 'continuous') return pipeLines(req, res, target, path, (line) => rewriteContinuousLine(line, noise));
  if (feed === 'eventsource') {
    req.resume();
    sendJson(res, 400, { error: 'bad_request', reason: 'the strict proxy does not emulate feed=eventsource' });
    return;
  }
  return answerRewritten(req, res, target, path, (body) => rewriteChangesBody(body as Parameters<typeof rewriteChangesBody>[0], random, noise));
}

async function answerAllDbs(req: IncomingMessage, res: ServerResponse, target: Target, url: URL): Promise<void> {
  req.resume();
  const query: AllDbsQuery = {};
  for (const key of ['startkey', 'endkey', 'limit', 'skip', 'descending'] as const) {
    const value = url.searchParams.get(key) ?? url.searchParams.get(key.replace('key', '_key'));
    if (value !== null) query[key] = value;
  }
  const answer = await send(target, 'GET', '/_all_dbs', {}, undefined);
  if (answer.status !== 200) return sendJson(res, answer.status, JSON.parse(answer.body.toString('utf8')));
  const names = filterAllDbs(JSON.parse(answer.body.toString('utf8')) as string[], query);
  if (names === undefined) return sendJson(res, 400, { error: 'query_parse_error', reason: 'Invalid value for a key of _all_dbs' });
  sendJson(res, 200, names);
}

/**
 * CouchDB checks no revision on `_local` documents: the proxy writes over
 * whatever the target holds, retrying if another write came between.
 */
async function answerLocalWrite(res: ServerResponse, target: Target, path: string, search: string, incoming: Record<string, unknown>): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const current = await send(target, 'GET', path, {}, undefined);
    const rev = current.status === 200 ? (JSON.parse(current.body.toString('utf8')) as { _rev?: string })._rev : undefined;
    const { _rev: ignored, ...fields } = incoming;
    void ignored;
    const body = Buffer.from(JSON.stringify(rev ? { ...fields, _rev: rev } : fields));
    const written = await send(target, 'PUT', path + search, { 'content-type': 'application/json' }, body);
    if (written.status !== 409) return sendRaw(res, written.status, written.body);
  }
  sendJson(res, 409, { error: 'conflict', reason: 'strict proxy: _local write kept conflicting' });
}

/** `POST /db` creates a document; one with a `_local/` id is a `_local` write like any other. */
async function answerDbPost(req: IncomingMessage, res: ServerResponse, target: Target, url: URL, db: string): Promise<void> {
  const body = await readBody(req);
  let doc: Record<string, unknown> | undefined;
  try {
    doc = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    doc = undefined;
  }
  if (typeof doc?._id === 'string' && doc._id.startsWith('_local/')) {
    return answerLocalWrite(res, target, `/${db}/_local/${encodeURIComponent(doc._id.slice(7))}`, url.search, doc);
  }
  const answer = await send(target, 'POST', url.pathname + url.search, forwardableHeaders(req), body);
  sendRaw(res, answer.status, answer.body);
}

/** A `_bulk_docs` answer with its rows in another order than the request's documents. */
async function answerBulkDocs(req: IncomingMessage, res: ServerResponse, target: Target, path: string, random: () => number): Promise<void> {
  const body = await readBody(req);
  const answer = await send(target, 'POST', path, forwardableHeaders(req), body);
  const rows: unknown = answer.status === 201 ? JSON.parse(answer.body.toString('utf8')) : undefined;
  if (!Array.isArray(rows)) return sendRaw(res, answer.status, answer.body);
  sendJson(res, 201, shufflePage(rows, random));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return JSON.parse((await readBody(req)).toString('utf8') || '{}') as Record<string, unknown>;
}

async function answerRewritten(req: IncomingMessage, res: ServerResponse, target: Target, path: string, rewrite: (body: unknown) => unknown): Promise<void> {
  const body = await readBody(req);
  const answer = await send(target, req.method ?? 'GET', path, forwardableHeaders(req), body.length > 0 ? body : undefined, res);
  if (answer.status !== 200) return sendRaw(res, answer.status, answer.body);
  sendJson(res, 200, rewrite(JSON.parse(answer.body.toString('utf8'))));
}

function pipeThrough(req: IncomingMessage, res: ServerResponse, target: Target, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const upstream = httpRequest({ host: target.host, port: target.port, method: req.method, path, headers: withTargetAuth(req.headers, target) }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', () => resolve());
      answer.on('error', reject);
    });
    upstream.on('error', reject);
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
}

function pipeLines(req: IncomingMessage, res: ServerResponse, target: Target, path: string, rewrite: (line: string) => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const headers = withTargetAuth(req.headers, target);
    delete headers['accept-encoding'];
    const upstream = httpRequest({ host: target.host, port: target.port, method: req.method, path, headers }, (answer) => {
      const { 'content-length': ignored, ...rest } = answer.headers;
      void ignored;
      res.writeHead(answer.statusCode ?? 502, rest);
      let pending = '';
      answer.setEncoding('utf8');
      answer.on('data', (chunk: string) => {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop()!;
        for (const line of lines) res.write(`${answer.statusCode === 200 ? rewrite(line) : line}\n`);
      });
      answer.on('end', () => {
        res.end(pending);
        resolve();
      });
      answer.on('error', reject);
    });
    upstream.on('error', reject);
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
}

interface Answer {
  status: number;
  body: Buffer;
}

/** One request to the target, buffered; a longpoll is abandoned when the client of `abortWith` goes away. */
function send(
  target: Target,
  method: string,
  path: string,
  headers: Record<string, string | string[] | undefined>,
  body: Buffer | undefined,
  abortWith?: ServerResponse,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = withTargetAuth({ accept: 'application/json', ...headers, ...(body ? { 'content-length': String(body.length) } : {}) }, target);
    const upstream = httpRequest({ host: target.host, port: target.port, method, path, headers: outgoing }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => resolve({ status: answer.statusCode ?? 502, body: Buffer.concat(chunks) }));
      answer.on('error', reject);
    });
    upstream.on('error', reject);
    abortWith?.on('close', () => upstream.destroy());
    upstream.end(body);
  });
}

/** Headers worth forwarding on a request whose answer is rewritten (plain JSON, no compression). */
function forwardableHeaders(req: IncomingMessage): Record<string, string | string[] | undefined> {
  const { host, authorization, 'accept-encoding': encoding, 'content-length': length, connection, ...rest } = req.headers;
  return rest;
}

/** The client's credentials were for the proxy; the target gets its own (or none). */
function withTargetAuth(headers: Record<string, string | string[] | undefined>, target: Target): Record<string, string | string[] | undefined> {
  const { authorization, host, ...rest } = headers;
  return { ...rest, host: `${target.host}:${target.port}`, ...(target.authorization ? { authorization: target.authorization } : {}) };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendRaw(res, status, Buffer.from(JSON.stringify(body)));
}

function sendRaw(res: ServerResponse, status: number, body: Buffer): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(body.length) });
  res.end(body);
}

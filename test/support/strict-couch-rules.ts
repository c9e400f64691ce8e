import { seededRandom } from './link-model.js';

export { seededRandom };
/**
 * The pure rules of the strict CouchDB proxy (`strict-couch.ts`): how Apache
 * CouchDB 3 answers where the embedded store is lenient. No I/O here.
 *
 * - Update sequences are opaque strings (`"12-g1AAAA…"`) that differ between two
 *   reads of the same position, as on a cluster. A token carries the real
 *   sequence inside, so it survives a restart of the proxy (a gateway restarted
 *   on the same data keeps its checkpoints, as on CouchDB); anything else given
 *   as `since` is refused.
 * - `_changes` rows of one page come out of write order, as from several shards.
 * - `_all_dbs` honours `startkey`/`endkey` (JSON-decoded), `limit`, `skip`, `descending`.
 */

/** Bytes of noise at the front of a token, so two reads of one position differ. */
const NOISE_BYTES = 6;
const TOKEN_PATTERN = /^(\d+)-g1AAAA([A-Za-z0-9_-]+)$/;

export type RealSeq = string | number;

/** Makes a fresh opaque token for the real sequence `real`; `noise` must be NOISE_BYTES long. */
export function encodeSeq(real: RealSeq, noise: Uint8Array): string {
  if (noise.length !== NOISE_BYTES) throw new Error(`noise must be ${NOISE_BYTES} bytes`);
  const payload = Buffer.concat([Buffer.from(noise), Buffer.from(JSON.stringify(real), 'utf8')]);
  return `${leadingNumber(real)}-g1AAAA${payload.toString('base64url')}`;
}

/** The real sequence inside a token this proxy issued, or `undefined` for anything else. */
export function decodeSeq(token: string): RealSeq | undefined {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return undefined;
  const payload = Buffer.from(match[2], 'base64url');
  if (payload.length <= NOISE_BYTES) return undefined;
  try {
    const real: unknown = JSON.parse(payload.subarray(NOISE_BYTES).toString('utf8'));
    if (typeof real !== 'string' && typeof real !== 'number') return undefined;
    return leadingNumber(real) === match[1] ? real : undefined;
  } catch {
    return undefined;
  }
}

/** What to send the target for a client's `since`: `'now'` and `'0'` pass, tokens are decoded, the rest is refused. */
export function translateSince(since: string): { ok: true; real: string } | { ok: false } {
  if (since === 'now' || since === '0') return { ok: true, real: since };
  const real = decodeSeq(since);
  return real === undefined ? { ok: false } : { ok: true, real: String(real) };
}

/** CouchDB's answer to a `since` it cannot read. */
export const BAD_SINCE_BODY = { error: 'bad_request', reason: "Malformed sequence supplied in 'since' parameter." } as const;

function leadingNumber(real: RealSeq): string {
  const digits = /^\d+/.exec(String(real));
  return digits ? String(Number(digits[0])) : '0';
}

/**
 * Shuffles a page (Fisher–Yates); a page of two or more never comes back in its
 * original order, so code that relies on write order fails every time, not by luck.
 */
export function shufflePage<T>(rows: readonly T[], random: () => number): T[] {
  const out = [...rows];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  if (out.length > 1 && out.every((row, i) => row === rows[i])) out.push(out.shift()!);
  return out;
}

interface ChangesBody {
  results?: Array<{ seq?: RealSeq } & Record<string, unknown>>;
  last_seq?: RealSeq;
  [key: string]: unknown;
}

/** A `_changes` answer as CouchDB 3 gives it: rows shuffled, every sequence an opaque fresh token. */
export function rewriteChangesBody(body: ChangesBody, random: () => number, noise: () => Uint8Array): ChangesBody {
  const out: ChangesBody = { ...body };
  if (Array.isArray(body.results)) {
    const rows = body.results.map((row) => (row.seq === undefined ? row : { ...row, seq: encodeSeq(row.seq, noise()) }));
    out.results = shufflePage(rows, random);
  }
  if (body.last_seq !== undefined) out.last_seq = encodeSeq(body.last_seq, noise());
  return out;
}

/** One line of a continuous feed: a row (or the closing `last_seq`) with its sequence made opaque. */
export function rewriteContinuousLine(line: string, noise: () => Uint8Array): string {
  if (line.trim() === '') return line;
  const row = JSON.parse(line) as Record<string, unknown>;
  if (row.seq !== undefined) row.seq = encodeSeq(row.seq as RealSeq, noise());
  if (row.last_seq !== undefined) row.last_seq = encodeSeq(row.last_seq as RealSeq, noise());
  return JSON.stringify(row);
}

/** A database's info with its `update_seq` made opaque. */
export function rewriteDbInfo(body: Record<string, unknown>, noise: () => Uint8Array): Record<string, unknown> {
  if (body.update_seq === undefined) return body;
  return { ...body, update_seq: encodeSeq(body.update_seq as RealSeq, noise()) };
}

/** The query parameters of `_all_dbs` CouchDB honours, as they came in the URL. */
export interface AllDbsQuery {
  startkey?: string;
  endkey?: string;
  limit?: string;
  skip?: string;
  descending?: string;
}

/**
 * `_all_dbs` as CouchDB answers it: keys are JSON, so `startkey="tb_"` means
 * the string `tb_` (and a double-encoded key matches nothing). `undefined`
 * means a parameter CouchDB refuses with 400.
 */
export function filterAllDbs(names: readonly string[], query: AllDbsQuery): string[] | undefined {
  const start = parseKey(query.startkey);
  const end = parseKey(query.endkey);
  if (start === INVALID || end === INVALID) return undefined;
  const descending = query.descending === 'true';
  const sorted = [...names].sort(compareStrings);
  if (descending) sorted.reverse();
  const inRange = sorted.filter((name) => {
    if (start !== undefined && (descending ? compareStrings(name, start) > 0 : compareStrings(name, start) < 0)) return false;
    if (end !== undefined && (descending ? compareStrings(name, end) < 0 : compareStrings(name, end) > 0)) return false;
    return true;
  });
  const skip = query.skip === undefined ? 0 : Number(query.skip);
  const limit = query.limit === undefined ? Infinity : Number(query.limit);
  if (!Number.isInteger(skip) || skip < 0 || !(limit === Infinity || (Number.isInteger(limit) && limit >= 0))) return undefined;
  return inRange.slice(skip, skip + limit);
}

const INVALID = Symbol('invalid key');

function parseKey(raw: string | undefined): string | undefined | typeof INVALID {
  if (raw === undefined) return undefined;
  try {
    const key: unknown = JSON.parse(raw);
    // Database names are strings; any other JSON key sorts apart from all of them.
    return typeof key === 'string' ? key : INVALID;
  } catch {
    return INVALID;
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

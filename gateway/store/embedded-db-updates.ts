import type { NextFunction, Request, Response } from 'express';

/** A longpoll answers at the latest after this long, whatever `timeout` asks (CouchDB's own default). */
const MAX_LONGPOLL_MS = 60_000;
/** POSTs under a database that only read; every other POST, PUT, DELETE or COPY may write. */
const READ_ONLY_POSTS = new Set([
  '_changes',
  '_all_docs',
  '_find',
  '_explain',
  '_bulk_get',
  '_revs_diff',
  '_missing_revs',
  '_view',
  '_compact',
  '_view_cleanup',
  '_ensure_full_commit',
]);

/**
 * CouchDB's `_db_updates` for the embedded store, which answers it with 400:
 * which databases were written, told after the write's answer went out (so a
 * `_changes` read that follows sees it). Sequences are this process's own
 * counter, opaque to clients; each database is kept once with its latest
 * sequence, so memory is bounded by the number of databases and any `since`
 * this process gave out stays valid. `feed=normal` and `feed=longpoll` only
 * (what the gateway uses); `since=now` is the current end.
 */
export function createDbUpdates(): (req: Request, res: Response, next: NextFunction) => void {
  let seq = 0;
  const latest = new Map<string, number>();
  const waiters = new Set<() => void>();

  const record = (db: string) => {
    seq += 1;
    latest.delete(db); // re-inserted last: the map stays in sequence order
    latest.set(db, seq);
    for (const wake of [...waiters]) wake();
  };
  const answer = (res: Response, since: number) => {
    const results = [...latest].filter(([, at]) => at > since).map(([db, at]) => ({ db_name: db, type: 'updated', seq: String(at) }));
    res.json({ results, last_seq: String(seq) });
  };

  return (req, res, next) => {
    if (req.path === '/_db_updates' && req.method === 'GET') {
      const since = parseSince(req.query.since, seq);
      if (since === null) {
        res.status(400).json({ error: 'bad_request', reason: 'since must be now or a sequence this server gave' });
        return;
      }
      if (req.query.feed !== 'longpoll' || [...latest.values()].some((at) => at > since)) {
        answer(res, since);
        return;
      }
      const timeoutMs = Math.min(Number(req.query.timeout) || MAX_LONGPOLL_MS, MAX_LONGPOLL_MS);
      const finish = () => {
        waiters.delete(finish);
        clearTimeout(timer);
        if (!res.writableEnded) answer(res, since);
      };
      const timer = setTimeout(finish, timeoutMs);
      waiters.add(finish);
      req.once('close', () => {
        waiters.delete(finish);
        clearTimeout(timer);
      });
      return;
    }
    const db = writtenDatabase(req);
    if (db) res.once('finish', () => res.statusCode < 400 && record(db));
    next();
  };
}

function parseSince(value: unknown, current: number): number | null {
  if (value === undefined || value === 'now') return value === 'now' ? current : 0;
  const since = Number(value);
  return Number.isInteger(since) && since >= 0 && since <= current ? since : null;
}

/** The database a request may write, or null for reads and server-level routes. */
function writtenDatabase(req: Request): string | null {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return null;
  const [first, ...rest] = req.path.split('/').filter((part) => part !== '');
  if (!first || first.startsWith('_')) return null;
  if (req.method === 'POST' && rest.some((part) => READ_ONLY_POSTS.has(part))) return null;
  return decodeURIComponent(first);
}

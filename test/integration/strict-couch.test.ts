import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nano, { type ServerScope } from 'nano';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCouch, type EmbeddedCouch } from '../../gateway/store/embedded-couch.js';
import { startStrictCouch, type StrictCouch } from '../support/strict-couch.js';

describe('strict CouchDB proxy (the embedded store answering as Apache CouchDB 3)', () => {
  let dir: string;
  let embedded: EmbeddedCouch;
  let strict: StrictCouch;
  let couch: ServerScope;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tongban-strict-'));
    embedded = await startEmbeddedCouch(dir);
    strict = await startStrictCouch({ target: embedded.url });
    couch = nano({ url: strict.url });
    await couch.db.create('s_one');
  });

  afterAll(async () => {
    await strict?.close();
    await embedded?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should answer 401 without its admin credentials', async () => {
    const answer = await fetch(`${strict.bareUrl}/_all_dbs`);
    expect(answer.status).toBe(401);
    expect(await answer.json()).toMatchObject({ error: 'unauthorized' });
  });

  it('should answer opaque sequences that differ between two reads and still resume', async () => {
    const db = couch.use<{ n: number }>('s_one');
    await db.bulk({
      docs: [
        { _id: 'a', n: 1 },
        { _id: 'b', n: 2 },
        { _id: 'c', n: 3 },
      ],
    });
    const first = String((await db.info()).update_seq);
    const second = String((await db.info()).update_seq);
    expect(first).toMatch(/^\d+-g1AAAA/);
    expect(second).not.toBe(first);
    await db.insert({ _id: 'd', n: 4 });
    const after = await db.changes({ since: first });
    expect(after.results.map((row) => row.id)).toEqual(['d']);
    expect(String(after.last_seq)).toMatch(/^\d+-g1AAAA/);
  });

  it('should refuse a since it never issued, like CouchDB, and accept now and 0', async () => {
    for (const since of ['5', 'abc']) {
      const answer = await fetch(`${strict.bareUrl}/s_one/_changes?since=${since}`, { headers: { authorization: authOf(strict.url) } });
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({ error: 'bad_request' });
    }
    const db = couch.use('s_one');
    expect((await db.changes({ since: 'now' })).results).toEqual([]);
    expect((await db.changes({ since: '0' })).results.length).toBeGreaterThan(0);
  });

  it('should give a changes page out of write order', async () => {
    const db = couch.use<{ n: number }>('s_one');
    const all = await db.changes({ since: '0' });
    expect(all.results.map((row) => row.id)).not.toEqual(['a', 'b', 'c', 'd']);
    expect(all.results.map((row) => row.id).sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('should answer a _bulk_docs out of request order, every row still naming its document', async () => {
    await couch.db.create('b_bulk');
    const db = couch.use<{ n: number }>('b_bulk');
    const docs = [
      { _id: 'bulk-1', n: 1 },
      { _id: 'bulk-2', n: 2 },
      { _id: 'bulk-3', n: 3 },
    ];
    const answer = await db.bulk({ docs });
    expect(answer.map((row) => row.id)).not.toEqual(['bulk-1', 'bulk-2', 'bulk-3']);
    expect(answer.map((row) => row.id).sort()).toEqual(['bulk-1', 'bulk-2', 'bulk-3']);
    expect(answer.every((row) => row.rev && !row.error)).toBe(true);
  });

  it('should deliver changes through nano changesReader longpoll', async () => {
    const db = couch.use<{ n: number }>('s_one');
    const since = String((await db.info()).update_seq);
    const seen: string[] = [];
    const events = db.changesReader.start({ since, timeout: 2_000 });
    events.on('error', () => undefined); // stop() aborts the pending longpoll
    const arrived = new Promise<void>((resolve) => {
      events.on('batch', (rows: Array<{ id: string }>) => {
        seen.push(...rows.map((row) => row.id));
        if (seen.includes('e')) resolve();
      });
    });
    await db.insert({ _id: 'e', n: 5 });
    await arrived;
    db.changesReader.stop();
    expect(seen).toEqual(['e']);
  });

  it('should make the sequences of a continuous feed opaque, line by line', async () => {
    const controller = new AbortController();
    const answer = await fetch(`${strict.bareUrl}/s_one/_changes?feed=continuous&since=0`, { headers: { authorization: authOf(strict.url) }, signal: controller.signal });
    expect(answer.status).toBe(200);
    const reader = answer.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const lines = () =>
      text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as { id: string; seq: string });
    while (!text.endsWith('\n') || lines().length < 5) text += decoder.decode((await reader.read()).value);
    controller.abort();
    expect(
      lines()
        .map((row) => row.id)
        .sort(),
    ).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(lines().every((row) => /^\d+-g1AAAA/.test(row.seq))).toBe(true);
  });

  it('should write a _local document over a stale revision or none, as CouchDB does', async () => {
    const db = couch.use<{ _rev?: string; holder: string }>('s_one');
    const first = await db.insert({ _id: '_local/lease', holder: 'one' });
    await db.insert({ _id: '_local/lease', holder: 'two' });
    await db.insert({ _id: '_local/lease', _rev: first.rev, holder: 'three' });
    expect((await db.get('_local/lease')).holder).toBe('three');
    await db.insert({ holder: 'four' }, '_local/lease');
    expect((await db.get('_local/lease')).holder).toBe('four');
  });

  it('should honour startkey and endkey on _all_dbs and answer nothing for double-encoded keys', async () => {
    await couch.db.create('s_two');
    await couch.db.create('t_other');
    const range = (await couch.request({ db: '_all_dbs', qs: { startkey: 's_', endkey: 's_\ufff0' } })) as string[];
    expect(range).toEqual(['s_one', 's_two']);
    const twice = (await couch.request({ db: '_all_dbs', qs: { startkey: JSON.stringify('s_'), endkey: JSON.stringify('s_\ufff0') } })) as string[];
    expect(twice).toEqual([]);
  });

  it('should reach a target whose URL carries credentials, sending them as an Authorization header', async () => {
    // The inner proxy stands in for a store that requires admin credentials.
    const outer = await startStrictCouch({ target: strict.url });
    try {
      expect(await nano({ url: outer.url }).db.list()).toContain('s_one');
    } finally {
      await outer.close();
    }
  });

  it('should pass attachments through byte for byte', async () => {
    const db = couch.use('s_one');
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
    await db.attachment.insert('photo', 'content', bytes, 'image/jpeg');
    expect(Buffer.compare(await db.attachment.get('photo', 'content'), bytes)).toBe(0);
  });
});

function authOf(url: string): string {
  const { username, password } = new URL(url);
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateWith } from '../../sync-protocol/index.js';
import { createValidators } from '../../gateway/validators.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';
import { createSyncHttpClient } from '../support/sync-http-client.js';

describe('guides are public, read-only and replicated per area', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ seed: true });
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('should pull an area’s guides without a token, each valid against the guide schema as it travels', async () => {
    const answer = await createSyncHttpClient(gateway.url).pull('guides', undefined, 200, '331123');
    expect(answer.status).toBe(200);
    expect(answer.body.documents.length).toBeGreaterThanOrEqual(3);
    expect(answer.body.documents.map((g) => g.id)).toContain('guide-331123-getihu-sheli');
    const validate = createValidators().documents.guides;
    for (const guide of answer.body.documents) {
      const { _deleted, ...body } = guide;
      expect(_deleted).toBe(false);
      expect(guide.areaCode).toBe('331123');
      expect(validateWith(validate, body), String(guide.id)).toEqual({ ok: true });
    }
  });

  it('should carry search terms computed at publishing, one syllable per character', async () => {
    const { documents } = (await createSyncHttpClient(gateway.url).pull('guides', undefined, 200, '331123')).body;
    const shop = documents.find((g) => g.id === 'guide-331123-getihu-sheli') as unknown as { search: { terms: { text: string; syllables: string[] }[] }; name: string };
    expect(shop.search.terms[0]).toEqual({ text: shop.name, syllables: ['ge', 'ti', 'gong', 'shang', 'hu', 'she', 'li', 'deng', 'ji'] });
    for (const term of shop.search.terms) expect(term.syllables).toHaveLength(Array.from(term.text).length);
  });

  it('should keep areas apart: pulling 松阳县 never returns 遂昌县 guides', async () => {
    const client = createSyncHttpClient(gateway.url);
    const songyang = (await client.pull('guides', undefined, 200, '331124')).body.documents;
    expect(songyang.length).toBeGreaterThan(0);
    expect(songyang.every((g) => g.areaCode === '331124')).toBe(true);
    const suichang = new Set((await client.pull('guides', undefined, 200, '331123')).body.documents.map((g) => g.id));
    expect(songyang.filter((g) => suichang.has(g.id))).toEqual([]);
  });

  it('should refuse a guides pull or stream without a usable area, naming the field', async () => {
    for (const query of ['', '?area=', '?area=33112', '?area=999999', '?area=331123&area=331124']) {
      for (const route of ['pull', 'stream']) {
        const response = await fetch(`${gateway.url}/v1/sync/guides/${route}${query}`, { headers: gateway.headers() });
        expect(response.status, `${route}${query}`).toBe(400);
        expect(await response.json(), `${route}${query}`).toMatchObject({ code: 'INVALID_REQUEST', field: 'area' });
      }
    }
  });

  it('should answer a known area without guides with no documents', async () => {
    const answer = await createSyncHttpClient(gateway.url).pull('guides', undefined, 50, '330000');
    expect(answer.status).toBe(200);
    expect(answer.body.documents.filter((g) => g.areaCode !== '330000')).toEqual([]);
    const empty = await createSyncHttpClient(gateway.url).pull('guides', undefined, 50, '331124001');
    expect(empty.status).toBe(200);
    expect(empty.body.documents).toEqual([]);
  });

  it('should replicate areas as one public collection without an area parameter', async () => {
    const answer = await createSyncHttpClient(gateway.url).pull('areas', undefined, 200);
    expect(answer.status).toBe(200);
    const codes = answer.body.documents.map((a) => a.code);
    expect(codes).toEqual(expect.arrayContaining(['330000', '331100', '331123', '331124']));
    const validate = createValidators().documents.areas;
    for (const { _deleted, ...area } of answer.body.documents) expect(validateWith(validate, area)).toEqual({ ok: true });
  });

  it('should stream an area’s guides without a token', async () => {
    const stream = await createSyncHttpClient(gateway.url).openStream('guides', '331123');
    try {
      await stream.waitFor((event) => event.type === 'resync');
    } finally {
      stream.close();
    }
  });

  it('should refuse a push to guides or areas even from a signed-in user', async () => {
    const account = await gateway.createAccount();
    const client = createSyncHttpClient(gateway.url, await gateway.signIn(account.login, account.password));
    const [guide] = (await client.pull('guides', undefined, 10, '331123')).body.documents;
    for (const collection of ['guides', 'areas'] as const) {
      const answer = await client.push(collection, [{ assumedMasterState: guide, newDocumentState: { ...guide, fee: '收费' } }]);
      expect(answer.status).toBe(405);
      expect(answer.body).toMatchObject({ code: 'READ_ONLY_COLLECTION' });
    }
    expect((await client.pull('guides', undefined, 200, '331123')).body.documents.find((g) => g.id === guide.id)?.fee).toBe(guide.fee);
  });

  it('should keep the old single guides database out of the store', async () => {
    expect(await gateway.couch.db.list()).not.toContain('tb_guides');
  });

  it('should create the demo accounts on a gateway that had none', async () => {
    expect((await gateway.signIn('demo', 'demo1234')).length).toBeGreaterThan(20);
    expect((await gateway.signIn('agent', 'agent1234')).length).toBeGreaterThan(20);
  });
});

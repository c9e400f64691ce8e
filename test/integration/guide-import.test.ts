import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuideInput } from '../../sync-protocol/index.js';
import { catalogueSnapshot, operatorToken, postGuideImport } from '../support/guide-import-client.js';
import { SAMPLE_AREAS, sampleGuideInput } from '../support/sample-guides.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';
import { createSyncHttpClient } from '../support/sync-http-client.js';

const T1 = '2026-11-25T08:00:00.000Z';
const T2 = '2026-11-26T09:30:00.000Z';

function shopGuide(overrides: Partial<GuideInput> = {}): GuideInput {
  return sampleGuideInput('guide-331123-shop-0001', '331123', {
    keywords: ['营业执照', '开店'],
    materials: [
      { key: 'id-card', name: '经营者身份证件', forms: ['复印件'], copies: 1, required: true, waivable: false },
      { key: 'bank', name: '本人银行卡', forms: ['复印件'], copies: 1, required: false, waivable: false },
    ],
    ...overrides,
  });
}

const pension = sampleGuideInput('guide-331123-pension-01', '331123', { name: '城乡居民养老保险参保登记', department: '遂昌县社会保险事业管理中心' });
const songyang = sampleGuideInput('guide-331124-shop-0001', '331124', { department: '松阳县市场监督管理局' });

describe('publishing guides through POST /v1/admin/guides/import', () => {
  let gateway: TestGateway;
  let token: string;
  let now = T1;

  beforeAll(async () => {
    gateway = await startTestGateway({ clock: { now: () => new Date(now) } });
    token = await operatorToken(gateway);
    const first = await postGuideImport(gateway, token, { areas: SAMPLE_AREAS, guides: [shopGuide(), pension, songyang] });
    expect(first.status).toBe(200);
  });

  afterAll(async () => {
    await gateway?.close();
  });

  describe('a good file', () => {
    it('should have created each guide at version 1, stamped with the gateway clock, with pinyin search terms', async () => {
      const { documents } = (await createSyncHttpClient(gateway.url).pull('guides', undefined, 50, '331123')).body;
      // A page is in no particular order (as from a sharded CouchDB): compare by id.
      expect(documents.map((g) => [g.id, g.version, g.updatedAt]).sort()).toEqual([
        ['guide-331123-pension-01', 1, T1],
        ['guide-331123-shop-0001', 1, T1],
      ]);
      const terms = (documents.find((g) => g.id === 'guide-331123-shop-0001') as unknown as { search: { terms: { text: string; syllables: string[] }[] } }).search.terms;
      expect(terms).toContainEqual({ text: '营业执照', syllables: ['ying', 'ye', 'zhi', 'zhao'] });
      expect(terms).toContainEqual({ text: '本人银行卡', syllables: ['ben', 'ren', 'yin', 'hang', 'ka'] });
    });

    it('should answer created, updated and unchanged, bumping the version only of what changed', async () => {
      now = T2;
      const answer = await postGuideImport(gateway, token, { guides: [shopGuide({ fee: '工本费 10 元' }), pension, songyang] });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ created: [], updated: ['guide-331123-shop-0001'], unchanged: ['guide-331123-pension-01', 'guide-331124-shop-0001'], withdrawn: [] });
      const { documents } = (await createSyncHttpClient(gateway.url).pull('guides', undefined, 50, '331123')).body;
      expect(documents.find((g) => g.id === 'guide-331123-shop-0001')).toMatchObject({ version: 2, updatedAt: T2, fee: '工本费 10 元' });
      expect(documents.find((g) => g.id === 'guide-331123-pension-01')).toMatchObject({ version: 1, updatedAt: T1 });
    });
  });

  describe('delta sync', () => {
    it('should bring a device from its checkpoint only the changed guide and the withdrawn one’s tombstone', async () => {
      const device = createSyncHttpClient(gateway.url);
      const start = await device.pull('guides', undefined, 50, '331123');
      const changed = shopGuide({ fee: '不收费', keywords: ['营业执照', '开店', '个体户'] });
      const answer = await postGuideImport(gateway, token, { guides: [changed, songyang], withdraw: ['guide-331123-pension-01'] });
      expect(answer.body).toMatchObject({ updated: [changed.id], withdrawn: ['guide-331123-pension-01'] });

      const delta = await device.pull('guides', start.body.checkpoint, 50, '331123');
      expect(delta.body.documents.map((g) => [g.id, g._deleted]).sort()).toEqual([
        ['guide-331123-pension-01', true],
        [changed.id, false],
      ]);
      expect(delta.body.documents.find((g) => g.id === 'guide-331123-pension-01')).toMatchObject({ name: '城乡居民养老保险参保登记', version: 2 });
      expect((await device.pull('guides', delta.body.checkpoint, 50, '331123')).body.documents).toEqual([]);
    });

    it('should keep areas apart: pulling 331124 never returns 331123 guides', async () => {
      const { documents } = (await createSyncHttpClient(gateway.url).pull('guides', undefined, 50, '331124')).body;
      expect(documents.map((g) => g.id)).toEqual(['guide-331124-shop-0001']);
    });
  });

  describe('a bad file is refused whole, listing every problem, and changes nothing', () => {
    async function expectRefused(file: unknown, problems: unknown[]): Promise<void> {
      const before = await catalogueSnapshot(gateway);
      const answer = await postGuideImport(gateway, token, file);
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ code: 'IMPORT_INVALID' });
      expect(answer.body.problems).toEqual(problems);
      expect(await catalogueSnapshot(gateway)).toEqual(before);
    }

    it('should refuse malformed JSON', async () => {
      await expectRefused('{"guides": [ {"id": "guide-331123-shop-0001", } ]}', [{ item: 'file', field: '', reason: expect.stringMatching(/^is not valid JSON/) }]);
    });

    it('should refuse a guide that breaks the schema, naming the guide and field', async () => {
      const broken = { ...shopGuide({ fee: '' }), version: 9 };
      await expectRefused({ guides: [broken, { ...pension, channels: ['上门办'] }] }, [
        { item: 'guide-331123-shop-0001', field: 'version', reason: 'is not an allowed field' },
        { item: 'guide-331123-shop-0001', field: 'fee', reason: 'must NOT have fewer than 1 characters' },
        { item: 'guide-331123-pension-01', field: 'channels.0', reason: 'must be equal to one of the allowed values' },
      ]);
    });

    it('should refuse the same guide id twice in the file', async () => {
      await expectRefused({ guides: [shopGuide({ fee: '一' }), pension, shopGuide({ fee: '二' })] }, [
        { item: 'guide-331123-shop-0001', field: 'id', reason: 'appears more than once in the file (guides #0, #2)' },
      ]);
    });

    it('should refuse a guide whose area is not known', async () => {
      await expectRefused({ guides: [sampleGuideInput('guide-331199-shop-0001', '331199'), pension] }, [
        { item: 'guide-331199-shop-0001', field: 'areaCode', reason: 'is not a known area (331199)' },
      ]);
    });

    it('should refuse two materials with the same key in one guide', async () => {
      const guide = shopGuide({ fee: '改了' });
      await expectRefused({ guides: [{ ...guide, materials: [...guide.materials, { ...guide.materials[0], name: '重复材料' }] }] }, [
        { item: 'guide-331123-shop-0001', field: 'materials.2.key', reason: 'repeats the key "id-card"' },
      ]);
    });

    it('should refuse two form fields with the same key in one guide', async () => {
      const guide = shopGuide({ fee: '改了' });
      await expectRefused({ guides: [{ ...guide, formFields: [...guide.formFields, { key: 'phone', label: '备用电话', type: 'phone', required: false }] }] }, [
        { item: 'guide-331123-shop-0001', field: 'formFields.2.key', reason: 'repeats the key "phone"' },
      ]);
    });

    it('should refuse withdrawing a guide that was never published', async () => {
      await expectRefused({ guides: [shopGuide({ fee: '改了' })], withdraw: ['guide-331123-nothing-01'] }, [
        { item: 'guide-331123-nothing-01', field: 'withdraw', reason: 'is not a published guide' },
      ]);
    });

    it('should list problems of several kinds together', async () => {
      const guide = shopGuide({ fee: '改了' });
      await expectRefused(
        {
          areas: [{ code: '331125', name: '云和县', fullName: '浙江省丽水市云和县', level: 'city' }],
          guides: [{ ...guide, level: '村级' }, sampleGuideInput('guide-331126-shop-0001', '331126')],
          withdraw: ['guide-331123-nothing-01'],
        },
        [
          { item: 'area:331125', field: 'level', reason: 'must be county for this code' },
          { item: 'guide-331123-shop-0001', field: 'level', reason: 'must be equal to one of the allowed values' },
          { item: 'guide-331126-shop-0001', field: 'areaCode', reason: 'is not a known area (331126)' },
          { item: 'guide-331123-nothing-01', field: 'withdraw', reason: 'is not a published guide' },
        ],
      );
    });
  });

  describe('who may publish', () => {
    it('should refuse anyone but an operator with 403', async () => {
      for (const role of ['applicant', 'agent'] as const) {
        const account = await gateway.createAccount(role);
        const before = await catalogueSnapshot(gateway);
        const answer = await postGuideImport(gateway, await gateway.signIn(account.login, account.password), { guides: [shopGuide({ fee: '越权' })] });
        expect(answer.status, role).toBe(403);
        expect(answer.body).toMatchObject({ code: 'FORBIDDEN' });
        expect(await catalogueSnapshot(gateway)).toEqual(before);
      }
    });

    it('should refuse a request without a token with 401', async () => {
      const answer = await postGuideImport(gateway, undefined, { guides: [shopGuide({ fee: '匿名' })] });
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    });

    it('should refuse an oversized file with 413 before reading it', async () => {
      const before = await catalogueSnapshot(gateway);
      const huge = JSON.stringify({ guides: [shopGuide({ conditions: ['很长'.repeat(2_500_000)] })] });
      const answer = await postGuideImport(gateway, token, huge);
      expect(answer.status).toBe(413);
      expect(answer.body).toMatchObject({ code: 'BODY_TOO_LARGE' });
      expect(await catalogueSnapshot(gateway)).toEqual(before);
    });
  });
});

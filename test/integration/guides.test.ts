import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateWith } from '../../sync-protocol/index.js';
import { createValidators } from '../../gateway/validators.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';
import { createSyncHttpClient } from '../support/sync-http-client.js';

describe('guides are public and read-only', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ seed: true });
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('should pull guides without a token, each valid against the guide schema as it travels', async () => {
    const answer = await createSyncHttpClient(gateway.url).pull('guides');
    expect(answer.status).toBe(200);
    expect(answer.body.documents.length).toBeGreaterThanOrEqual(5);
    const validate = createValidators().documents.guides;
    for (const guide of answer.body.documents) {
      const { _deleted, ...body } = guide;
      expect(_deleted).toBe(false);
      expect(validateWith(validate, body), String(guide.id)).toEqual({ ok: true });
    }
  });

  it('should refuse a push to guides even from a signed-in user', async () => {
    const account = await gateway.createAccount();
    const client = createSyncHttpClient(gateway.url, await gateway.signIn(account.login, account.password));
    const [guide] = (await client.pull('guides')).body.documents;
    const answer = await client.push('guides', [{ assumedMasterState: guide, newDocumentState: { ...guide, fee: '收费' } }]);
    expect(answer.status).toBe(405);
    expect(answer.body).toMatchObject({ code: 'READ_ONLY_COLLECTION' });
    expect((await client.pull('guides')).body.documents.find((g) => g.id === guide.id)?.fee).toBe(guide.fee);
  });

  it('should create the demo accounts on a gateway that had none', async () => {
    expect((await gateway.signIn('demo', 'demo1234')).length).toBeGreaterThan(20);
    expect((await gateway.signIn('agent', 'agent1234')).length).toBeGreaterThan(20);
  });
});

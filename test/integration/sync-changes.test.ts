import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';
import { createSyncHttpClient } from '../support/sync-http-client.js';

describe('POST /v1/sync/changes', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ seed: true });
  });

  afterAll(() => gateway.close());

  it('should answer public feeds without an account', async () => {
    const anonymous = createSyncHttpClient(gateway.url);
    const guides = await anonymous.pull('guides', undefined, 200, '331123');
    const answer = await anonymous.changes([
      { collection: 'areas', since: '0' },
      { collection: 'guides', area: '331123', since: guides.body.checkpoint.seq },
      { collection: 'guides', area: '331123', since: '0' },
    ]);
    expect(answer).toMatchObject({ status: 200, body: { changed: [0, 2] } });
  });

  it('should ask for a token as soon as one private feed is named', async () => {
    const answer = await createSyncHttpClient(gateway.url).changes([
      { collection: 'areas', since: '0' },
      { collection: 'statuses', since: '0' },
    ]);
    expect(answer).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
  });

  it('should refuse private feeds to an operator, who replicates none', async () => {
    const operator = await gateway.createAccount('operator');
    const token = await gateway.signIn(operator.login, operator.password);
    const answer = await createSyncHttpClient(gateway.url, token).changes([{ collection: 'applications', since: '0' }]);
    expect(answer).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  });
});

import { describe, expect, it } from 'vitest';
import { toProblemBody } from '../../../sync-protocol/index.js';
import { ChangesCheck } from './changes-check.js';
import { GatewayError } from '../../../device-core/client/gateway-error.js';
import { createMemoryGateway } from '../../../test/support/memory-gateway.js';

const app = (id: string) => ({ id, _deleted: false });

describe('ChangesCheck', () => {
  it('should ask once for every running feed and answer each', async () => {
    const gateway = createMemoryGateway();
    gateway.seed('applications', app('a1'));
    const seen = await gateway.client.pull('applications', undefined, 10);
    const check = new ChangesCheck(
      () => gateway.client,
      () => 3,
      60_000,
    );
    const answers = Promise.all([
      check.hasChanges({ collection: 'applications' }, seen.checkpoint),
      check.hasChanges({ collection: 'statuses' }, seen.checkpoint),
      check.hasChanges({ collection: 'applications' }, { seq: '0' }),
    ]);
    // The third question sends the request: no timer was needed (its window is a minute).
    expect(await answers).toEqual([false, false, true]);
    expect(gateway.state.changesRequests).toBe(1);
  });

  it('should send what it gathered when the window closes, even if not every feed asked', async () => {
    const gateway = createMemoryGateway();
    const check = new ChangesCheck(
      () => gateway.client,
      () => 5,
      1,
    );
    expect(await check.hasChanges({ collection: 'applications' }, { seq: '0' })).toBe(false);
    expect(gateway.state.changesRequests).toBe(1);
  });

  it('should answer "pull" without asking for a feed that has no checkpoint yet', async () => {
    const gateway = createMemoryGateway();
    const check = new ChangesCheck(
      () => gateway.client,
      () => 1,
    );
    expect(await check.hasChanges({ collection: 'areas' }, undefined)).toBe(true);
    expect(gateway.state.changesRequests).toBe(0);
  });

  it('should answer "nothing to pull" for an area the gateway no longer publishes, and the others as usual', async () => {
    const gateway = createMemoryGateway();
    gateway.state.unknownAreas.add('331199');
    gateway.seed('applications', app('a1'));
    const check = new ChangesCheck(
      () => gateway.client,
      () => 3,
    );
    const answers = await Promise.all([
      check.hasChanges({ collection: 'guides', area: '331199' }, { seq: '0' }),
      check.hasChanges({ collection: 'applications' }, { seq: '0' }),
      check.hasChanges({ collection: 'guides', area: '331123' }, { seq: '0' }),
    ]);
    expect(answers).toEqual([false, true, false]);
    expect(gateway.state.changesRequests).toBe(1);
  });

  it('should answer "pull" for every feed when the question fails', async () => {
    const gateway = createMemoryGateway();
    gateway.state.failWith = new GatewayError('server', 503, toProblemBody('STORE_UNAVAILABLE'));
    const check = new ChangesCheck(
      () => gateway.client,
      () => 2,
    );
    const answers = await Promise.all([check.hasChanges({ collection: 'applications' }, { seq: '4' }), check.hasChanges({ collection: 'guides', area: '331123' }, { seq: '4' })]);
    expect(answers).toEqual([true, true]);
  });
});

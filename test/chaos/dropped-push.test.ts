import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type PushResponse } from '../../sync-protocol/index.js';
import { startLinkSimulator, type Direction } from '../support/link-simulator.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';

/**
 * A push whose connection dies at any byte, of the request or of the answer,
 * and is then retried over a good link: the document lands exactly once, with
 * no conflict and no spurious revision. `CHAOS_CUTS` sets how many cut points
 * per direction (the default keeps `npm test` quick; `npm run test:chaos`
 * walks many more).
 */
const CUTS_PER_DIRECTION = Number(process.env.CHAOS_CUTS ?? 12);

type Doc = Record<string, unknown> & { id: string };

function application(id: string, name: string): Doc {
  return {
    id,
    guideId: 'guide-chaos-01',
    guideVersion: 1,
    guideName: '个体工商户设立登记',
    applicant: { name, phone: '13800138000' },
    form: { shopName: `${name}的小卖部` },
    lifecycle: 'submitted',
    createdAt: '2026-11-20T08:00:00.000Z',
    updatedAt: '2026-11-20T08:00:00.000Z',
    submittedAt: '2026-11-20T08:00:00.000Z',
    _deleted: false,
  };
}

describe('push over a link that drops at any byte', () => {
  let gateway: TestGateway;
  let token: string;
  let userId: string;

  beforeAll(async () => {
    gateway = await startTestGateway();
    const account = await gateway.createAccount('applicant');
    userId = account.userId;
    token = await gateway.signIn(account.login, account.password);
  });

  afterAll(async () => {
    await gateway?.close();
  });

  function push(baseUrl: string, rows: unknown[]): Promise<Response> {
    return fetch(`${baseUrl}/v1/sync/applications/push`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      },
      body: JSON.stringify({ rows }),
    });
  }

  /** Bytes of one push exchange in each direction, measured through a proxy that never cuts. */
  async function measureExchange(rows: unknown[]): Promise<Record<Direction, number>> {
    const proxy = await startLinkSimulator({ targetPort: gateway.port, cutFor: () => null });
    try {
      const response = await push(proxy.url, rows);
      await response.text();
      return proxy.bytes;
    } finally {
      await proxy.close();
    }
  }

  function cutPoints(total: number): number[] {
    const points = new Set<number>([1, total - 1]);
    for (let i = 1; i <= CUTS_PER_DIRECTION; i += 1) points.add(Math.max(1, Math.floor((total * i) / (CUTS_PER_DIRECTION + 1))));
    return [...points].filter((n) => n > 0 && n < total).sort((a, b) => a - b);
  }

  /** Pushes through a link that dies after `afterBytes`; answers whether the device saw the failure. */
  async function pushThroughCut(rows: unknown[], direction: Direction, afterBytes: number): Promise<boolean> {
    const proxy = await startLinkSimulator({ targetPort: gateway.port, cutFor: () => ({ direction, afterBytes }) });
    try {
      const response = await push(proxy.url, rows);
      await response.text();
      return false;
    } catch {
      // The link died: exactly what the device sees in the field.
      return proxy.resets === 1;
    } finally {
      await proxy.close();
    }
  }

  async function storedRevision(id: string): Promise<{ rev: string; name: unknown }> {
    const db = gateway.couch.use<{ data: Doc }>(gateway.userDbName(userId, 'applications'));
    const doc = await db.get(id);
    return { rev: doc._rev, name: (doc.data.applicant as { name: string }).name };
  }

  it('should store a new document exactly once whatever byte the link dies at', async () => {
    const sample = [{ newDocumentState: application('chaos-measure-0001', '量') }];
    const sizes = await measureExchange(sample);
    let case_ = 0;
    for (const direction of ['upstream', 'downstream'] as const) {
      for (const afterBytes of cutPoints(sizes[direction])) {
        const doc = application(`chaos-new-${String(case_++).padStart(4, '0')}`, '张三');
        const rows = [{ newDocumentState: doc }];
        expect(await pushThroughCut(rows, direction, afterBytes), `${direction}@${afterBytes} must fail`).toBe(true);
        const retry = await push(gateway.url, rows);
        expect(retry.status, `${direction}@${afterBytes}`).toBe(200);
        const answer = (await retry.json()) as PushResponse<Doc>;
        expect(answer, `${direction}@${afterBytes}`).toEqual({ conflicts: [], errors: [] });
        const stored = await storedRevision(doc.id);
        expect(stored.rev.startsWith('1-'), `${direction}@${afterBytes}: ${stored.rev}`).toBe(true);
      }
    }
  });

  it('should apply an edit exactly once whatever byte the link dies at', async () => {
    const original = application('chaos-edit-000001', '李四');
    const first = await push(gateway.url, [{ newDocumentState: original }]);
    expect(await first.json()).toEqual({ conflicts: [], errors: [] });
    let assumed: Doc = original;
    const sizes = await measureExchange([{ assumedMasterState: original, newDocumentState: original }]);
    let generation = 1;
    for (const direction of ['upstream', 'downstream'] as const) {
      for (const afterBytes of cutPoints(sizes[direction])) {
        const next = { ...assumed, applicant: { name: `李四${generation}`, phone: '13800138000' } };
        const rows = [{ assumedMasterState: assumed, newDocumentState: next }];
        expect(await pushThroughCut(rows, direction, afterBytes), `${direction}@${afterBytes} must fail`).toBe(true);
        const retry = await push(gateway.url, rows);
        expect(await retry.json(), `${direction}@${afterBytes}`).toEqual({ conflicts: [], errors: [] });
        generation += 1;
        const stored = await storedRevision(original.id);
        expect(stored.rev.startsWith(`${generation}-`), `${direction}@${afterBytes}: ${stored.rev}`).toBe(true);
        expect(stored.name).toBe(next.applicant.name);
        assumed = next;
      }
    }
  });
});

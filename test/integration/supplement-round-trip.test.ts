import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitEntryId, supplementEntryId, ratingEntryId } from '../../gateway/domain/outbox-entry.js';
import { orderStatuses } from '../../pwa/src/model/application-stage.js';
import type { ApplicationDoc } from '../../sync-protocol/index.js';
import { createFiler, pageOf, type Filer } from '../support/filing.js';
import { seededBytes } from '../support/material-transfer.js';
import { fastUpstream, startTestProvince, waitFor, type TestProvince } from '../support/province-sim.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';

/**
 * The way back from the province: statuses in the owner's feed, a 补件 request
 * answered by a supplement from the device (new page by tus) that reaches the
 * same case, 办结, and the rating (好差评) that follows it.
 */
describe('statuses, supplement and rating round trip', () => {
  let province: TestProvince;
  let gateway: TestGateway;
  let owner: Filer;
  let stranger: Filer;

  beforeAll(async () => {
    province = await startTestProvince();
    gateway = await startTestGateway({ upstreamEnv: fastUpstream(province) });
    const alice = await gateway.createAccount('applicant');
    owner = createFiler(gateway.url, await gateway.signIn(alice.login, alice.password));
    const bob = await gateway.createAccount('applicant');
    stranger = createFiler(gateway.url, await gateway.signIn(bob.login, bob.password));
  });

  afterAll(async () => {
    await gateway?.close();
    await province?.close();
  });

  async function statusIn(state: string, applicationId: string) {
    return waitFor(`status ${state}`, async () => (await owner.statuses(applicationId)).find((s) => s.state === state));
  }

  it('should bring 受理, 补件 and 办结 back to the owner, carry the supplement to the same case, then the rating', async () => {
    const app = await owner.file(500);
    await statusIn('forwarded', app.id);
    // The forwarder writes the status before it marks the entry done (so a crash between the two replays): wait for both.
    const caseId = await waitFor('the case id on the submit entry', async () => (await gateway.store.outbox.read(submitEntryId(app.id)))?.result?.caseId);

    await province.advance(app.id, { to: 'accepted' });
    const accepted = await statusIn('accepted', app.id);
    expect(accepted.acceptanceNumber).toMatch(/^浙331123-\d{4}-\d{6}$/);

    await province.advance(app.id, { to: 'supplement_required', materials: [{ key: 'id-card', reason: '身份证照片反光，请重新拍摄' }] });
    const request = await statusIn('supplement_required', app.id);
    expect(request.materials).toEqual([{ key: 'id-card', name: '居民身份证', reason: '身份证照片反光，请重新拍摄' }]);

    // A rating before 办结 is refused by the gateway.
    const early = await owner.update({ ...app, rating: { score: 5, at: '2026-11-26T08:00:00.000Z' } });
    expect(early.errors).toEqual([expect.objectContaining({ id: app.id, code: 'DOCUMENT_INVALID', field: 'rating' })]);

    // The device answers offline with a new photo; the page goes up by tus, the supplement by push.
    const newPhoto = seededBytes(30_000, 501);
    const supplemented: ApplicationDoc = {
      ...app,
      supplements: [
        { id: 'sup-0000000001', requestedBy: request.id, materials: [{ key: 'id-card', name: '居民身份证', pages: [pageOf(newPhoto)] }], at: '2026-11-26T09:00:00.000Z' },
      ],
    };
    expect((await owner.update(supplemented)).errors).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Not before its page arrived.
    expect((await province.caseOf(app.id))!.supplements).toEqual([]);
    await owner.upload(newPhoto);
    const withSupplement = await waitFor('supplement at the province', async () => {
      const c = await province.caseOf(app.id);
      return c && c.supplements.length === 1 ? c : null;
    });
    expect(withSupplement.caseId).toBe(caseId);
    expect(withSupplement.supplements[0]).toMatchObject({ supplementId: 'sup-0000000001', materialKeys: ['id-card'] });
    await waitFor('the supplement entry done', async () => (await gateway.store.outbox.read(supplementEntryId(app.id, 'sup-0000000001')))?.state === 'done');
    await waitFor('补件已收到', async () => (await owner.statuses(app.id)).filter((s) => s.state === 'accepted').length === 2);

    await province.advance(app.id, { to: 'completed' });
    await statusIn('completed', app.id);
    await waitFor('the gateway knows 办结', async () => (await gateway.store.outbox.read(submitEntryId(app.id)))?.province?.state === 'completed');
    const rated = { ...supplemented, rating: { score: 4, comment: '办事效率高，窗口态度好', at: '2026-11-27T08:00:00.000Z' } };
    expect((await owner.update(rated)).errors).toEqual([]);
    const ratedCase = await waitFor('rating at the province', async () => (await province.caseOf(app.id))?.rating);
    expect(ratedCase).toMatchObject({ score: 4, comment: '办事效率高，窗口态度好' });
    await waitFor('the rating entry done', async () => (await gateway.store.outbox.read(ratingEntryId(app.id)))?.state === 'done');

    const counts = await province.counts();
    expect(counts.casesPerApplication[app.id]).toBe(1);
    expect(counts.duplicates).toBe(0);
    // The whole timeline, for the owner only, in the order the device shows it: by the
    // statuses' own time, since a pull page comes in no particular order (sharded CouchDB).
    const timeline = orderStatuses(await owner.statuses(app.id)).map((s) => s.state);
    expect(timeline).toEqual(['forwarded', 'accepted', 'supplement_required', 'accepted', 'completed']);
    expect(await stranger.statuses()).toEqual([]);
  });

  it('should refuse a supplement on an application that was never submitted', async () => {
    const app = await owner.file(510);
    const draft = {
      ...app,
      id: `${app.id}-d`,
      lifecycle: 'draft' as const,
      supplements: [
        { id: 'sup-0000000002', requestedBy: 'x', materials: [{ key: 'id-card', name: '居民身份证', pages: [pageOf(seededBytes(100, 1))] }], at: '2026-11-26T09:00:00.000Z' },
      ],
    };
    const refused = (await owner.client.push('applications', [{ newDocumentState: { ...draft, _deleted: false } as never }])).body;
    expect(refused.errors).toEqual([expect.objectContaining({ code: 'DOCUMENT_INVALID', field: 'supplements' })]);
  });
});

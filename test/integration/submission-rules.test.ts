/**
 * The gateway enforces every rule the phone enforces (issue 12): pushes
 * written as a modified or outdated app would, breaking one rule each, are
 * refused with DOCUMENT_INVALID naming the field. The cases are the table the
 * phone's data interface runs too (sync-protocol/application-rules.cases.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RULE_CASES,
  RULE_CASES_AREA,
  RULE_CASES_GUIDE_INPUT,
  RULE_CASES_GUIDE_VERSION,
  RULE_CASES_TODAY,
  ruleCaseApplication,
} from '../../sync-protocol/application-rules.cases.js';
import { operatorToken, postGuideImport } from '../support/guide-import-client.js';
import { SAMPLE_AREAS } from '../support/sample-guides.js';
import { newDocumentId, type WireDoc } from '../support/sample-documents.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';
import { createSyncHttpClient, type SyncHttpClient } from '../support/sync-http-client.js';

describe('submission rules at the gateway, over HTTP', () => {
  let gateway: TestGateway;
  let client: SyncHttpClient;
  let userId: string;

  beforeAll(async () => {
    gateway = await startTestGateway({ clock: { now: () => RULE_CASES_TODAY } });
    const operator = await operatorToken(gateway);
    // Published twice, so the gateway holds version 2 and version 1 is an older one.
    expect((await postGuideImport(gateway, operator, { areas: SAMPLE_AREAS, guides: [{ ...RULE_CASES_GUIDE_INPUT, fee: '工本费 10 元' }] })).status).toBe(200);
    expect((await postGuideImport(gateway, operator, { guides: [RULE_CASES_GUIDE_INPUT] })).status).toBe(200);
    const published = (await createSyncHttpClient(gateway.url).pull('guides', undefined, 10, RULE_CASES_AREA)).body.documents;
    expect(published.map((g) => g.version)).toEqual([RULE_CASES_GUIDE_VERSION]);
    const applicant = await gateway.createAccount('applicant');
    userId = applicant.userId;
    client = createSyncHttpClient(gateway.url, await gateway.signIn(applicant.login, applicant.password));
  });

  afterAll(async () => {
    await gateway?.close();
  });

  async function isStored(id: string): Promise<boolean> {
    return gateway.couch
      .use(gateway.userDbName(userId, 'applications'))
      .head(id)
      .then(
        () => true,
        () => false,
      );
  }

  it.each(RULE_CASES)('should answer a push of $name as the table says', async ({ parts, refused }) => {
    const app = { ...ruleCaseApplication(newDocumentId(), parts), _deleted: false } as unknown as WireDoc;
    const answer = await client.push('applications', [{ newDocumentState: app }]);
    expect(answer.status).toBe(200);
    if (refused) {
      expect(answer.body.errors).toEqual([expect.objectContaining({ id: app.id, code: 'DOCUMENT_INVALID', field: refused.field })]);
      expect(answer.body.errors[0].detail).toContain(refused.code);
      expect(await isStored(String(app.id))).toBe(false);
    } else {
      expect(answer.body).toEqual({ conflicts: [], errors: [] });
      expect(await isStored(String(app.id))).toBe(true);
    }
  });

  it('should refuse each rule breaker of one batch by its field and store the rest', async () => {
    const rows = RULE_CASES.map(({ parts }) => ({ newDocumentState: { ...ruleCaseApplication(newDocumentId(), parts), _deleted: false } as unknown as WireDoc }));
    const answer = await client.push('applications', rows);
    const expected = RULE_CASES.flatMap(({ refused }, i) => (refused ? [{ id: rows[i].newDocumentState.id, field: refused.field }] : []));
    expect(answer.body.errors.map((e) => ({ id: e.id, field: e.field }))).toEqual(expected);
    const stored = await Promise.all(rows.map((row) => isStored(String(row.newDocumentState.id))));
    expect(stored).toEqual(RULE_CASES.map(({ refused }) => refused === null));
  });
});

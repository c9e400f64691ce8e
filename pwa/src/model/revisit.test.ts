import { describe, expect, it } from 'vitest';
import type { ApplicationDoc, HouseholdDoc, StatusDoc } from '../../../sync-protocol/index.js';
import type { ApplicationView } from '../db/data-api.js';
import type { ApplicationStage } from './application-stage.js';
import { owedMaterials, revisitList } from './revisit.js';

const at = '2026-12-01T08:00:00.000Z';
const household = (id: string, village: string, head: string, delivered: string[] = []): HouseholdDoc => ({
  id,
  village: { name: village },
  members: [{ id: `${id}-m1`, name: head, relation: '户主' }],
  ...(delivered.length ? { delivered: delivered.map((applicationId) => ({ applicationId, at })) } : {}),
  createdAt: at,
  updatedAt: at,
});
function view(id: string, householdId: string, stage: ApplicationStage, extra: Partial<ApplicationDoc> = {}, statuses: StatusDoc[] = []): ApplicationView {
  const application: ApplicationDoc = {
    id,
    guideId: 'guide-000001',
    guideVersion: 1,
    guideName: '城乡居民基本养老保险参保登记',
    applicant: { name: 'x' },
    form: {},
    householdId,
    lifecycle: 'submitted',
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
  return { application, syncState: 'at-gateway', statuses, stage } as ApplicationView;
}
const supplementAsked = (applicationId: string): StatusDoc =>
  ({ id: `status-${applicationId}-s`, applicationId, state: 'supplement_required', at: '2026-12-02T08:00:00.000Z', materials: [{ key: 'hukou', name: '户口簿' }] }) as StatusDoc;
const commitment = { waivedKeys: ['photo'], text: 't', signature: { sha256: 'a'.repeat(64), bytes: 1, contentType: 'image/png' }, signedAt: at } as ApplicationDoc['commitment'];

describe('the 待回访 list', () => {
  const households = [household('household-b', '石练村', '周大明', ['app-00000004']), household('household-a', '大柘村', '张桂英')];

  it('lists 补件 asked, 容缺 owed and results to bring, by village, and nothing else', () => {
    const list = revisitList(households, [
      view('app-00000001', 'household-b', 'supplement_required', {}, [supplementAsked('app-00000001')]),
      view('app-00000002', 'household-a', 'completed'),
      view('app-00000003', 'household-a', 'accepted', { commitment, materials: [{ key: 'photo', name: '一寸照片', pages: [], waived: true }] }),
      view('app-00000004', 'household-b', 'completed'), // already brought
      view('app-00000005', 'household-a', 'accepted'),
      view('app-00000006', 'household-gone', 'completed'),
      view('app-00000007', 'household-a', 'draft', { lifecycle: 'draft' }),
    ]);
    expect(list.map((i) => [i.household.village.name, i.view.application.id, i.reason])).toEqual([
      ['大柘村', 'app-00000002', 'deliver'],
      ['大柘村', 'app-00000003', 'owed'],
      ['石练村', 'app-00000001', 'supplement'],
    ]);
    expect(list[1].materials).toEqual(['一寸照片']);
    expect(list[2].materials).toEqual(['户口簿']);
  });

  it('drops a 补件 once answered and an owed material once handed in', () => {
    const asked = supplementAsked('app-00000001');
    const answered = view(
      'app-00000001',
      'household-a',
      'supplement_required',
      {
        supplements: [
          {
            id: 'supp-00000001',
            requestedBy: asked.id,
            materials: [{ key: 'hukou', name: '户口簿', pages: [{ sha256: 'b'.repeat(64), bytes: 1, contentType: 'image/jpeg' }] }],
            at,
          },
        ],
      },
      [asked],
    );
    expect(revisitList(households, [answered])).toEqual([]);
    const app = {
      commitment,
      materials: [{ key: 'photo', name: '一寸照片', pages: [], waived: true }],
      supplements: [
        {
          id: 'supp-00000002',
          requestedBy: 'x',
          materials: [{ key: 'photo', name: '一寸照片', pages: [{ sha256: 'c'.repeat(64), bytes: 1, contentType: 'image/jpeg' as const }] }],
          at,
        },
      ],
    };
    expect(owedMaterials(app)).toEqual([]);
  });
});

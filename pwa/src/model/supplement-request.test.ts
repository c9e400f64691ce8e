import { describe, expect, it } from 'vitest';
import type { StatusDoc } from '../../../sync-protocol/index.js';
import { currentSupplementRequest, supplementKeyOf } from './supplement-request.js';

const request: StatusDoc = {
  id: 'app-1:s1',
  applicationId: 'app-1',
  state: 'supplement_required',
  at: '2026-11-21T02:00:00Z',
  materials: [{ key: 'id-card', name: '居民身份证', reason: '照片反光' }],
};
const accepted: StatusDoc = { id: 'app-1:a', applicationId: 'app-1', state: 'accepted', at: '2026-11-20T02:00:00Z' };

describe('currentSupplementRequest', () => {
  it('should show the request while it is the latest word of the province', () => {
    expect(currentSupplementRequest({}, [accepted, request])).toMatchObject({ status: { id: 'app-1:s1' }, materials: request.materials });
  });

  it('should carry the answer once the person supplemented', () => {
    const supplement = { id: 'sup-1', requestedBy: 'app-1:s1', materials: [], at: '2026-11-22T00:00:00Z' };
    expect(currentSupplementRequest({ supplements: [supplement] }, [request])?.answer).toEqual(supplement);
  });

  it('should show nothing once the province moved on', () => {
    const again: StatusDoc = { ...accepted, id: 'app-1:a2', at: '2026-11-23T02:00:00Z' };
    expect(currentSupplementRequest({}, [request, again])).toBeNull();
    expect(currentSupplementRequest({}, [])).toBeNull();
  });
});

describe('supplementKeyOf', () => {
  it('should take the key from the status, then from the application by name, then from the position', () => {
    expect(supplementKeyOf({ key: 'id-card', name: '居民身份证', reason: '' }, {}, 0)).toBe('id-card');
    expect(supplementKeyOf({ name: '营业执照', reason: '' }, { materials: [{ key: 'licence', name: '营业执照', pages: [] }] }, 0)).toBe('licence');
    expect(supplementKeyOf({ name: '其他', reason: '' }, {}, 2)).toBe('supplement-3');
  });
});

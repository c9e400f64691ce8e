import { describe, expect, it } from 'vitest';
import { ERRORS } from '../sync-protocol/index.js';
import { Problem } from './problem.js';

describe('Problem', () => {
  it('should take its status and exposure from the catalogue', () => {
    const problem = new Problem('NOT_OWNER');
    expect(problem.status).toBe(403);
    expect(problem.expose).toBe(true);
    expect(new Problem('STORE_UNAVAILABLE').expose).toBe(false);
  });

  it('should build the wire body with field and detail only when given', () => {
    expect(new Problem('INVALID_REQUEST', { field: 'limit' }).toBody()).toEqual({
      code: 'INVALID_REQUEST',
      message: ERRORS.INVALID_REQUEST.message,
      fix: ERRORS.INVALID_REQUEST.fix,
      field: 'limit',
    });
    expect(Object.keys(new Problem('NOT_FOUND').toBody()).sort()).toEqual(['code', 'fix', 'message']);
  });

  it('should carry every problem of an import file in the body', () => {
    const problems = [{ item: 'guide-x-00001', field: 'areaCode', reason: 'is not a known area' }];
    expect(new Problem('IMPORT_INVALID', { problems }).toBody()).toMatchObject({ code: 'IMPORT_INVALID', problems });
  });
});

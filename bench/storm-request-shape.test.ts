import { describe, expect, it } from 'vitest';
import { requestShape, tallyDifference } from './storm-request-shape.js';

describe('requestShape', () => {
  it('should fold the prefix, the user and the document id', () => {
    expect(requestShape('POST', '/storm1x_u_ab12cd_applications/_bulk_docs')).toBe('POST /<prefix>_u_<user>_applications/_bulk_docs');
    expect(requestShape('DELETE', '/storm1x_outbox/dirty%3Aab12')).toBe('DELETE /<prefix>_outbox/<id>');
    expect(requestShape('PUT', '/storm1x_registry')).toBe('PUT /<prefix>_registry');
  });

  it('should keep the raw baseline apart from the gateway', () => {
    expect(requestShape('POST', '/storm1xraw_u_ab12cd_applications/_bulk_docs')).toBe('POST /<prefix>raw_u_<user>_applications/_bulk_docs');
  });

  it('should count a malformed escape as sent', () => {
    expect(requestShape('GET', '/storm1x_outbox/%E0')).toBe('GET /<prefix>_outbox/<id>');
  });
});

describe('tallyDifference', () => {
  it('should answer only the requests made in between', () => {
    expect(tallyDifference({ a: 2, b: 5 }, { a: 2, b: 7, c: 1 })).toEqual({ b: 2, c: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { methodLabel, routeLabel, statusClass } from './route-label.js';

const uploads = [{ prefix: '/v1/materials/uploads', collection: '/v1/materials/uploads', item: '/v1/materials/uploads/:uploadId' }];

describe('routeLabel', () => {
  it("should use the router's template, never the raw path", () => {
    expect(routeLabel('/v1/sync/:collection/pull', '/v1/sync/applications/pull')).toBe('/v1/sync/:collection/pull');
  });

  it('should count an upload under its template, without its id', () => {
    expect(routeLabel(undefined, '/v1/materials/uploads', uploads)).toBe('/v1/materials/uploads');
    expect(routeLabel(undefined, '/v1/materials/uploads/0123456789abcdef0123456789abcdef', uploads)).toBe('/v1/materials/uploads/:uploadId');
  });

  it('should put unknown API paths, samples and static files into fixed buckets', () => {
    expect(routeLabel(undefined, '/v1/users/u0123456789abcdef', uploads)).toBe('unmatched');
    expect(routeLabel(undefined, '/samples/id-card.svg')).toBe('/samples/*');
    expect(routeLabel(undefined, '/assets/index-3f2a.js')).toBe('static');
  });
});

describe('statusClass', () => {
  it('should group statuses by their hundreds', () => {
    expect([200, 204, 304, 413, 460, 503].map(statusClass)).toEqual(['2xx', '2xx', '3xx', '4xx', '4xx', '5xx']);
  });
});

describe('methodLabel', () => {
  it('should keep the usual methods and fold any other into OTHER', () => {
    expect(['GET', 'PATCH', 'BREW', 'get'].map(methodLabel)).toEqual(['GET', 'PATCH', 'OTHER', 'OTHER']);
  });
});

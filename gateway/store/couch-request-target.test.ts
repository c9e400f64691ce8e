import { describe, expect, it } from 'vitest';
import { couchRequestTarget } from './couch-request-target.js';

describe('couchRequestTarget', () => {
  it('should move the credentials of a URL into a Basic Authorization header', () => {
    const target = couchRequestTarget('https://tongban-admin:p%40ss%3Aword@couch.internal:6984/');
    expect(target.origin).toBe('https://couch.internal:6984');
    expect(target.headers.authorization).toBe(`Basic ${Buffer.from('tongban-admin:p@ss:word').toString('base64')}`);
  });

  it('should keep a path prefix of the URL (CouchDB behind a reverse proxy)', () => {
    expect(couchRequestTarget('http://a:b@proxy:8080/couchdb/').origin).toBe('http://proxy:8080/couchdb');
  });

  it('should send no Authorization header for a URL without credentials', () => {
    expect(couchRequestTarget('http://127.0.0.1:5984')).toEqual({ origin: 'http://127.0.0.1:5984', headers: {} });
  });
});

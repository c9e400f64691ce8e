import { describe, expect, it } from 'vitest';
import { Problem } from '../problem.js';
import { guardCouch, redactUrl } from './couch-errors.js';

describe('redactUrl', () => {
  it('should hide user and password in a CouchDB URL', () => {
    expect(redactUrl('https://admin:s3cr%40t@couch.example.cn:6984/')).toBe('https://***@couch.example.cn:6984/');
  });

  it('should leave a URL without credentials alone', () => {
    expect(redactUrl('http://127.0.0.1:5984')).toBe('http://127.0.0.1:5984');
  });
});

describe('guardCouch', () => {
  it('should turn a connection failure into STORE_UNAVAILABLE', async () => {
    const error = await guardCouch(() => Promise.reject(new TypeError('fetch failed'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Problem);
    expect((error as Problem).code).toBe('STORE_UNAVAILABLE');
  });

  it('should pass CouchDB answers such as 404 through', async () => {
    const notFound = Object.assign(new Error('missing'), { statusCode: 404 });
    await expect(guardCouch(() => Promise.reject(notFound))).rejects.toBe(notFound);
  });
});

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, serializeError } from './logger.js';

describe('serializeError', () => {
  it('should strip credentials from messages, stacks and causes', () => {
    const cause = new Error('connect ECONNREFUSED https://admin:hunter2@couch.internal:6984/tb_accounts');
    const error = new Error('request to https://admin:hunter2@couch.internal:6984 failed', { cause });
    expect(JSON.stringify(serializeError(error))).not.toContain('hunter2');
  });

  it('should keep the status and code that explain the failure', () => {
    const error = Object.assign(new Error('conflict'), { statusCode: 409, code: 'EX' });
    expect(serializeError(error)).toMatchObject({ type: 'Error', statusCode: 409, code: 'EX' });
  });
});

describe('createLogger', () => {
  it('should never write a password, a token, an ID number or a CouchDB URL', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    logger.info({ password: 'demo1234', token: 'tok-secret', applicant: { idNumber: '332527198805120026' }, couchUrl: 'https://a:b@c' }, 'sign-in');
    const written = lines.join('');
    expect(written).toContain('sign-in');
    expect(written).not.toMatch(/demo1234|tok-secret|332527198805120026|a:b@c/);
  });
});

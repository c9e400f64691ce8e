import { describe, expect, it } from 'vitest';
import { createAjv } from '../../sync-protocol/index.js';
import { isProblem } from '../problem.js';
import { validateBody } from './validate-body.js';

const validate = createAjv().compile({
  type: 'object',
  additionalProperties: false,
  properties: { login: { type: 'string' } },
  required: ['login'],
});

function fieldOf(body: unknown): string | undefined {
  try {
    validateBody(validate, body);
    return undefined;
  } catch (error) {
    if (!isProblem(error)) throw error;
    expect(error.code).toBe('INVALID_REQUEST');
    return error.field;
  }
}

describe('validateBody', () => {
  it('should pass a body that matches', () => {
    expect(fieldOf({ login: 'a' })).toBeUndefined();
  });

  it('should name the field of the first problem', () => {
    expect(fieldOf({ login: 7 })).toBe('login');
    expect(fieldOf({})).toBe('login');
    expect(fieldOf({ login: 'a', extra: 1 })).toBe('extra');
  });

  it.each([null, [], 'x', 3])('should name `body` when the body is %j, not an object', (body) => {
    expect(fieldOf(body)).toBe('body');
  });
});

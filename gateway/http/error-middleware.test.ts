import { describe, expect, it, vi } from 'vitest';
import { ERRORS } from '../../sync-protocol/index.js';
import { Problem } from '../problem.js';
import type { AppContext } from './app-state.js';
import { createErrorMiddleware, toProblem } from './error-middleware.js';

function fakeContext() {
  const log = { error: vi.fn(), warn: vi.fn(), info: vi.fn() };
  const ctx = { status: 404, body: undefined as unknown, headerSent: false, writable: true, state: { log, logFields: {} as Record<string, unknown> } };
  return { ctx: ctx as unknown as AppContext & typeof ctx, log };
}

describe('toProblem', () => {
  it('should keep a Problem as it is', () => {
    const problem = new Problem('NOT_OWNER', { field: 'id' });
    expect(toProblem(problem)).toBe(problem);
  });

  it('should map 4xx errors raised by Koa or libraries onto the catalogue', () => {
    expect(toProblem(Object.assign(new Error('x'), { status: 413 })).code).toBe('BODY_TOO_LARGE');
    expect(toProblem(Object.assign(new Error('x'), { status: 400 })).code).toBe('INVALID_REQUEST');
    expect(toProblem(Object.assign(new Error('x'), { status: 418 })).code).toBe('INVALID_REQUEST');
  });

  it('should make anything else INTERNAL', () => {
    expect(toProblem(new TypeError('undefined is not a function')).code).toBe('INTERNAL');
    expect(toProblem('a string').code).toBe('INTERNAL');
  });
});

describe('error middleware', () => {
  it('should answer a problem with its status and catalogue body', async () => {
    const { ctx, log } = fakeContext();
    await createErrorMiddleware()(ctx, async () => {
      throw new Problem('INVALID_REQUEST', { field: 'limit' });
    });
    expect(ctx.status).toBe(400);
    expect(ctx.body).toEqual({ code: 'INVALID_REQUEST', message: ERRORS.INVALID_REQUEST.message, fix: ERRORS.INVALID_REQUEST.fix, field: 'limit' });
    expect(log.error).not.toHaveBeenCalled();
  });

  it('should answer an unknown error with 500 INTERNAL, leak nothing and log it once', async () => {
    const { ctx, log } = fakeContext();
    await createErrorMiddleware()(ctx, async () => {
      throw new Error('secret detail at /srv/gateway/x.ts:12');
    });
    expect(ctx.status).toBe(500);
    expect(ctx.body).toEqual({ code: 'INTERNAL', message: ERRORS.INTERNAL.message, fix: ERRORS.INTERNAL.fix });
    expect(JSON.stringify(ctx.body)).not.toContain('secret');
    expect(log.error).toHaveBeenCalledTimes(1);
  });
});

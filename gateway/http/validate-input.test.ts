import type { ParameterizedContext } from 'koa';
import { describe, expect, it } from 'vitest';
import type { SessionRequest } from '../../sync-protocol/index.js';
import { isProblem } from '../problem.js';
import { createValidators } from '../validators.js';
import type { AppState } from './app-state.js';
import { validate, type InputState } from './validate-input.js';

const check = validate({ validators: createValidators() }, 'sessionRequest');

/** Runs the step on a request carrying `body`; answers what the next step saw, or the problem's field. */
async function run(body: unknown): Promise<{ input?: SessionRequest; field?: string; nextRan: boolean }> {
  // A stand-in for Koa's context: the step reads only the request body and writes only the state.
  const ctx = { request: { body }, state: {} } as unknown as ParameterizedContext<AppState & InputState<SessionRequest>>;
  let nextRan = false;
  try {
    await check(ctx, async () => {
      nextRan = true;
    });
    return { input: ctx.state.input, nextRan };
  } catch (error) {
    if (!isProblem(error)) throw error;
    expect(error.code).toBe('INVALID_REQUEST');
    return { field: error.field, nextRan };
  }
}

describe('validate', () => {
  it('should hand the next step the checked body as its input', async () => {
    expect(await run({ login: 'a', password: 'b' })).toEqual({ input: { login: 'a', password: 'b' }, nextRan: true });
  });

  it('should refuse a body that breaks the schema, naming the field, before the next step runs', async () => {
    expect(await run({ login: 7, password: 'b' })).toEqual({ field: 'login', nextRan: false });
    expect(await run({ login: 'a' })).toEqual({ field: 'password', nextRan: false });
    expect(await run({ login: 'a', password: 'b', extra: 1 })).toEqual({ field: 'extra', nextRan: false });
  });

  it('should name the body itself when there is none or it is not an object', async () => {
    expect(await run(undefined)).toEqual({ field: 'body', nextRan: false });
    expect(await run([1])).toEqual({ field: 'body', nextRan: false });
  });
});

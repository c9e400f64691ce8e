import type { Middleware } from 'koa';
import { API_PREFIX, MATERIALS_HAVE_PATH } from '../../sync-protocol/index.js';
import { Problem } from '../problem.js';
import type { AdmissionGate, AdmissionLimits } from './admission.js';
import type { AppContext, AppState } from './app-state.js';
import { RetrySlots } from './retry-slots.js';

const SYNC_PREFIX = `${API_PREFIX}/sync/`;
const HAVE_PATH = `${API_PREFIX}${MATERIALS_HAVE_PATH}`;

/**
 * The requests that pass the gate: short ones that read or write the store
 * (pull, push, "anything new?", `have`). Not the live stream (it lasts for
 * hours and is answered from the shared feed), nor tus uploads (a 2G chunk
 * takes seconds of link time, not store time), nor sign-in.
 */
export function isGatedRequest(ctx: Pick<AppContext, 'method' | 'path'>): boolean {
  if (ctx.method === 'POST' && ctx.path === HAVE_PATH) return true;
  return ctx.path.startsWith(SYNC_PREFIX) && !ctx.path.endsWith('/stream');
}

/**
 * Lets gated requests through the admission gate. A refusal happens before
 * authentication, body parsing or any store call, so a refused push wrote
 * nothing and the device can send the same rows again: `503 GATEWAY_BUSY`
 * with `Retry-After`.
 */
export function createAdmission(gate: AdmissionGate, limits: AdmissionLimits, now: () => number = Date.now): Middleware<AppState> {
  const slots = new RetrySlots({
    minSeconds: limits.retryAfterSeconds,
    maxSeconds: Math.max(limits.retryAfterSeconds, limits.maxRetryAfterSeconds),
    turns: limits.maxActive,
    // Before any request finished the pace is unknown: ask the shortest wait rather than guess a slow one.
    initialPerSecond: Number.POSITIVE_INFINITY,
  });
  return async (ctx, next) => {
    if (!isGatedRequest(ctx)) return next();
    const left = new AbortController();
    const onClose = () => left.abort();
    // The response's close: the connection ended before any answer (the request's own fires once its body was read).
    ctx.res.once('close', onClose);
    const release = await gate.enter(left.signal);
    ctx.res.off('close', onClose);
    if (!release) {
      // Answered here, not thrown: a refusal is the gate working, not a fault, and
      // the error middleware would log each of a storm's thousands with a stack.
      const seconds = slots.next(now());
      const problem = new Problem('GATEWAY_BUSY', { detail: `retry in ${seconds} s` });
      ctx.state.logFields.code = problem.code;
      ctx.set('Retry-After', String(seconds));
      ctx.status = problem.status;
      ctx.body = problem.toBody();
      return;
    }
    const admittedAt = now();
    try {
      await next();
    } finally {
      release();
      const finishedAt = now();
      slots.recordFinished(finishedAt, finishedAt - admittedAt);
    }
  };
}

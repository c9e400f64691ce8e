import type { Middleware } from 'koa';
import { Problem } from '../problem.js';
import type { AppState } from './app-state.js';

/** Statuses Koa and its middleware raise themselves, mapped onto the catalogue. */
const CLIENT_STATUS_CODES = {
  400: 'INVALID_REQUEST',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'BODY_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
} as const;

/**
 * Any thrown value as a catalogue problem. A 4xx raised by Koa or a library
 * stays a client problem; anything unknown is INTERNAL, whose body says
 * nothing about the cause.
 */
export function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = CLIENT_STATUS_CODES[status as keyof typeof CLIENT_STATUS_CODES] ?? 'INVALID_REQUEST';
    return new Problem(code, { cause: error });
  }
  return new Problem('INTERNAL', { cause: error });
}

/** The one error middleware: maps problems to status and ProblemBody, and logs server faults once. */
export function createErrorMiddleware(): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const problem = toProblem(error);
      ctx.state.logFields.code = problem.code;
      if (problem.status >= 500) ctx.state.log.error({ err: error, code: problem.code }, 'request failed');
      if (ctx.headerSent || !ctx.writable) return;
      ctx.status = problem.status;
      ctx.body = problem.toBody();
    }
  };
}

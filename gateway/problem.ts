import { ERRORS, toProblemBody, type ErrorCode, type ProblemBody } from '../sync-protocol/index.js';

/** Extra, client-safe facts about a problem: never a document body or a token. */
export interface ProblemExtra {
  field?: string;
  detail?: string;
  cause?: unknown;
}

/**
 * A problem from the catalogue in sync-protocol/errors.ts. Commands and
 * middleware throw it; the error middleware maps it to its HTTP status and
 * body. `expose` follows Koa: only client problems are shown verbatim.
 */
export class Problem extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly expose: boolean;
  readonly field?: string;
  readonly detail?: string;

  constructor(code: ErrorCode, extra: ProblemExtra = {}) {
    super(ERRORS[code].message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'Problem';
    this.code = code;
    this.status = ERRORS[code].httpStatus;
    this.expose = ERRORS[code].expose;
    if (extra.field !== undefined) this.field = extra.field;
    if (extra.detail !== undefined) this.detail = extra.detail;
  }

  /** The wire body: code, message and fix from the catalogue, plus field and detail. */
  toBody(): ProblemBody {
    const extra: { field?: string; detail?: string } = {};
    if (this.field !== undefined) extra.field = this.field;
    if (this.detail !== undefined) extra.detail = this.detail;
    return toProblemBody(this.code, extra);
  }
}

export function isProblem(value: unknown): value is Problem {
  return value instanceof Problem;
}

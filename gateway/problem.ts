import { ERRORS, toProblemBody, type ErrorCode, type ImportProblem, type ProblemBody } from '../sync-protocol/index.js';

/** Extra, client-safe facts about a problem: never a document body or a token. */
export interface ProblemExtra {
  field?: string;
  detail?: string;
  /** Every problem of an import file (IMPORT_INVALID). */
  problems?: ImportProblem[];
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
  readonly problems?: ImportProblem[];

  constructor(code: ErrorCode, extra: ProblemExtra = {}) {
    super(ERRORS[code].message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'Problem';
    this.code = code;
    this.status = ERRORS[code].httpStatus;
    this.expose = ERRORS[code].expose;
    if (extra.field !== undefined) this.field = extra.field;
    if (extra.detail !== undefined) this.detail = extra.detail;
    if (extra.problems !== undefined) this.problems = extra.problems;
  }

  /** The wire body: code, message and fix from the catalogue, plus field, detail and problems. */
  toBody(): ProblemBody {
    const extra: { field?: string; detail?: string; problems?: ImportProblem[] } = {};
    if (this.field !== undefined) extra.field = this.field;
    if (this.detail !== undefined) extra.detail = this.detail;
    if (this.problems !== undefined) extra.problems = this.problems;
    return toProblemBody(this.code, extra);
  }
}

export function isProblem(value: unknown): value is Problem {
  return value instanceof Problem;
}

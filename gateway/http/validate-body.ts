import { toIssue, type ValidationIssue } from '../../sync-protocol/index.js';
import type { ValidateFunction } from 'ajv';
import { Problem } from '../problem.js';

/** Where a problem of the request body is: its field, or `body` when the body itself is wrong (not an object). */
export function fieldOfIssue(issue: ValidationIssue | undefined): string {
  return issue?.field ? issue.field : 'body';
}

/**
 * Checks a parsed request body against its shared schema; the first problem
 * becomes INVALID_REQUEST naming its field (`body` for a body that is not
 * even an object), every problem in `detail`.
 */
export function validateBody<T>(validate: ValidateFunction<T>, body: unknown): T {
  if (validate(body)) return body;
  const issues = (validate.errors ?? []).map(toIssue);
  throw new Problem('INVALID_REQUEST', {
    field: fieldOfIssue(issues[0]),
    detail: issues
      .map((i) => `${fieldOfIssue(i)} ${i.reason}`)
      .join('; ')
      .slice(0, 500),
  });
}

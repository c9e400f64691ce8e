import type { ValidateFunction } from 'ajv';
import type { Middleware } from 'koa';
import type { AuthenticatedUser } from '../commands/authenticate.js';
import type { Validators } from '../validators.js';
import type { AppDeps, AppState } from './app-state.js';
import { validateBody } from './validate-body.js';

/** The validators of request bodies, by name. */
export type BodyValidatorName = { [K in keyof Validators]: Validators[K] extends ValidateFunction<unknown> ? K : never }[keyof Validators];

/** What a body that passes the named validator is. */
export type BodyOf<K extends BodyValidatorName> = Validators[K] extends ValidateFunction<infer T> ? T : never;

/** State a route's handler finds once {@link validate} ran: the request body, checked and typed. */
export interface InputState<T> {
  input: T;
}

/** State of a route whose earlier step signed the caller in (see `requireSyncingUser`). */
export interface UserState {
  user: AuthenticatedUser;
}

/** The parsed JSON body `createJsonBody` left on the request (Koa's request type has no body). */
export function parsedBody(request: object): unknown {
  return (request as { body?: unknown }).body;
}

/**
 * The step before a handler, as Outline's `validate(Schema)`: checks the
 * parsed body against its shared schema (compiled once, in `Validators`),
 * answers 400 INVALID_REQUEST naming the first offending field, and hands
 * the handler the typed body as `ctx.state.input`. Runs after the body
 * parser, so a body that is not JSON is still MALFORMED_BODY. The validator
 * is named, not passed: mounting a route reads nothing of `deps` (the route
 * list is built without them), and the name says which schema documents it.
 */
export function validate<K extends BodyValidatorName>(deps: Pick<AppDeps, 'validators'>, name: K): Middleware<AppState & InputState<BodyOf<K>>> {
  const step: Middleware<AppState & InputState<BodyOf<K>>> = async (ctx, next) => {
    // TypeScript does not narrow an index by a generic key: `Validators[K]` is exactly `ValidateFunction<BodyOf<K>>`.
    ctx.state.input = validateBody(deps.validators[name] as ValidateFunction<BodyOf<K>>, parsedBody(ctx.request));
    await next();
  };
  return Object.assign(step, { [BODY_VALIDATOR]: name });
}

/** Where a validate step keeps its validator's name, for the route list (and so the OpenAPI document). */
const BODY_VALIDATOR = Symbol('bodyValidator');

/** The name of the body validator a route's middleware is, if it is a validate step. */
export function bodyValidatorOf(middleware: unknown): BodyValidatorName | undefined {
  return typeof middleware === 'function' ? (middleware as { [BODY_VALIDATOR]?: BodyValidatorName })[BODY_VALIDATOR] : undefined;
}

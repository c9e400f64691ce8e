import type { ValidateFunction } from 'ajv';
import {
  IDEMPOTENCY_HEADER,
  REPLAYED_HEADER,
  intakeApplicationSchema,
  intakeChangesSchema,
  intakePaths,
  intakeRatingSchema,
  intakeReceiptSchema,
  intakeSupplementSchema,
  type IntakeAck,
  type IntakeCaseReceipt,
  type IntakeChanges,
} from '../../province/intake-contract.js';
import { createAjv } from '../../sync-protocol/index.js';
import { UpstreamError, type ProvinceAdapter, type Replay } from './province-adapter.js';

export interface HttpProvinceOptions {
  /** Base URL of the province, e.g. `http://127.0.0.1:8090`. */
  url: string;
  /** Shared bearer token; empty: none sent. */
  token: string;
  /** Each request's time limit. */
  timeoutMs: number;
}

/** 4xx answers that may change on a resend. */
const RETRYABLE_4XX = new Set([408, 424, 429]);

/**
 * The intake API over HTTP (fetch). Bodies are checked against the contract's
 * JSON Schemas before they leave (a body the province would refuse is a
 * permanent error, not a retry loop) and answers when they arrive.
 */
export function createHttpProvinceAdapter(options: HttpProvinceOptions): ProvinceAdapter {
  const ajv = createAjv();
  const check = {
    application: ajv.compile(intakeApplicationSchema),
    supplement: ajv.compile(intakeSupplementSchema),
    rating: ajv.compile(intakeRatingSchema),
    receipt: ajv.compile(intakeReceiptSchema),
    changes: ajv.compile(intakeChangesSchema),
  };
  const base = options.url.replace(/\/+$/, '');

  /** The answer's JSON body; a replayed answer (REPLAYED_HEADER) is reported through `onReplay`. */
  async function call(method: string, path: string, init: { headers?: Record<string, string>; body?: BodyInit; onReplay?: () => void } = {}): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...init.headers },
        body: init.body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      throw new UpstreamError(`no answer: ${(error as Error).name === 'TimeoutError' ? 'timeout' : (error as Error).message}`, false);
    }
    const text = await response.text().catch(() => '');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    if (response.ok) {
      if (response.headers.get(REPLAYED_HEADER) === 'true') init.onReplay?.();
      return body;
    }
    const code = (body as { code?: string } | null)?.code;
    const message = (body as { message?: string } | null)?.message ?? '';
    const permanent = response.status >= 400 && response.status < 500 && !RETRYABLE_4XX.has(response.status);
    throw new UpstreamError(`${response.status} ${code ?? ''} ${message}`.trim().slice(0, 500), permanent, response.status, code);
  }

  function outgoing(validate: ValidateFunction, body: unknown): string {
    if (!validate(body)) throw new UpstreamError(`body refused before sending: ${ajv.errorsText(validate.errors)}`, true);
    return JSON.stringify(body);
  }

  function incoming<T>(validate: ValidateFunction, body: unknown): T {
    if (!validate(body)) throw new UpstreamError(`unexpected answer: ${ajv.errorsText(validate.errors)}`, false);
    return body as T;
  }

  /** POSTs with the Idempotency-Key; answers the checked receipt, marked when the province replayed it. */
  async function post<T>(key: string, path: string, body: string): Promise<T & Replay> {
    let replayed = false;
    const answer = await call('POST', path, { headers: { 'content-type': 'application/json', [IDEMPOTENCY_HEADER]: key }, body, onReplay: () => (replayed = true) });
    const receipt = incoming<T>(check.receipt, answer);
    return replayed ? { ...receipt, replayed } : (receipt as T & Replay);
  }

  return {
    async putMaterial(sha256, contentType, bytes) {
      await call('PUT', intakePaths.material(sha256), { headers: { 'content-type': contentType }, body: new Uint8Array(bytes) });
    },
    async submitApplication(key, body) {
      return post<IntakeCaseReceipt>(key, intakePaths.applications(), outgoing(check.application, body));
    },
    async submitSupplement(key, caseId, body) {
      return post<IntakeAck>(key, intakePaths.supplements(caseId), outgoing(check.supplement, body));
    },
    async submitRating(key, caseId, body) {
      return post<IntakeAck>(key, intakePaths.ratings(caseId), outgoing(check.rating, body));
    },
    async pullChanges(cursor, limit) {
      const path = `${intakePaths.changes()}?since=${encodeURIComponent(cursor)}&limit=${limit}`;
      return incoming<IntakeChanges>(check.changes, await call('GET', path));
    },
  };
}

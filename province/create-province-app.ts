import { createHash } from 'node:crypto';
import { bodyParser } from '@koa/bodyparser';
import { Router } from '@koa/router';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import Koa, { type Context, type Next } from 'koa';
import type { Logger } from 'pino';
import { moveCase, receiveSupplement, type Advance, type Schedule, type SimCase } from './case-rules.js';
import { bodyHash, type CaseStore } from './case-store.js';
import {
  IDEMPOTENCY_HEADER,
  INTAKE_ERRORS,
  INTAKE_EVENT_STATES,
  INTAKE_PREFIX,
  MATERIAL_CONTENT_TYPES,
  MAX_MATERIAL_BYTES,
  REPLAYED_HEADER,
  intakeApplicationSchema,
  intakeMaterialHashes,
  intakeRatingSchema,
  intakeSupplementSchema,
  type IntakeApplication,
  type IntakeCaseReceipt,
  type IntakeErrorCode,
  type IntakeRating,
  type IntakeSupplement,
} from './intake-contract.js';

/** How the simulated province behaves right now (`POST /_sim/mode`). */
export interface SimMode {
  mode: 'up' | 'down' | 'slow' | 'failing';
  /** `slow`: extra time before each intake answer (after the work is done: the answer is what comes late). */
  slowMs: number;
  /** `failing`: share of intake requests answered 503 (0..1). */
  failRate: number;
  /** The next this many intake POSTs are refused as invalid (422, a permanent answer), in any mode but down. */
  refuseNext: number;
}

export interface ProvinceDeps {
  cases: CaseStore;
  schedule: Schedule;
  /** Shared bearer token the gateway sends; empty: no check. */
  token: string;
  logger: Logger;
  now(): Date;
  mode: SimMode;
}

class IntakeError extends Error {
  constructor(
    readonly code: IntakeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// ajv-formats is CommonJS; its default export arrives wrapped under Node's ESM loader.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

function compileValidators() {
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  addFormats(ajv, ['date-time']);
  return {
    application: ajv.compile<IntakeApplication>(intakeApplicationSchema),
    supplement: ajv.compile<IntakeSupplement>(intakeSupplementSchema),
    rating: ajv.compile<IntakeRating>(intakeRatingSchema),
  };
}

function check<T>(validate: ValidateFunction<T>, body: unknown): T {
  if (validate(body)) return body;
  const first = validate.errors?.[0];
  throw new IntakeError('INVALID', `${first?.instancePath || '(body)'} ${first?.message ?? 'is invalid'}`);
}

/**
 * The provincial platform simulator: the intake API of province/INTAKE-API.md
 * under /intake/v1, and /_sim/ to steer it (mode, counts, cases, advance).
 */
export function createProvinceApp(deps: ProvinceDeps): Koa {
  const app = new Koa();
  const validators = compileValidators();
  const intake = new Router({ prefix: INTAKE_PREFIX });
  const admin = new Router({ prefix: '/_sim' });
  const json = bodyParser({ enableTypes: ['json'], jsonLimit: '2mb' });

  app.on('error', (error: unknown) => deps.logger.debug({ err: error }, 'response error'));
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (error instanceof IntakeError) {
        ctx.status = INTAKE_ERRORS[error.code].status;
        ctx.body = { code: error.code, message: error.message };
      } else {
        deps.logger.error({ err: error }, 'simulator error');
        ctx.status = 500;
        ctx.body = { code: 'UNAVAILABLE', message: 'internal error' };
      }
    }
  });

  intake.use((ctx, next) => steer(deps, ctx, next));
  intake.put('/materials/:sha256', async (ctx) => {
    const sha256 = ctx.params.sha256;
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new IntakeError('INVALID', 'sha256 must be 64 lowercase hex');
    if (!MATERIAL_CONTENT_TYPES.some((type) => ctx.request.is(type))) throw new IntakeError('INVALID', 'content type must be image/jpeg or image/png');
    const bytes = await readBytes(ctx);
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw new IntakeError('HASH_MISMATCH', 'the bytes do not match the sha256');
    const held = deps.cases.hasMaterial(sha256);
    if (!held) deps.cases.putMaterial(sha256, bytes);
    ctx.status = held ? 200 : 201;
    ctx.body = { sha256, bytes: bytes.length };
  });
  intake.post('/applications', json, (ctx) =>
    once(deps, ctx, () => {
      const body = check(validators.application, ctx.request.body);
      requireMaterials(
        deps,
        intakeMaterialHashes(body).map((p) => p.sha256),
      );
      const existing = deps.cases.findCaseByApplication(body.applicationId);
      if (existing) throw new IntakeError('WRONG_STATE', `application already filed as ${existing.caseId}`);
      const now = deps.now();
      const seq = deps.cases.nextCaseSeq();
      const c: SimCase = {
        caseId: `case-${String(seq).padStart(6, '0')}`,
        applicationId: body.applicationId,
        key: idempotencyKey(ctx),
        seq,
        state: 'received',
        application: body,
        supplements: [],
        receivedAt: now.toISOString(),
        nextStepAt: now.getTime() + deps.schedule.acceptAfterMs,
      };
      deps.cases.putCase(c);
      deps.logger.info({ caseId: c.caseId, applicationId: c.applicationId }, 'case created');
      const receipt: IntakeCaseReceipt = { caseId: c.caseId, receivedAt: c.receivedAt };
      return { status: 201, answer: receipt };
    }),
  );
  intake.post('/cases/:caseId/supplements', json, (ctx) =>
    once(deps, ctx, () => {
      const body = check(validators.supplement, ctx.request.body);
      const c = findCase(deps, ctx.params.caseId, body.applicationId);
      if (c.state !== 'supplement_required') throw new IntakeError('WRONG_STATE', `case ${c.caseId} is ${c.state}, not waiting for a supplement`);
      requireMaterials(
        deps,
        intakeMaterialHashes(body).map((p) => p.sha256),
      );
      const { next, event } = receiveSupplement(c, { supplementId: body.supplementId, materialKeys: body.materials.map((m) => m.key) }, deps.now(), deps.schedule);
      deps.cases.putCase(next, event);
      deps.logger.info({ caseId: c.caseId, supplementId: body.supplementId }, 'supplement received');
      return { status: 201, answer: { caseId: c.caseId, receivedAt: event.at } };
    }),
  );
  intake.post('/cases/:caseId/ratings', json, (ctx) =>
    once(deps, ctx, () => {
      const body = check(validators.rating, ctx.request.body);
      const c = findCase(deps, ctx.params.caseId, body.applicationId);
      if (c.state !== 'completed') throw new IntakeError('WRONG_STATE', `case ${c.caseId} is ${c.state}; only completed cases are rated`);
      const at = deps.now().toISOString();
      deps.cases.putCase({ ...c, rating: { score: body.score, ...(body.comment ? { comment: body.comment } : {}), at } });
      deps.logger.info({ caseId: c.caseId, score: body.score }, 'rating received');
      return { status: 201, answer: { caseId: c.caseId, receivedAt: at } };
    }),
  );
  intake.get('/changes', (ctx) => {
    const limit = Math.min(Math.max(Number(ctx.query.limit) || 100, 1), 500);
    ctx.body = deps.cases.eventsAfter(String(ctx.query.since ?? '0'), limit);
  });

  addAdminRoutes(admin, deps, json);
  app.use(intake.routes());
  app.use(admin.routes());
  return app;
}

/** Mode and token, before any intake work: down drops the connection, failing answers 503 at the set rate, slow answers late. */
async function steer(deps: ProvinceDeps, ctx: Context, next: Next): Promise<void> {
  const { mode } = deps;
  if (mode.mode === 'down') {
    ctx.req.socket.destroy();
    ctx.respond = false;
    return;
  }
  if (mode.mode === 'failing' && Math.random() < mode.failRate) throw new IntakeError('UNAVAILABLE', 'simulated failure');
  if (mode.refuseNext > 0 && ctx.method === 'POST') {
    mode.refuseNext -= 1;
    throw new IntakeError('INVALID', 'simulated refusal: the province found the submission invalid');
  }
  if (deps.token && ctx.get('authorization') !== `Bearer ${deps.token}`) throw new IntakeError('UNAUTHORIZED', 'bearer token required');
  await next();
  if (mode.mode === 'slow') await new Promise((resolve) => setTimeout(resolve, mode.slowMs));
}

function idempotencyKey(ctx: Context): string {
  const key = ctx.get(IDEMPOTENCY_HEADER);
  if (!key || key.length > 200) throw new IntakeError('INVALID', 'Idempotency-Key header required (at most 200 characters)');
  return key;
}

/**
 * Runs a POST once per Idempotency-Key: every receipt is counted; a replay
 * with the same body answers the first answer, with another body 409.
 * Only successes are remembered, so a refused request can be corrected and sent again.
 */
async function once(deps: ProvinceDeps, ctx: Context, work: () => { status: number; answer: unknown }): Promise<void> {
  const key = idempotencyKey(ctx);
  deps.cases.countReceipt(key);
  const hash = bodyHash(ctx.request.body);
  const known = deps.cases.findKey(key);
  if (known) {
    if (known.bodyHash !== hash) throw new IntakeError('KEY_REUSED', 'this Idempotency-Key was used with another body');
    deps.logger.info({ key }, 'replay answered from the first receipt');
    ctx.set(REPLAYED_HEADER, 'true');
    ctx.status = known.status;
    ctx.body = known.answer;
    return;
  }
  const { status, answer } = work();
  deps.cases.rememberKey(key, { bodyHash: hash, status, answer });
  ctx.status = status;
  ctx.body = answer;
}

function requireMaterials(deps: ProvinceDeps, hashes: string[]): void {
  const missing = hashes.filter((sha256) => !deps.cases.hasMaterial(sha256));
  if (missing.length > 0) throw new IntakeError('MATERIAL_MISSING', `upload first: ${missing.join(', ')}`);
}

function findCase(deps: ProvinceDeps, caseId: string, applicationId: string): SimCase {
  const c = deps.cases.getCase(caseId);
  if (!c || c.applicationId !== applicationId) throw new IntakeError('CASE_NOT_FOUND', `no case ${caseId} for this application`);
  return c;
}

async function readBytes(ctx: Context): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of ctx.req) {
    length += (chunk as Buffer).length;
    if (length > MAX_MATERIAL_BYTES) throw new IntakeError('INVALID', `a material is at most ${MAX_MATERIAL_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function addAdminRoutes(admin: Router, deps: ProvinceDeps, json: Koa.Middleware): void {
  admin.get('/counts', (ctx) => {
    ctx.body = deps.cases.counts();
  });
  admin.get('/mode', (ctx) => {
    ctx.body = deps.mode;
  });
  admin.post('/mode', json, (ctx) => {
    const body = (ctx.request.body ?? {}) as Partial<SimMode>;
    if (!body.mode || !['up', 'down', 'slow', 'failing'].includes(body.mode)) throw new IntakeError('INVALID', 'mode must be up, down, slow or failing');
    deps.mode.mode = body.mode;
    if (typeof body.slowMs === 'number') deps.mode.slowMs = body.slowMs;
    if (typeof body.failRate === 'number') deps.mode.failRate = Math.min(Math.max(body.failRate, 0), 1);
    if (typeof body.refuseNext === 'number') deps.mode.refuseNext = Math.max(0, Math.floor(body.refuseNext));
    deps.logger.info({ ...deps.mode }, 'mode changed');
    ctx.body = deps.mode;
  });
  admin.get('/cases', (ctx) => {
    ctx.body = deps.cases.listCases().map(summarise);
  });
  admin.get('/cases/:id', (ctx) => {
    ctx.body = summarise(caseByAnyId(deps, ctx.params.id));
  });
  admin.post('/cases/:id/advance', json, (ctx) => {
    const c = caseByAnyId(deps, ctx.params.id);
    const advance = (ctx.request.body ?? {}) as Advance;
    if (advance.to !== undefined && !INTAKE_EVENT_STATES.includes(advance.to)) throw new IntakeError('INVALID', `to must be one of ${INTAKE_EVENT_STATES.join(', ')}`);
    let moved;
    try {
      moved = moveCase(c, advance, deps.now(), deps.schedule);
    } catch (error) {
      throw new IntakeError('WRONG_STATE', (error as Error).message);
    }
    deps.cases.putCase(moved.next, moved.event);
    ctx.body = summarise(moved.next);
  });
}

/** A case by its case id or its application id. */
function caseByAnyId(deps: ProvinceDeps, id: string): SimCase {
  const c = deps.cases.getCase(id) ?? deps.cases.findCaseByApplication(id);
  if (!c) throw new IntakeError('CASE_NOT_FOUND', `no case ${id}`);
  return c;
}

/** A case without the applicant's personal data. */
function summarise(c: SimCase): Record<string, unknown> {
  return {
    caseId: c.caseId,
    applicationId: c.applicationId,
    key: c.key,
    state: c.state,
    acceptanceNumber: c.acceptanceNumber,
    guideId: c.application.guideId,
    materials: c.application.materials.map((m) => ({ key: m.key, name: m.name, pages: m.pages.length })),
    // Who authorised a village agent, and how: the method, the agent and the image's hash (no words, no names of applicants).
    ...(c.application.authorisation
      ? {
          authorisation: {
            method: c.application.authorisation.method,
            agentUserId: c.application.authorisation.agent.userId,
            imageSha256: c.application.authorisation.image.sha256,
          },
        }
      : {}),
    supplements: c.supplements,
    requested: c.requested,
    rating: c.rating,
    receivedAt: c.receivedAt,
  };
}

import type { Middleware } from 'koa';
import { API_PREFIX, MATERIAL_UPLOADS_PATH, MAX_MATERIAL_BYTES, PROTOCOL_HEADER, TUS_RESUMABLE } from '../../sync-protocol/index.js';
import { storeMaterial } from '../commands/store-material.js';
import { INSTANCE_ID_SYNTAX } from '../config.js';
import type { AppContext, AppDeps, AppState } from '../http/app-state.js';
import { toProblem } from '../http/error-middleware.js';
import { createUploadsArea, type UploadAnswer, type UploadInfo, type UploadsArea } from '../http/tus-uploads.js';
import { isProblem, Problem } from '../problem.js';
import { receivedBytes } from '../metrics/received-bytes.js';
import { BODY_REFUSAL_STATUSES } from '../metrics/route-label.js';
import { readMaterialUploadDeclaration } from './material-upload-headers.js';
import { requireSyncingUser } from './sync-access.js';
import { checkTusRequest } from './tus-request-headers.js';

export const MATERIAL_UPLOADS_URL_PATH = `${API_PREFIX}${MATERIAL_UPLOADS_PATH}`;
/** Upload ids: 16 random bytes in hex, unguessable, after this instance's name when it has one (`gw-a-<hex>`). */
const UPLOAD_ID_PATTERN = new RegExp(`^(?:${INSTANCE_ID_SYNTAX}-)?[0-9a-f]{32}$`);
/** What a device may do with one upload's URL. */
const UPLOAD_METHODS = ['HEAD', 'PATCH', 'DELETE'];

/** The routes this middleware answers (creation, then one upload), for the app's list of routes. */
export const MATERIAL_UPLOAD_ROUTES: readonly { method: string; path: string }[] = [
  { method: 'POST', path: MATERIAL_UPLOADS_URL_PATH },
  ...UPLOAD_METHODS.map((method) => ({ method, path: `${MATERIAL_UPLOADS_URL_PATH}/:uploadId` })),
];

/**
 * Receives one upload's bytes into the store: checks the hash, stores the
 * material (or finds it held), then drops the bytes but keeps the record so a
 * late HEAD can still answer "done". A mismatch forgets the upload entirely:
 * the device must send the material again from the start.
 */
async function finishUpload(deps: AppDeps, uploads: UploadsArea, info: UploadInfo): Promise<void> {
  const userId = info.metadata.owner;
  const result = await storeMaterial(
    { documents: deps.store.documents, materials: deps.store.materials, clock: deps.clock, outbox: deps.store.outbox },
    { userId, sha256: info.metadata.sha256, contentType: info.metadata.contentType, path: uploads.dataPath(info.id), bytes: info.size },
  );
  const log = deps.logger.child({ uploadId: info.id, userId, sha256: info.metadata.sha256, bytes: info.size });
  const figures = deps.metrics?.materials;
  if (result.outcome === 'mismatch') {
    figures?.hashMismatches.inc();
    await uploads.remove(info.id);
    log.warn('material hash mismatch; upload discarded');
    throw new Problem('MATERIAL_HASH_MISMATCH', { field: 'Upload-Metadata.sha256', detail: 'the received bytes have another SHA-256' });
  }
  figures?.uploadsCompleted.inc();
  figures?.stored.inc({ outcome: result.outcome });
  await uploads.dropData(info.id);
  log.info({ outcome: result.outcome, completedApplications: result.completedApplications }, 'material received');
}

/** tus's finish hook: our problems become its answer (JSON body, catalogue status). */
async function answerFinish(deps: AppDeps, uploads: UploadsArea, info: UploadInfo): Promise<UploadAnswer> {
  try {
    await finishUpload(deps, uploads, info);
    return {};
  } catch (error) {
    const problem = toProblem(error);
    if (problem.status >= 500) deps.logger.error({ err: error, uploadId: info.id, code: problem.code }, 'material finish failed');
    return { status_code: problem.status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(problem.toBody()) };
  }
}

/** HEAD of an upload whose bytes all arrived: finish it if a crash or store failure left it, then say "done". */
async function answerReceivedHead(ctx: AppContext, deps: AppDeps, uploads: UploadsArea, info: UploadInfo): Promise<void> {
  if (info.state === 'received') await finishUpload(deps, uploads, info);
  else if ((await deps.store.materials.findHeld(info.metadata.owner, [info.metadata.sha256])).size === 0) {
    await uploads.remove(info.id);
    throw new Problem('NOT_FOUND', { field: 'upload' });
  }
  ctx.status = 200;
  ctx.set({ 'Tus-Resumable': TUS_RESUMABLE, 'Upload-Offset': String(info.size), 'Upload-Length': String(info.size), 'Cache-Control': 'no-store' });
}

/** {@link checkTusRequest} on this request; a refused tus version is answered with the one spoken (`Tus-Version`), as tus requires. */
function checkTusHeaders(ctx: AppContext, size?: number): void {
  try {
    checkTusRequest(ctx.method, (header) => ctx.get(header), size);
  } catch (error) {
    if (isProblem(error) && error.code === 'TUS_VERSION_UNSUPPORTED') ctx.set('Tus-Version', TUS_RESUMABLE);
    throw error;
  }
}

/** Uploads are kept a week: long enough for a phone that is offline for days to resume, short enough for the disk. */
export const DEFAULT_UPLOAD_EXPIRY_MS = 7 * 24 * 60 * 60 * 1000;
/** At most one sweep an hour, started by a new upload: no timer outlives the app. */
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/** Sweeps expired uploads in the background, at most once per interval; one sweep at a time. */
function createSweeper(deps: AppDeps, uploads: UploadsArea) {
  let lastStart = Number.NEGATIVE_INFINITY;
  let running: Promise<void> | null = null;
  return {
    maybeSweep(): void {
      const now = deps.clock.now();
      if (running || now.getTime() - lastStart < SWEEP_INTERVAL_MS) return;
      lastStart = now.getTime();
      running = uploads
        .sweep(now)
        .then(
          (result) => {
            if (result.removed > 0) deps.logger.info(result, 'expired uploads swept');
          },
          (error: unknown) => deps.logger.error({ err: error }, 'sweeping expired uploads failed'),
        )
        .finally(() => {
          running = null;
        });
    },
  };
}

/** Lets tus answer this request itself, on the raw Node request and response. */
async function handOver(ctx: AppContext, uploads: UploadsArea, creationMetadata?: Record<string, string>): Promise<void> {
  ctx.respond = false;
  await uploads.handle(ctx.req, ctx.res, creationMetadata);
  ctx.state.logFields.status = ctx.res.statusCode;
}

/**
 * The tus 1.0 endpoint for materials, `/v1/materials/uploads[/<id>]`, behind
 * the protocol version check (mounted after it) and bearer auth (applicants
 * and agents). Creation is checked here first so a bad declaration gets a
 * catalogue problem naming the header; the owner is recorded in the upload's
 * metadata, and every HEAD, PATCH or DELETE is refused with 404 unless the
 * caller owns the upload, exactly as if it did not exist.
 */
export function createMaterialUploads(deps: AppDeps): Middleware<AppState> {
  const uploads: UploadsArea = createUploadsArea({
    directory: deps.config.uploadsDir,
    path: MATERIAL_UPLOADS_URL_PATH,
    idPrefix: deps.config.upstream?.instanceId,
    maxSize: MAX_MATERIAL_BYTES,
    allowedHeaders: [PROTOCOL_HEADER, 'authorization', 'x-request-id'],
    onReceived: (info) => answerFinish(deps, uploads, info),
    expireAfterMs: deps.config.uploadExpiryMs ?? DEFAULT_UPLOAD_EXPIRY_MS,
    onFault: (error) => deps.logger.error({ err: error }, 'material upload failed'),
    onRefusal: (code, status) => {
      if (BODY_REFUSAL_STATUSES.has(status)) deps.metrics?.http.bodiesRefused.inc({ code });
    },
  });
  const sweeper = createSweeper(deps, uploads);

  return async (ctx, next) => {
    const path = ctx.path;
    if (path !== MATERIAL_UPLOADS_URL_PATH && !path.startsWith(`${MATERIAL_UPLOADS_URL_PATH}/`)) return next();
    // Refusals carry the tus header too: tus clients expect it on every answer.
    ctx.set('Tus-Resumable', TUS_RESUMABLE);
    const user = await requireSyncingUser(ctx, deps, 'materials');
    const id = path.slice(MATERIAL_UPLOADS_URL_PATH.length + 1);

    if (id === '') {
      if (ctx.method !== 'POST') throw new Problem('NOT_FOUND', { field: 'method', detail: 'create an upload with POST' });
      checkTusHeaders(ctx);
      const declared = readMaterialUploadDeclaration((header) => ctx.get(header));
      Object.assign(ctx.state.logFields, { sha256: declared.sha256, bytes: declared.bytes });
      sweeper.maybeSweep();
      await handOver(ctx, uploads, { owner: user.id });
      if (ctx.res.statusCode === 201) deps.metrics?.materials.uploadsStarted.inc();
      return;
    }
    // Anything but the owner's own upload, by an upload method, is "no such upload": nobody learns another's exists.
    if (!UPLOAD_ID_PATTERN.test(id) || !UPLOAD_METHODS.includes(ctx.method)) throw new Problem('NOT_FOUND', { field: 'upload' });
    const info = await uploads.describe(id);
    if (!info || info.metadata.owner !== user.id) throw new Problem('NOT_FOUND', { field: 'upload' });
    checkTusHeaders(ctx, info.size);
    Object.assign(ctx.state.logFields, { uploadId: id, sha256: info.metadata.sha256 });
    if (ctx.method === 'HEAD' && info.state !== 'receiving') return answerReceivedHead(ctx, deps, uploads, info);
    await handOver(ctx, uploads);
    if (ctx.method === 'PATCH') {
      const added = receivedBytes({ sentOffset: ctx.get('upload-offset'), status: ctx.res.statusCode, answeredOffset: ctx.res.getHeader('upload-offset'), size: info.size });
      deps.metrics?.materials.bytesReceived.inc(added);
    }
  };
}

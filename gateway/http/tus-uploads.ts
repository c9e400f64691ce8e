import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { FileStore } from '@tus/file-store';
import { MemoryLocker, Server, type Upload } from '@tus/server';
import { TUS_RESUMABLE, type ErrorCode } from '../../sync-protocol/index.js';
import { problemOfTusAnswer, problemOfTusError, readProblemBody } from './tus-problems.js';

/**
 * Where an upload is:
 * - `receiving`: bytes still to come;
 * - `received`: every byte is on disk but the material is not stored yet (the
 *   gateway stopped or the store failed during the finish);
 * - `stored`: the material went into the store and the bytes were dropped;
 *   the upload's record stays so that a device whose last answer was lost
 *   hears "done" from HEAD instead of sending everything again.
 */
export type UploadState = 'receiving' | 'received' | 'stored';

/** What the gateway knows about one upload, from its record and its file. */
export interface UploadInfo {
  id: string;
  size: number;
  /** Upload-Metadata as recorded at creation, including the gateway's `owner`. */
  metadata: Record<string, string>;
  state: UploadState;
}

/** A tus answer replacing the default one (status, headers, body). */
export interface UploadAnswer {
  status_code?: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface UploadsAreaOptions {
  /** Directory of the partial uploads (one file and one `.json` record per upload). */
  directory: string;
  /** Public path of the upload collection, e.g. `/v1/materials/uploads`. */
  path: string;
  /**
   * Put in front of every new upload's id (`<idPrefix>-<32 hex>`): the
   * instance's name, so a reverse proxy sends the upload's later requests to
   * the instance whose disk holds its bytes (deploy/nginx/tongban.conf).
   * Absent: tus's own ids, 32 hex digits.
   */
  idPrefix?: string;
  maxSize: number;
  /** Request headers the browser may send besides tus's own (CORS). */
  allowedHeaders: string[];
  /** Called once all bytes of an upload are on disk; its answer replaces the 204. */
  onReceived(upload: UploadInfo): Promise<UploadAnswer>;
  /** How long an upload is kept after its creation before a sweep forgets it. */
  expireAfterMs: number;
  /** Called with what made tus answer 5xx (a server fault, worth an error log line). */
  onFault(error: unknown): void;
  /** Called with every refusal tus answers itself, as its catalogue code and status (metrics). */
  onRefusal?(code: ErrorCode, status: number): void;
}

/** What one sweep did. */
export interface SweepResult {
  /** Partial uploads abandoned by their device, and records of stored ones, forgotten. */
  removed: number;
  /** Uploads whose bytes had all arrived but were never stored (a crash): stored now. */
  finished: number;
}

/** The tus 1.0 server and its file store, behind the few operations the gateway needs. */
export interface UploadsArea {
  /** Hands a request to tus; `creationMetadata` is added to the metadata of an upload this request creates. */
  handle(req: IncomingMessage, res: ServerResponse, creationMetadata?: Record<string, string>): Promise<void>;
  /** The upload's record and state, or null when there is no such upload. */
  describe(id: string): Promise<UploadInfo | null>;
  /** Path of the upload's bytes on disk. */
  dataPath(id: string): string;
  /** Drops the bytes but keeps the record: the upload is `stored`. */
  dropData(id: string): Promise<void>;
  /** Forgets the upload entirely (HEAD then answers 404). */
  remove(id: string): Promise<void>;
  /**
   * Forgets uploads created more than `expireAfterMs` before `now`: partial
   * ones a device abandoned (a device that comes back later asks `have` and
   * starts a new upload) and the records of stored ones. An upload whose
   * bytes all arrived is stored first, never dropped.
   */
  sweep(now: Date): Promise<SweepResult>;
}

/** 16 random bytes in hex, as tus names uploads itself: unguessable. */
function newUploadId(prefix: string | undefined): string {
  const random = randomBytes(16).toString('hex');
  return prefix ? `${prefix}-${random}` : random;
}

/** The file store keeps each upload's record beside its bytes as `<id>.json`. */
const RECORD_SUFFIX = '.json';

/** The node request under tus's web request (tus itself reads `runtime.node`). */
function nodeRequestOf(req: unknown): IncomingMessage | undefined {
  return (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
}

function textMetadata(metadata: Upload['metadata']): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata ?? {})) if (typeof value === 'string') result[key] = value;
  return result;
}

/**
 * tus with every refusal as a catalogue problem (JSON naming the header): every
 * error answer of @tus/server goes through `write`, thrown errors after
 * `onResponseError` turned them into problem bodies, the rest (412, invalid
 * headers, 404) as tus's plain text. Statuses stay tus's own, so tus clients
 * (which read statuses and tus headers only) behave as before.
 */
class CatalogueTusServer extends Server {
  onRefusal?: (code: ErrorCode, status: number) => void;

  override write(...[context, headers, status, body = '']: Parameters<Server['write']>): ReturnType<Server['write']> {
    if (status < 400) return super.write(context, headers, status, body);
    const problem = readProblemBody(body) ?? problemOfTusAnswer(status, body).toBody();
    headers.set('Content-Type', 'application/json; charset=utf-8');
    this.onRefusal?.(problem.code, status);
    if (problem.code === 'TUS_VERSION_UNSUPPORTED') headers.set('Tus-Version', TUS_RESUMABLE);
    return super.write(context, headers, status, JSON.stringify(problem));
  }
}

/**
 * Creates the tus server on a file store in `directory`. Partial uploads live
 * on this instance's disk and under this process's lock (`MemoryLocker`):
 * with several gateway instances, each keeps its own directory and a proxy
 * routes every upload to the instance that created it (`idPrefix`,
 * deploy/nginx/tongban.conf). A shared directory would need a shared lock.
 */
export function createUploadsArea(options: UploadsAreaOptions): UploadsArea {
  mkdirSync(options.directory, { recursive: true });
  const datastore = new FileStore({ directory: options.directory });
  const creationMetadata = new WeakMap<IncomingMessage, Record<string, string>>();
  const dataPath = (id: string) => join(options.directory, id);

  async function describe(id: string): Promise<UploadInfo | null> {
    const record = await datastore.configstore.get(id);
    if (!record || typeof record.size !== 'number') return null;
    const onDisk = await stat(dataPath(id)).catch(() => null);
    const state: UploadState = !onDisk ? 'stored' : onDisk.size >= record.size ? 'received' : 'receiving';
    return { id, size: record.size, metadata: textMetadata(record.metadata), state };
  }

  const server = new CatalogueTusServer({
    path: options.path,
    datastore,
    locker: new MemoryLocker(),
    maxSize: options.maxSize,
    relativeLocation: true,
    namingFunction: () => newUploadId(options.idPrefix),
    allowedHeaders: options.allowedHeaders,
    async onUploadCreate(req, upload) {
      const node = nodeRequestOf(req);
      const extra = node ? creationMetadata.get(node) : undefined;
      // Fail closed: an upload without its owner could never be reached again.
      if (!extra) throw { status_code: 500, body: 'upload owner unknown\n' };
      return { metadata: { ...upload.metadata, ...extra } };
    },
    async onResponseError(_req, error) {
      const problem = problemOfTusError(error);
      if (problem.status >= 500) options.onFault(error);
      return { status_code: problem.status, body: JSON.stringify(problem.toBody()) };
    },
    async onUploadFinish(_req, upload) {
      const info = await describe(upload.id);
      if (!info) throw { status_code: 404, body: 'upload vanished\n' };
      return options.onReceived(info);
    },
  });

  server.onRefusal = options.onRefusal;

  return {
    async handle(req, res, metadata) {
      if (metadata) creationMetadata.set(req, metadata);
      await server.handle(req, res);
    },
    describe,
    dataPath,
    dropData: (id) => rm(dataPath(id), { force: true }),
    remove,
    async sweep(now) {
      const result: SweepResult = { removed: 0, finished: 0 };
      // Every record, including those of stored uploads whose bytes were dropped (the store's own list skips them).
      const ids = (await readdir(options.directory)).filter((f) => f.endsWith(RECORD_SUFFIX)).map((f) => f.slice(0, -RECORD_SUFFIX.length));
      for (const id of ids) {
        const record = await datastore.configstore.get(id);
        const created = record?.creation_date ? Date.parse(record.creation_date) : Number.NaN;
        if (!record || !(now.getTime() - created > options.expireAfterMs)) continue;
        const info = await describe(id);
        if (info?.state === 'received') {
          const answer = await options.onReceived(info);
          // Refused (hash mismatch: already forgotten) or failed: leave it for the next sweep.
          if (answer.status_code && answer.status_code >= 500) continue;
          result.finished += 1;
        }
        await remove(id);
        result.removed += 1;
      }
      return result;
    },
  };

  async function remove(id: string): Promise<void> {
    await rm(dataPath(id), { force: true });
    await rm(join(options.directory, `${id}${RECORD_SUFFIX}`), { force: true });
  }
}

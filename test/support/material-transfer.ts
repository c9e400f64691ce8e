/**
 * Material transfer for tests: seeded material bytes, their SHA-256, a
 * tus-js-client upload as a device makes it, and raw tus requests for
 * stepping through an upload byte by byte.
 *
 * ```ts
 * const bytes = seededBytes(5 * 1024 * 1024, 42);
 * await uploadMaterial(gateway.url, token, bytes);                       // resolves when stored
 * const created = await createUpload(gateway.url, token, { length: bytes.length, metadata: { sha256: sha256Hex(bytes), contentType: 'image/jpeg' } });
 * await patchUpload(created.location!, token, 0, bytes.subarray(0, 1000));
 * ```
 */
import { createHash } from 'node:crypto';
import { Upload, type DetailedError } from 'tus-js-client';
import { seededRandom } from './link-model.js';
import { API_PREFIX, MATERIAL_CHUNK_BYTES, MATERIAL_UPLOADS_PATH, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../sync-protocol/index.js';

export { seededRandom };

export const TUS_VERSION = '1.0.0';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `length` bytes from a seed, starting like a JPEG. */
export function seededBytes(length: number, seed: number): Buffer {
  const random = seededRandom(seed);
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i += 1) bytes[i] = Math.floor(random() * 256);
  bytes.set([0xff, 0xd8, 0xff, 0xe0].slice(0, length));
  return bytes;
}

export function uploadsUrl(baseUrl: string): string {
  return `${baseUrl}${API_PREFIX}${MATERIAL_UPLOADS_PATH}`;
}

export interface UploadMaterialOptions {
  /** Declared SHA-256; default: the bytes' own. */
  sha256?: string;
  contentType?: string;
  chunkSize?: number;
  /** tus-js-client's retry delays (ms); default: many quick retries. */
  retryDelays?: number[];
}

/** What an upload refused by the gateway answered. */
export interface UploadRefusal {
  status: number;
  body: string;
}

/**
 * Uploads like the device does (tus-js-client in Node, our headers, chunks of
 * MATERIAL_CHUNK_BYTES). Resolves with the upload URL once the gateway
 * acknowledged every byte; rejects with an {@link UploadRefusal} (status 0:
 * no answer) when the gateway refused or retries ran out.
 */
export function uploadMaterial(baseUrl: string, token: string, bytes: Buffer, options: UploadMaterialOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const upload = new Upload(bytes, {
      endpoint: uploadsUrl(baseUrl),
      chunkSize: options.chunkSize ?? MATERIAL_CHUNK_BYTES,
      retryDelays: options.retryDelays ?? Array.from({ length: 30 }, (_, i) => Math.min(20 * (i + 1), 200)),
      headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${token}` },
      metadata: { sha256: options.sha256 ?? sha256Hex(bytes), contentType: options.contentType ?? 'image/jpeg' },
      onSuccess: () => resolve(upload.url!),
      onError: (error) => {
        const response = (error as DetailedError).originalResponse;
        reject(Object.assign(new Error(error.message), { status: response?.getStatus() ?? 0, body: response?.getBody() ?? '' }));
      },
    });
    upload.start();
  });
}

/** Upload-Metadata: `key base64(value)` pairs. */
export function encodeMetadata(metadata: Record<string, string>): string {
  return Object.entries(metadata)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',');
}

function tusHeaders(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'Tus-Resumable': TUS_VERSION, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${token}`, ...extra };
}

/** Raw tus creation (POST). `location` is absolute, resolved against the uploads URL. */
export async function createUpload(
  baseUrl: string,
  token: string,
  declared: { length?: number; metadata?: Record<string, string>; rawMetadata?: string },
): Promise<{ status: number; location: string | null; body: string }> {
  const headers: Record<string, string> = {};
  if (declared.length !== undefined) headers['Upload-Length'] = String(declared.length);
  const metadata = declared.rawMetadata ?? (declared.metadata ? encodeMetadata(declared.metadata) : undefined);
  if (metadata !== undefined) headers['Upload-Metadata'] = metadata;
  const response = await fetch(uploadsUrl(baseUrl), { method: 'POST', headers: tusHeaders(token, headers) });
  const location = response.headers.get('location');
  return { status: response.status, location: location ? new URL(location, uploadsUrl(baseUrl)).href : null, body: await response.text() };
}

/** Raw tus PATCH of `bytes` at `offset`. */
export async function patchUpload(url: string, token: string, offset: number, bytes: Uint8Array): Promise<{ status: number; offset: number | null; body: string }> {
  const response = await fetch(url, {
    method: 'PATCH',
    headers: tusHeaders(token, { 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' }),
    body: new Uint8Array(bytes),
  });
  const answered = response.headers.get('upload-offset');
  return { status: response.status, offset: answered === null ? null : Number(answered), body: await response.text() };
}

/** Raw tus HEAD: the offset the gateway holds. */
export async function headUpload(url: string, token: string): Promise<{ status: number; offset: number | null; length: number | null }> {
  const response = await fetch(url, { method: 'HEAD', headers: tusHeaders(token) });
  const offset = response.headers.get('upload-offset');
  const length = response.headers.get('upload-length');
  return { status: response.status, offset: offset === null ? null : Number(offset), length: length === null ? null : Number(length) };
}

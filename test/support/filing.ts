/**
 * Filing as a device does it, for upstream tests: upload the photos by tus,
 * push the submitted application, read the statuses the gateway publishes;
 * a busy gateway's `503` + `Retry-After` is waited out, as the device does.
 */
import type { ApplicationDoc, MaterialPage, StatusDoc } from '../../sync-protocol/index.js';
import { seededBytes, sha256Hex, uploadMaterial } from './material-transfer.js';
import { newDocumentId, sampleApplication, type SampleDoc } from './sample-documents.js';
import { createSyncHttpClient, whenNotBusy, type SyncHttpClient } from './sync-http-client.js';

export function pageOf(bytes: Buffer): MaterialPage {
  return { sha256: sha256Hex(bytes), bytes: bytes.length, contentType: 'image/jpeg' };
}

export interface Filer {
  client: SyncHttpClient;
  /** Uploads a photo, pushes a submitted application referring to it; answers the application. */
  file(seed: number): Promise<SampleDoc & ApplicationDoc>;
  /** Pushes a new state of an application over the gateway's current master. */
  update(next: ApplicationDoc): Promise<{ conflicts: unknown[]; errors: { id: string; code: string; field?: string }[] }>;
  statuses(applicationId?: string): Promise<StatusDoc[]>;
  upload(bytes: Buffer): Promise<void>;
}

export function createFiler(baseUrl: string, token: string): Filer {
  const client = createSyncHttpClient(baseUrl, token);
  const masters = new Map<string, ApplicationDoc>();
  return {
    client,
    async file(seed) {
      const photo = seededBytes(20_000 + seed, seed);
      await uploadMaterial(baseUrl, token, photo);
      const app = sampleApplication(newDocumentId(), {
        lifecycle: 'submitted',
        submittedAt: '2026-11-25T08:00:00.000Z',
        materials: [{ key: 'id-card', name: '居民身份证', pages: [pageOf(photo)] }],
      }) as SampleDoc & ApplicationDoc;
      const answer = (await whenNotBusy(() => client.push('applications', [{ newDocumentState: app }]))).body;
      if (answer.errors.length + answer.conflicts.length > 0) throw new Error(`push refused: ${JSON.stringify(answer)}`);
      masters.set(app.id, app);
      return app;
    },
    async update(next) {
      const assumed = masters.get(next.id);
      const answer = (await whenNotBusy(() => client.push('applications', [{ assumedMasterState: assumed as never, newDocumentState: { ...next, _deleted: false } as never }])))
        .body;
      if (answer.errors.length + answer.conflicts.length === 0) masters.set(next.id, next);
      return answer as never;
    },
    async statuses(applicationId) {
      const { documents } = (await whenNotBusy(() => client.pull('statuses', undefined, 200))).body;
      return (documents as unknown as StatusDoc[]).filter((s) => !applicationId || s.applicationId === applicationId);
    },
    async upload(bytes) {
      await uploadMaterial(baseUrl, token, bytes);
    },
  };
}

import { merge, type Subscription } from 'rxjs';
import type { WireDocument } from '../../../sync-protocol/messages.js';
import type { ApplicationDoc } from '../../../sync-protocol/schemas/application.js';
import { writeOutgoing, type Outgoing } from '../../../device-core/outgoing/outgoing.js';
import type { TransferStore } from '../../../device-core/transfer/transfer-store.js';
import { awaitingPush, UNACKNOWLEDGED_SELECTOR } from '../../../device-core/unacknowledged.js';
import type { UserDatabase } from './create-database.js';
import { getMaterialBlob, unsentMaterialHashes } from './locker.js';

/**
 * What this person's phone still has to send, read from RxDB: the submitted
 * applications the gateway never acknowledged (no `server` stamp pulled back)
 * and did not refuse as they stand (an open sync issue waits for the
 * person's edit), as RxDB's replication would push them (no storage fields),
 * and the materials submitted applications need that the gateway does not
 * hold. An application the gateway already holds and the phone changed since
 * (a supplement, a rating) is left to the page, whose replication knows the
 * master state it assumes.
 */
export async function readOutgoing(db: UserDatabase): Promise<Outgoing> {
  const [apps, issues, materials] = await Promise.all([
    db.applications.find({ selector: UNACKNOWLEDGED_SELECTOR }).exec(),
    db.syncissues.find({ selector: { scope: 'applications' } }).exec(),
    unsentMaterialHashes(db),
  ]);
  const refused = new Set(issues.map((issue) => issue.documentId));
  return {
    applications: awaitingPush(
      apps.map((doc) => asPushed(doc.toJSON(true) as StoredApplication)),
      refused,
    ),
    materials,
  };
}

/** Writes {@link readOutgoing} into the transfer database once, for the service worker. */
export async function mirrorOutgoing(db: UserDatabase, userId: string, store: TransferStore): Promise<void> {
  await writeOutgoing(store, userId, await readOutgoing(db), (sha256) => getMaterialBlob(db, sha256));
}

export interface OutgoingMirror {
  /** Resolves once no write runs and none is due. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Keeps the transfer database's outgoing stores equal to what this person
 * still has to send: written at start and after every change of the
 * applications, sync issues or locker, one write at a time (a change during
 * a write is written right after it).
 */
export function startOutgoingMirror(db: UserDatabase, userId: string, store: TransferStore): OutgoingMirror {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const write = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await mirrorOutgoing(db, userId, store).catch((error: unknown) => console.error('handing the outgoing work to the service worker failed', error));
      } while (again && !stopped);
      running = null;
    })();
  };
  const watching: Subscription = merge(db.applications.$, db.syncissues.$, db.materials.$).subscribe(write);
  write();
  return {
    async settled() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      watching.unsubscribe();
      while (running) await running;
    },
  };
}

type StoredApplication = ApplicationDoc & { _deleted?: boolean; _attachments?: unknown; _meta?: unknown; _rev?: string };

function asPushed(doc: StoredApplication): WireDocument<ApplicationDoc> {
  const { _deleted, _attachments, _meta, _rev, ...content } = doc;
  return { ...content, _deleted: false };
}

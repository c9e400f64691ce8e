// The modules, not the index: the service worker bundles this file, and the index brings ajv along.
import { jsonEqual } from '../../sync-protocol/equality.js';
import type { WireDocument } from '../../sync-protocol/messages.js';
import type { ApplicationDoc } from '../../sync-protocol/schemas/application.js';
import type { MaterialSource } from '../transfer/material-source.js';
import { OUTGOING_APPLICATIONS_STORE, OUTGOING_MATERIALS_STORE, type TransferStore } from '../transfer/transfer-store.js';

/**
 * What one person's phone still has to send, as the page hands it to the
 * service worker through the transfer database: the worker reads these two
 * stores, never RxDB's own storage, so RxDB's layout can change under the
 * page alone. The page rewrites them whenever its applications, sync issues
 * or locker change (pwa/src/db/outgoing-mirror.ts).
 */
export interface Outgoing {
  /** Submitted applications the gateway never acknowledged and did not refuse, as a push sends them. */
  applications: WireDocument<ApplicationDoc>[];
  /** Hashes of the materials those (and other submitted) applications need that the gateway does not hold yet. */
  materials: string[];
}

interface OutgoingApplication {
  key: string;
  userId: string;
  document: WireDocument<ApplicationDoc>;
}

interface OutgoingMaterial {
  key: string;
  userId: string;
  sha256: string;
  /** A copy of the locker's bytes: held twice only until the material is sent. */
  blob: Blob;
}

/** What to change so the stores hold `wanted`: a pure decision over what they hold. */
export interface OutgoingWrites {
  putApplications: WireDocument<ApplicationDoc>[];
  deleteApplications: string[];
  addMaterials: string[];
  deleteMaterials: string[];
}

/** Keys are per person: a phone may hold several people's databases, one signed in at a time. */
const keyOf = (userId: string, id: string) => JSON.stringify([userId, id]);

/**
 * The writes that turn what the stores hold into what is wanted: only
 * applications whose content changed are written again, and a material's
 * bytes are copied once, when it becomes outgoing.
 */
export function planOutgoingWrites(held: { applications: ReadonlyMap<string, WireDocument<ApplicationDoc>>; materials: ReadonlySet<string> }, wanted: Outgoing): OutgoingWrites {
  const wantedIds = new Set(wanted.applications.map((doc) => doc.id));
  const wantedMaterials = new Set(wanted.materials);
  return {
    putApplications: wanted.applications.filter((doc) => !jsonEqual(held.applications.get(doc.id), doc)),
    deleteApplications: [...held.applications.keys()].filter((id) => !wantedIds.has(id)),
    addMaterials: [...wantedMaterials].filter((sha256) => !held.materials.has(sha256)),
    deleteMaterials: [...held.materials].filter((sha256) => !wantedMaterials.has(sha256)),
  };
}

/**
 * Makes the stores hold `wanted` for `userId`. `blobOf` reads a material's
 * bytes from the locker; one the device no longer holds is left out (the
 * page's own round reports it).
 */
export async function writeOutgoing(store: TransferStore, userId: string, wanted: Outgoing, blobOf: (sha256: string) => Promise<Blob | null>): Promise<OutgoingWrites> {
  const [applications, materials] = await Promise.all([readApplications(store, userId), readMaterials(store, userId)]);
  const writes = planOutgoingWrites(
    { applications: new Map(applications.map((entry) => [entry.document.id, entry.document])), materials: new Set(materials.map((entry) => entry.sha256)) },
    wanted,
  );
  for (const document of writes.putApplications) {
    await store.put(OUTGOING_APPLICATIONS_STORE, { key: keyOf(userId, document.id), userId, document } satisfies OutgoingApplication);
  }
  for (const id of writes.deleteApplications) await store.delete(OUTGOING_APPLICATIONS_STORE, keyOf(userId, id));
  for (const sha256 of writes.addMaterials) {
    const blob = await blobOf(sha256);
    if (blob) await store.put(OUTGOING_MATERIALS_STORE, { key: keyOf(userId, sha256), userId, sha256, blob } satisfies OutgoingMaterial);
  }
  for (const sha256 of writes.deleteMaterials) await store.delete(OUTGOING_MATERIALS_STORE, keyOf(userId, sha256));
  return writes;
}

/** The applications the page left for `userId` to push, as the page's replication would push them. */
export async function readOutgoingApplications(store: TransferStore, userId: string): Promise<WireDocument<ApplicationDoc>[]> {
  return (await readApplications(store, userId)).map((entry) => entry.document);
}

/**
 * The outgoing materials of `userId` as the transfer scheduler reads a
 * locker. A material sent (or found held by the gateway) leaves the store at
 * once; the page's next round learns it from the gateway's `have` answer and
 * marks its own locker.
 */
export function createOutgoingMaterialSource(store: TransferStore, userId: string): MaterialSource {
  return {
    async unsent() {
      return (await readMaterials(store, userId)).map((entry) => entry.sha256);
    },
    async blob(sha256) {
      return (await store.get<OutgoingMaterial>(OUTGOING_MATERIALS_STORE, keyOf(userId, sha256)))?.blob ?? null;
    },
    markUploaded: (sha256) => store.delete(OUTGOING_MATERIALS_STORE, keyOf(userId, sha256)),
  };
}

async function readApplications(store: TransferStore, userId: string): Promise<OutgoingApplication[]> {
  return (await store.getAll<OutgoingApplication>(OUTGOING_APPLICATIONS_STORE)).filter((entry) => entry.userId === userId);
}

async function readMaterials(store: TransferStore, userId: string): Promise<OutgoingMaterial[]> {
  return (await store.getAll<OutgoingMaterial>(OUTGOING_MATERIALS_STORE)).filter((entry) => entry.userId === userId);
}

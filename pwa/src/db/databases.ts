import { openDeviceDatabase, openUserDatabase, type DatabaseOptions, type DeviceDatabase, type UserDatabase } from './create-database.js';

/** The databases of this phone: the shared one, and at most one user's own one at a time. */
export interface Databases {
  readonly device: DeviceDatabase;
  /** The open user database, or null while nobody is signed in. */
  current(): { userId: string; db: UserDatabase } | null;
  /**
   * Opens the user's database, closing any other user's first. Opening the
   * one already open returns it. Callers serialise calls (one switch at a time).
   */
  openUser(userId: string): Promise<UserDatabase>;
  /** Closes the user database; its data stays on the device for the next sign-in. */
  closeUser(): Promise<void>;
  /** Closes everything (tests, shutdown). */
  close(): Promise<void>;
}

/**
 * Opens the device database. Closing a user's database on switch is not
 * only tidiness: RxDB's open-source build allows 13 open collections per
 * page, so user databases must never pile up.
 */
export async function createDatabases(options: DatabaseOptions = {}): Promise<Databases> {
  const device = await openDeviceDatabase(options);
  let open: { userId: string; db: UserDatabase } | null = null;

  const closeUser = async () => {
    const closing = open;
    open = null;
    await closing?.db.close();
  };

  return {
    device,
    current: () => open,
    async openUser(userId) {
      if (open?.userId === userId) return open.db;
      await closeUser();
      const db = await openUserDatabase(userId, options);
      open = { userId, db };
      return db;
    },
    closeUser,
    async close() {
      await closeUser();
      await device.close();
    },
  };
}

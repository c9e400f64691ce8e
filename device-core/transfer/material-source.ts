/**
 * Where the scheduler finds the materials to send: the device's locker of
 * photographed pages, addressed by SHA-256. Small on purpose, so the
 * scheduler is tested without RxDB and the locker can change underneath.
 */
export interface MaterialSource {
  /** Hashes referenced by submitted applications that have not been uploaded yet. */
  unsent(): Promise<string[]>;
  /** The material's bytes, or null when the device no longer holds them. */
  blob(sha256: string): Promise<Blob | null>;
  /** Records that the gateway holds the material: it is never sent again. */
  markUploaded(sha256: string): Promise<void>;
}

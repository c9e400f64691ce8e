import { useCallback, useEffect, useState } from 'preact/hooks';
import type { SpaceReport } from '../model/storage-space.js';
import { readStorageSpace } from './storage-space.js';

/** The phone's storage, read on mount and again whenever `refresh` is called (after a photo is kept). */
export function useStorageSpace(): { space: SpaceReport | null; refresh: () => void } {
  const [space, setSpace] = useState<SpaceReport | null>(null);
  const refresh = useCallback(() => {
    void readStorageSpace().then(setSpace);
  }, []);
  useEffect(refresh, [refresh]);
  return { space, refresh };
}

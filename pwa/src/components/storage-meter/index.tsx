import { hrefOf } from '../../lib/routes.js';
import type { SpaceReport } from '../../model/storage-space.js';
import styles from './storage-meter.module.css';

/**
 * 手机存储：已用…，可用约…, and a clear banner when the room runs low, with
 * a way to make room: the material locker's clean-up of photos the county
 * already holds (`offerCleanUp={false}` on the locker screen itself).
 */
export function StorageMeter({ space, offerCleanUp = true }: { space: SpaceReport | null; offerCleanUp?: boolean }) {
  if (!space) return null;
  return (
    <div data-testid="storage-meter">
      {space.warning && (
        <div class={styles.warning} role="alert" data-testid="storage-warning">
          <p class={styles.warningText}>{space.warning}</p>
          {offerCleanUp && (
            <a class={styles.cleanUpLink} href={hrefOf({ name: 'locker', show: 'clean-up' })} data-testid="storage-clean-up-link">
              去材料柜，清理县里已收到的照片
            </a>
          )}
        </div>
      )}
      <p class={styles.summary}>{space.summary}</p>
    </div>
  );
}

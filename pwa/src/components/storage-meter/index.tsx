import type { SpaceReport } from '../../model/storage-space.js';
import styles from './storage-meter.module.css';

/** 手机存储：已用…，可用约…, and a clear banner when the room runs low. */
export function StorageMeter({ space }: { space: SpaceReport | null }) {
  if (!space) return null;
  return (
    <div data-testid="storage-meter">
      {space.warning && <p class={styles.warning} role="alert" data-testid="storage-warning">{space.warning}</p>}
      <p class={styles.summary}>{space.summary}</p>
    </div>
  );
}

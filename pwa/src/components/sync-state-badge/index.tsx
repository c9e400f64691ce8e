import { SYNC_STATE_LABELS, type SyncState } from '../../model/sync-state.js';
import styles from './sync-state-badge.module.css';

/** 草稿 / 待发送 / 已到网关 / 需修改, in words and colour. */
export function SyncStateBadge({ state }: { state: SyncState }) {
  return (
    <span class={`${styles.badge} ${styles[state]}`} data-testid="sync-state" data-state={state}>
      {SYNC_STATE_LABELS[state]}
    </span>
  );
}

import { SYNC_STATE_LABELS, type SyncState } from '../../model/sync-state.js';
import styles from './sync-state-badge.module.css';

/**
 * 草稿 / 待发送 / 发送中 / 已到网关 / 需修改, in words and colour. `label`
 * replaces the state's word when there is more to say (`发送中 · 3/5 张 · 62%`).
 */
export function SyncStateBadge({ state, label }: { state: SyncState; label?: string }) {
  return (
    <span class={`${styles.badge} ${styles[state]}`} data-testid="sync-state" data-state={state}>
      {label ?? SYNC_STATE_LABELS[state]}
    </span>
  );
}

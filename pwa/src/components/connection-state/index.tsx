import { useApp } from '../../lib/app-context.js';
import styles from './connection-state.module.css';

const LABELS = { online: '在线', offline: '离线', syncing: '正在同步' } as const;

/** 在线 / 离线 / 正在同步, always visible in the header. */
export function ConnectionState() {
  const { state } = useApp();
  const connection = state.connection.value;
  return (
    <span class={`${styles.pill} ${styles[connection]}`} data-testid="connection-state" data-state={connection} role="status" aria-live="polite">
      <span class={styles.dot} aria-hidden="true" />
      {LABELS[connection]}
    </span>
  );
}

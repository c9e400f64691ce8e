import { useApp } from '../../lib/app-context.js';
import styles from './connection-state.module.css';

/** Plain words: 同步 means nothing to a villager; 正在更新 covers sending and fetching alike. */
const LABELS = { online: '有网络', offline: '没有网络', syncing: '正在更新' } as const;

/** 有网络 / 没有网络 / 正在更新, always visible in the header. */
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

import { STAGE_LABELS, type ApplicationStage } from '../../model/application-stage.js';
import styles from './sync-state-badge.module.css';

/**
 * The one state of an application (草稿 … 已办结), in words and colour.
 * `label` replaces the state's word when there is more to say (`发送中 · 3/5 张 · 62%`).
 */
export function SyncStateBadge({ state, label }: { state: ApplicationStage; label?: string }) {
  return (
    <span class={`${styles.badge} ${styles[state]}`} data-testid="sync-state" data-state={state}>
      {label ?? STAGE_LABELS[state]}
    </span>
  );
}

import { STAGE_LABELS, type ApplicationStage } from '../../model/application-stage.js';
import styles from './sync-state-badge.module.css';

/** The one state of an application (草稿 … 已办结), in words and colour. */
export function SyncStateBadge({ state }: { state: ApplicationStage }) {
  return (
    <span class={`${styles.badge} ${styles[state]}`} data-testid="sync-state" data-state={state}>
      {STAGE_LABELS[state]}
    </span>
  );
}

import { useApp } from '../../lib/app-context.js';
import { keepOpenAdvice } from '../../model/keep-open-advice.js';
import { sendsInBackground } from '../../../../device-core/transfer/upload-coordination.js';
import styles from './keep-open-notice.module.css';

/** Read once: whether this browser sends after 通办 is closed (Background Sync). */
const BACKGROUND_SENDING = sendsInBackground(globalThis);

/** Where the browser cannot send in the background: keep 通办 open until the `unsent` applications arrived. */
export function KeepOpenNotice({ unsent }: { unsent: number }) {
  const { state } = useApp();
  const advice = keepOpenAdvice(unsent, state.connection.value === 'offline', BACKGROUND_SENDING);
  if (!advice) return null;
  return (
    <p class={styles.notice} data-testid="keep-open-notice" role="note">
      {advice}
    </p>
  );
}

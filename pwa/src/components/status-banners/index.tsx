import { useApp } from '../../lib/app-context.js';
import styles from './status-banners.module.css';

/** Things the person must act on (a new version, an outdated app, an expired sign-in), and what works without a network. */
export function StatusBanners() {
  const { state, actions } = useApp();
  const { needsUpdate, needsSignIn } = state.replication;
  return (
    <div class={styles.stack}>
      {state.connection.value === 'offline' && (
        <div class={`${styles.banner} ${styles.offline}`} data-testid="offline-banner">
          现在没有网络。指南照常能看，申请照常能填，有网后自动发送。
        </div>
      )}
      {state.updateReady.value && (
        <button type="button" class={`${styles.banner} ${styles.update}`} data-testid="update-banner" onClick={actions.applyUpdate}>
          有新版本，点此更新
        </button>
      )}
      {needsUpdate.value && !state.updateReady.value && (
        <div class={`${styles.banner} ${styles.stop}`} role="alert" data-testid="needs-update-banner">
          请更新应用：这个版本太旧，暂时不能和服务器同步。您填的内容都保存在手机上，不会丢。请联网后关闭再打开本应用。
        </div>
      )}
      {needsSignIn.value && state.session.value && (
        <div class={`${styles.banner} ${styles.stop}`} role="alert" data-testid="needs-sign-in-banner">
          登录已过期，申请暂时发不出去。手机上的内容不会丢。
          <button type="button" class={styles.action} onClick={() => void actions.requestSignOut()}>
            重新登录
          </button>
        </div>
      )}
    </div>
  );
}

import { useEffect, useRef } from 'preact/hooks';
import { useApp } from '../../lib/app-context.js';
import { signOutWarning } from '../../model/sign-out-warning.js';
import styles from './sign-out-dialog.module.css';

/**
 * The question before signing out, in the app rather than `window.confirm`:
 * big buttons, our own words, and the count of applications not yet sent.
 * "不退出" has the focus, so a stray tap on a shared phone loses nothing.
 */
export function SignOutDialog() {
  const { state, actions } = useApp();
  const prompt = state.signOutPrompt.value;
  const stay = useRef<HTMLButtonElement>(null);
  useEffect(() => stay.current?.focus(), [prompt]);
  if (!prompt) return null;
  const warns = (prompt.unsent ?? 0) > 0;
  return (
    <div class={styles.backdrop} onKeyDown={(e) => e.key === 'Escape' && actions.cancelSignOut()}>
      <div class={styles.dialog} role="alertdialog" aria-modal="true" aria-labelledby="sign-out-title" aria-describedby="sign-out-text" data-testid="sign-out-dialog">
        <h2 id="sign-out-title" class={styles.title}>
          退出登录
        </h2>
        <p id="sign-out-text" class={`${styles.text} ${warns ? styles.warn : ''}`} data-testid="sign-out-warning">
          {signOutWarning(prompt.unsent)}
        </p>
        <div class={styles.buttons}>
          <button ref={stay} type="button" class={styles.stay} data-testid="cancel-sign-out" onClick={actions.cancelSignOut}>
            不退出
          </button>
          <button type="button" class={styles.leave} data-testid="confirm-sign-out" onClick={actions.signOut}>
            确定退出
          </button>
        </div>
      </div>
    </div>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../../lib/app-context.js';
import { idlePhase, type IdlePhase } from '../../model/idle-session.js';
import dialog from '../commitment-dialog/commitment-dialog.module.css';
import styles from './station-idle-guard.module.css';

const ACTIVITY = ['pointerdown', 'keydown', 'input', 'touchstart', 'wheel'] as const;

/**
 * 便民服务站模式: a session nobody touches ends by itself, after a warning
 * with a countdown, so the next villager at the tablet finds nothing of the
 * last one's on screen. Drafts are already saved as typed, and what is
 * queued stays on the tablet and goes out when the connection returns.
 */
export function StationIdleGuard() {
  const { state, actions } = useApp();
  const station = state.station.value;
  const signedIn = state.session.value !== null;
  const lastActivity = useRef(Date.now());
  const [phase, setPhase] = useState<IdlePhase>({ phase: 'active' });

  useEffect(() => {
    if (!station || !signedIn) return;
    lastActivity.current = Date.now();
    setPhase({ phase: 'active' });
    const touched = () => (lastActivity.current = Date.now());
    for (const type of ACTIVITY) window.addEventListener(type, touched, { capture: true, passive: true });
    const timer = setInterval(() => {
      const next = idlePhase(lastActivity.current, Date.now(), station);
      if (next.phase === 'expired') actions.signOut();
      setPhase(next);
    }, 1000);
    return () => {
      for (const type of ACTIVITY) window.removeEventListener(type, touched, { capture: true });
      clearInterval(timer);
    };
  }, [station, signedIn]);

  if (!station || !signedIn || phase.phase !== 'warning') return null;
  return (
    <div class={dialog.backdrop}>
      <div class={`${dialog.dialog} ${styles.dialog}`} role="alertdialog" aria-modal="true" aria-labelledby="idle-title" data-testid="idle-warning">
        <h2 id="idle-title" class={dialog.title}>
          还在用吗？
        </h2>
        <p class={styles.count} aria-live="assertive">
          {phase.secondsLeft} 秒后自动退出
        </p>
        <p>退出后，您填的内容会存为草稿，已经提交的会在有网时自动发出，下一位用平板的人看不到。</p>
        <button type="button" class={styles.stay} data-testid="idle-stay" onClick={() => (lastActivity.current = Date.now())}>
          我还在用
        </button>
        <button type="button" class={dialog.cancel} data-testid="idle-sign-out" onClick={() => actions.signOut()}>
          我用完了，现在退出
        </button>
      </div>
    </div>
  );
}

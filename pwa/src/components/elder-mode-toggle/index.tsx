import { useApp } from '../../lib/app-context.js';
import styles from './elder-mode-toggle.module.css';

/** 长辈模式: one tap for larger text and higher contrast, remembered on the phone. */
export function ElderModeToggle() {
  const { state, actions } = useApp();
  const on = state.elderMode.value;
  return (
    <button type="button" class={`${styles.toggle} ${on ? styles.on : ''}`} aria-pressed={on} data-testid="elder-mode-toggle" onClick={actions.toggleElderMode}>
      {/* Short when on, so the larger header still fits one row at 390 px; the filled button shows it is on. */}
      {on ? '长辈模式 ✓' : '长辈模式'}
    </button>
  );
}

import { useEffect, useRef } from 'preact/hooks';
import type { LockerEntry } from '../../model/locker-usage.js';
import styles from './locker.module.css';
import { Thumb } from './locker-row.js';

/** The photo itself, as large as the screen allows; 关闭 (or a tap beside it) goes back. */
export function PhotoViewer({ entry, onClose }: { entry: LockerEntry; onClose(): void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  const title = entry.names.join('、');
  return (
    <div class={styles.viewerBackdrop} onClick={(e) => e.target === e.currentTarget && onClose()} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div class={styles.viewer} role="dialog" aria-modal="true" aria-label={`大图：${title}`} data-testid="locker-viewer">
        <p class={styles.viewerTitle}>{title}</p>
        <Thumb sha256={entry.item.sha256} large />
        <button ref={close} type="button" class={styles.viewerClose} data-testid="locker-viewer-close" onClick={onClose}>
          关闭
        </button>
      </div>
    </div>
  );
}

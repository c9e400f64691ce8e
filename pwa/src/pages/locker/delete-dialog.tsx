import { useEffect, useRef, useState } from 'preact/hooks';
import { LockerItemInUseError } from '../../db/data-api.js';
import { useApp } from '../../lib/app-context.js';
import type { LockerEntry } from '../../model/locker-usage.js';
import styles from './locker.module.css';
import { Thumb } from './locker-row.js';

/**
 * The question before a deletion, in our own words and big buttons. 不删了
 * has the focus, so a stray tap loses nothing. Should an application have
 * started to use the photo since the list was drawn, the database refuses
 * and the dialog says so.
 */
export function DeleteDialog({ entry, onClose, onDeleted }: { entry: LockerEntry; onClose(): void; onDeleted(): void }) {
  const { data, actions } = useApp();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  const sentUses = entry.uses.filter((u) => u.state === 'sent');

  const remove = async () => {
    setBusy(true);
    try {
      await actions.write(() => data.removeLockerItem(entry.item.sha256));
      onDeleted();
    } catch (error) {
      setBusy(false);
      setProblem(error instanceof LockerItemInUseError ? '这张照片现在有申请要用，还没发送，不能删除。' : '没有删掉，请再试一次。');
    }
  };

  return (
    <div class={styles.backdrop} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div
        class={styles.dialog}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="locker-delete-title"
        aria-describedby="locker-delete-text"
        data-testid="locker-delete-dialog"
      >
        <h2 id="locker-delete-title" class={styles.dialogTitle}>
          删除这张照片？
        </h2>
        <div class={styles.dialogItem}>
          <Thumb sha256={entry.item.sha256} />
          <strong>{entry.names.join('、')}</strong>
        </div>
        <p id="locker-delete-text" class={styles.dialogText}>
          <strong class={styles.warn}>删除后无法恢复。</strong>
          {sentUses.length > 0
            ? `${[...new Set(sentUses.map((u) => u.applicantName))].join('、')}的申请已经发送，不受影响。以后办事再要这张照片，就得重新拍。`
            : '这张照片没有用在任何申请里。'}
        </p>
        {problem && (
          <p class={styles.problem} role="alert" data-testid="locker-delete-problem">
            {problem}
          </p>
        )}
        <div class={styles.dialogButtons}>
          <button ref={keep} type="button" class={styles.keep} data-testid="locker-delete-cancel" onClick={onClose}>
            不删了
          </button>
          <button type="button" class={styles.confirm} disabled={busy || problem !== null} data-testid="locker-delete-confirm" onClick={() => void remove()}>
            {busy ? '正在删除…' : '删除'}
          </button>
        </div>
      </div>
    </div>
  );
}

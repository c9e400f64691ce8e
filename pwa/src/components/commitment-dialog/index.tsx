import { SignaturePad } from '../signature-pad/index.js';
import styles from './commitment-dialog.module.css';

interface Props {
  text: string;
  busy: boolean;
  error?: string | null;
  onSigned(png: Blob): void;
  onCancel(): void;
}

/** 承诺书: the words to agree to, read in full, and the signature pad; signing submits. */
export function CommitmentDialog({ text, busy, error, onSigned, onCancel }: Props) {
  const [title, ...body] = text.split('\n');
  return (
    <div class={styles.backdrop}>
      <div class={styles.dialog} role="dialog" aria-modal="true" aria-labelledby="commitment-title" data-testid="commitment-dialog">
        <h2 id="commitment-title" class={styles.title}>
          {title}
        </h2>
        <div class={styles.text} data-testid="commitment-text">
          {body.map((line, i) => (
            <p key={i} class={/^\d+\. /.test(line) ? styles.item : styles.line}>
              {line}
            </p>
          ))}
        </div>
        <SignaturePad onConfirm={onSigned} busy={busy} confirmLabel="签名并提交" />
        {error && (
          <p class={styles.error} role="alert">
            {error}
          </p>
        )}
        <button type="button" class={styles.cancel} data-testid="commitment-cancel" disabled={busy} onClick={onCancel}>
          先不提交，返回修改
        </button>
      </div>
    </div>
  );
}

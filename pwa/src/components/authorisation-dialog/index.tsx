import { useState } from 'preact/hooks';
import type { AuthorisationMethod } from '../../../../sync-protocol/index.js';
import dialog from '../commitment-dialog/commitment-dialog.module.css';
import { ReadAloud } from '../read-aloud/index.js';
import { SignaturePad } from '../signature-pad/index.js';
import styles from './authorisation-dialog.module.css';

interface Props {
  text: string;
  applicantName: string;
  busy: boolean;
  error?: string | null;
  /** The on-screen signature (PNG), or the photo of the paper with a thumbprint or signature. */
  onGiven(method: AuthorisationMethod, image: Blob | File): void;
  onCancel(): void;
}

const METHODS: { method: AuthorisationMethod; label: string; how: string }[] = [
  { method: 'signature', label: '本人在手机上签名', how: '把手机交给申请人，请本人用手指在下面的白框里写名字。' },
  { method: 'thumbprint', label: '按手印', how: '不会写字的，请本人在纸上的授权委托书上按手印，再把那张纸拍下来。' },
  { method: 'paper', label: '在纸上签字', how: '请本人在纸上的授权委托书上签字，再把那张纸拍下来。' },
];

/**
 * 授权委托书: an agent cannot submit for someone without it. The words are
 * shown (and read aloud) to the applicant, who signs on the screen, or
 * presses a thumbprint or signs on paper that the agent photographs.
 */
export function AuthorisationDialog({ text, applicantName, busy, error, onGiven, onCancel }: Props) {
  const [method, setMethod] = useState<AuthorisationMethod>('signature');
  const [title, ...body] = text.split('\n');
  const chosen = METHODS.find((m) => m.method === method)!;
  return (
    <div class={dialog.backdrop}>
      <div class={dialog.dialog} role="dialog" aria-modal="true" aria-labelledby="authorisation-title" data-testid="authorisation-dialog">
        <h2 id="authorisation-title" class={dialog.title}>
          {title}
        </h2>
        <p class={styles.lead}>请把下面的话念给{applicantName || '申请人'}听，本人同意后再签。</p>
        <div class={dialog.text} data-testid="authorisation-text">
          {body.map((line, i) => (
            <p key={i} class={dialog.line}>
              {line}
            </p>
          ))}
        </div>
        <ReadAloud text={body.join('')} />
        <fieldset class={styles.methods}>
          <legend class={styles.legend}>申请人怎么签</legend>
          {METHODS.map((m) => (
            <label key={m.method} class={`${styles.method} ${method === m.method ? styles.chosen : ''}`}>
              <input
                type="radio"
                name="authorisation-method"
                value={m.method}
                checked={method === m.method}
                data-testid={`authorisation-${m.method}`}
                onChange={() => setMethod(m.method)}
              />
              {m.label}
            </label>
          ))}
        </fieldset>
        <p class={styles.how}>{chosen.how}</p>
        {method === 'signature' ? (
          <SignaturePad onConfirm={(png) => onGiven('signature', png)} busy={busy} confirmLabel="本人已签名，提交" />
        ) : (
          <label class={`${styles.photo} ${busy ? styles.busy : ''}`} data-testid="authorisation-photo">
            {busy ? '正在保存…' : '拍下这张纸并提交'}
            <input
              type="file"
              accept="image/*"
              capture="environment"
              class={styles.file}
              disabled={busy}
              data-testid="authorisation-photo-input"
              onChange={(e) => {
                const file = (e.currentTarget as HTMLInputElement).files?.[0];
                (e.currentTarget as HTMLInputElement).value = '';
                if (file) onGiven(method, file);
              }}
            />
          </label>
        )}
        {error && (
          <p class={dialog.error} role="alert">
            {error}
          </p>
        )}
        <button type="button" class={dialog.cancel} data-testid="authorisation-cancel" disabled={busy} onClick={onCancel}>
          先不提交，返回
        </button>
      </div>
    </div>
  );
}

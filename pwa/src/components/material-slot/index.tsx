import type { ApplicationMaterial, GuideMaterial } from '../../../../sync-protocol/index.js';
import { MaterialThumb, MISSING_DRAFT_PHOTO_TEXT } from '../material-thumb/index.js';
import { maxPagesOf } from '../../model/application-materials.js';
import { describeMaterialState, materialMarksOf, materialStateOf } from '../../model/material-checklist.js';
import styles from './material-slot.module.css';

interface Props {
  material: GuideMaterial;
  entry?: ApplicationMaterial;
  /** A photo of this material is being processed. */
  busy: boolean;
  /** What went wrong with the last photo, in plain words. */
  error?: string | null;
  /** Before a photo is taken: the phone is running out of room. */
  spaceWarning?: string;
  /** Required, not yet attached, and the person tried to submit. */
  flagged?: boolean;
  onFiles(files: File[]): void;
  onRemovePage(sha256: string): void;
  onWaive(waived: boolean): void;
  onOpenLocker(): void;
}

const ICONS = { taken: '✓', missing: '!', waived: '…', optional: '–' } as const;

/**
 * One material of the form as one compact row: its name, 必需 / 非必需 /
 * 可容缺 as the guide page says, how it stands (已拍 2 张 / 还没有拍), and one
 * big 拍照 button; the other sources (album, photos taken before) are small
 * links under it. Pages show as small thumbnails that can be removed.
 */
export function MaterialSlot({ material, entry, busy, error, spaceWarning, flagged, onFiles, onRemovePage, onWaive, onOpenLocker }: Props) {
  const pages = entry?.pages ?? [];
  const state = materialStateOf(material, entry);
  const waived = state === 'waived';
  const full = pages.length >= maxPagesOf(material);
  const id = `material-${material.key}`;
  const takeFiles = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = ''; // the same photo can be chosen again after a removal
    if (files.length > 0) onFiles(files);
  };

  return (
    <section
      class={`${styles.slot} ${styles[state]} ${flagged ? styles.flagged : ''}`}
      data-testid={`material-slot-${material.key}`}
      data-state={state}
      aria-labelledby={`${id}-name`}
    >
      <div class={styles.head}>
        <span class={styles.icon} aria-hidden="true">
          {ICONS[state]}
        </span>
        <div class={styles.title}>
          <h3 id={`${id}-name`} class={styles.name}>
            {material.name}
          </h3>
          <span class={styles.marks}>
            {materialMarksOf(material).map((mark) => (
              <span key={mark} class={`${styles.mark} ${mark === '必需' ? styles.required : ''}`}>
                {mark}
              </span>
            ))}
            <span class={styles.status} data-testid={`${id}-status`}>
              {describeMaterialState(state, pages.length)}
            </span>
          </span>
        </div>
        {!waived && !full && (
          <label class={`${styles.camera} ${pages.length > 0 ? styles.again : ''} ${busy ? styles.disabled : ''}`}>
            <input class={styles.file} type="file" accept="image/*" capture="environment" disabled={busy} data-testid={`${id}-camera`} onChange={takeFiles} />
            {pages.length > 0 ? '再拍' : '拍照'}
          </label>
        )}
      </div>
      {material.notes && <p class={styles.notes}>{material.notes}</p>}
      {pages.length > 0 && (
        <ul class={styles.pages}>
          {pages.map((p, i) => (
            <li key={p.sha256} class={styles.page} data-testid="material-page" data-sha256={p.sha256}>
              <PageThumb sha256={p.sha256} alt={`${material.name} 第${i + 1}张`} />
              <button type="button" class={styles.remove} aria-label={`删掉${material.name}第${i + 1}张`} data-testid="material-remove-page" onClick={() => onRemovePage(p.sha256)}>
                删掉
              </button>
            </li>
          ))}
        </ul>
      )}
      {busy && (
        <p class={styles.busy} role="status" data-testid={`${id}-busy`}>
          正在处理照片…
        </p>
      )}
      {error && (
        <p class={styles.error} role="alert" data-testid={`${id}-error`}>
          {error}
        </p>
      )}
      {spaceWarning && !waived && !full && (
        <p class={styles.warning} role="alert">
          {spaceWarning}
        </p>
      )}
      {full && !waived && <p class={styles.notes}>这份材料最多{maxPagesOf(material)}张，已经够了。</p>}
      {(!full || material.waivable) && (
        // The other ways, small: most people take the photo there and then.
        <div class={styles.more}>
          {!waived && !full && (
            <>
              <label class={`${styles.link} ${busy ? styles.disabled : ''}`}>
                <input class={styles.file} type="file" accept="image/*" multiple disabled={busy} data-testid={`${id}-file`} onChange={takeFiles} />
                从相册选
              </label>
              <button type="button" class={styles.link} disabled={busy} data-testid={`${id}-locker`} onClick={onOpenLocker}>
                用以前拍过的照片
              </button>
            </>
          )}
          {material.waivable && pages.length === 0 && (
            <label class={styles.waive}>
              <input type="checkbox" checked={waived} data-testid={`${id}-waive`} onChange={(e) => onWaive((e.currentTarget as HTMLInputElement).checked)} />
              <span>现在没有，先不交（容缺）</span>
            </label>
          )}
        </div>
      )}
    </section>
  );
}

function PageThumb({ sha256, alt }: { sha256: string; alt: string }) {
  // The form holds drafts only: a missing photo there is not known to have reached the county.
  return <MaterialThumb sha256={sha256} alt={alt} class={styles.thumb} missingText={MISSING_DRAFT_PHOTO_TEXT} />;
}

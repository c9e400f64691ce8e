import type { ApplicationMaterial, GuideMaterial } from '../../../../sync-protocol/index.js';
import { MaterialThumb, MISSING_DRAFT_PHOTO_TEXT } from '../material-thumb/index.js';
import { maxPagesOf } from '../../model/application-materials.js';
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

/**
 * One material of the guide on the form: take a photo (camera), choose one
 * (album), or pick one kept before (材料柜); its pages as thumbnails; 容缺
 * when the guide allows the material to follow later.
 */
export function MaterialSlot({ material, entry, busy, error, spaceWarning, flagged, onFiles, onRemovePage, onWaive, onOpenLocker }: Props) {
  const pages = entry?.pages ?? [];
  const waived = entry?.waived === true && material.waivable;
  const full = pages.length >= maxPagesOf(material);
  const id = `material-${material.key}`;
  const takeFiles = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = ''; // the same photo can be chosen again after a removal
    if (files.length > 0) onFiles(files);
  };
  // An optional material not taken says nothing more: its heading already says 可不交.
  const status = waived ? '暂缺，承诺后补' : pages.length > 0 ? `已拍${pages.length}页` : material.required ? '还没有拍' : null;

  return (
    <section class={`${styles.slot} ${flagged ? styles.flagged : ''}`} data-testid={`material-slot-${material.key}`} aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`} class={styles.name}>
        {material.name}
        {material.required ? <span class={styles.req}>（必交）</span> : <span class={styles.opt}>（可不交）</span>}
      </h3>
      {status && <p class={`${styles.status} ${pages.length > 0 ? styles.done : ''}`} data-testid={`${id}-status`}>{status}</p>}
      {material.notes && <p class={styles.notes}>{material.notes}</p>}
      {pages.length > 0 && (
        <ul class={styles.pages}>
          {pages.map((p, i) => (
            <li key={p.sha256} class={styles.page} data-testid="material-page" data-sha256={p.sha256}>
              <PageThumb sha256={p.sha256} alt={`${material.name} 第${i + 1}页`} />
              <span class={styles.pageNo}>第{i + 1}页</span>
              <button type="button" class={styles.remove} aria-label={`删掉${material.name}第${i + 1}页`} data-testid="material-remove-page" onClick={() => onRemovePage(p.sha256)}>删掉</button>
            </li>
          ))}
        </ul>
      )}
      {busy && <p class={styles.busy} role="status" data-testid={`${id}-busy`}>正在处理照片…</p>}
      {error && <p class={styles.error} role="alert" data-testid={`${id}-error`}>{error}</p>}
      {spaceWarning && !waived && !full && <p class={styles.warning} role="alert">{spaceWarning}</p>}
      {!waived && !full && (
        <div class={styles.buttons}>
          <label class={`${styles.button} ${styles.camera} ${busy ? styles.disabled : ''}`}>
            <input class={styles.file} type="file" accept="image/*" capture="environment" disabled={busy} data-testid={`${id}-camera`} onChange={takeFiles} />
            {pages.length > 0 ? '再拍一页' : '拍照'}
          </label>
          <label class={`${styles.button} ${busy ? styles.disabled : ''}`}>
            <input class={styles.file} type="file" accept="image/*" multiple disabled={busy} data-testid={`${id}-file`} onChange={takeFiles} />
            从相册选
          </label>
          <button type="button" class={styles.button} disabled={busy} data-testid={`${id}-locker`} onClick={onOpenLocker}>从材料柜选</button>
        </div>
      )}
      {full && !waived && <p class={styles.notes}>这份材料最多{maxPagesOf(material)}页，已经够了。</p>}
      {material.waivable && pages.length === 0 && (
        <label class={styles.waive}>
          <input type="checkbox" checked={waived} data-testid={`${id}-waive`} onChange={(e) => onWaive((e.currentTarget as HTMLInputElement).checked)} />
          <span>容缺（暂缺，承诺后补）：现在没有这份材料，先提交，签承诺书后按时补交</span>
        </label>
      )}
    </section>
  );
}

function PageThumb({ sha256, alt }: { sha256: string; alt: string }) {
  // The form holds drafts only: a missing photo there is not known to have reached the county.
  return <MaterialThumb sha256={sha256} alt={alt} class={styles.thumb} missingText={MISSING_DRAFT_PHOTO_TEXT} />;
}

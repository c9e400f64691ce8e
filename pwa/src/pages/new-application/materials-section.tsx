import { useState } from 'preact/hooks';
import type { ApplicationMaterial, GuideDoc, GuideMaterial, MaterialPage } from '../../../../sync-protocol/index.js';
import { LockerPicker } from '../../components/locker-picker/index.js';
import { MaterialSlot } from '../../components/material-slot/index.js';
import { StorageMeter } from '../../components/storage-meter/index.js';
import { OtherHouseholdMaterialError } from '../../db/data-api.js';
import type { LockerItemDoc } from '../../db/locker-schema.js';
import { useApp } from '../../lib/app-context.js';
import { isPhotoError, processPhoto } from '../../media/index.js';
import { addPage, materialEntry, removePage, setWaived } from '../../model/application-materials.js';
import { summariseMaterials, takenCount } from '../../model/material-checklist.js';
import { isQuotaError, QUOTA_MESSAGE, type SpaceReport } from '../../model/storage-space.js';
import page from '../page.module.css';
import styles from './new-application.module.css';

interface Props {
  guide: GuideDoc;
  materials: ApplicationMaterial[];
  /** Applies a change to the materials; the form saves the draft at once. */
  onChange(change: (current: ApplicationMaterial[]) => ApplicationMaterial[]): void;
  /** Required materials still missing, flagged after a submit attempt. */
  flagged: ReadonlySet<string>;
  space: SpaceReport | null;
  onStored(): void;
  /** Filing for a household: photos are kept for it, and only its photos are offered again. */
  householdId?: string;
}

/** 申请材料: one slot per material the guide lists, and the locker picker. */
export function MaterialsSection({ guide, materials, onChange, flagged, space, onStored, householdId }: Props) {
  const { data, actions } = useApp();
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const [picking, setPicking] = useState<GuideMaterial | null>(null);
  const setError = (key: string, message: string | null) => setErrors((e) => ({ ...e, [key]: message }));

  async function attachFiles(material: GuideMaterial, files: File[]) {
    setBusy((b) => ({ ...b, [material.key]: true }));
    setError(material.key, null);
    try {
      for (const file of files) {
        const photo = await processPhoto(file);
        const item = await actions.write(() =>
          data.putMaterial({
            blob: photo.image,
            thumbnail: photo.thumbnail,
            meta: { kind: 'photo', label: material.name, materialKey: material.key, width: photo.width, height: photo.height, ...(householdId ? { householdId } : {}) },
          }),
        );
        onChange((current) => addPage(current, material, pageOf(item)));
      }
    } catch (error) {
      console.error('attaching a photo failed', error);
      setError(material.key, problemOf(error));
    } finally {
      setBusy((b) => ({ ...b, [material.key]: false }));
      onStored();
    }
  }

  const pick = (material: GuideMaterial, item: LockerItemDoc) => {
    onChange((current) => addPage(current, material, pageOf(item)));
    setPicking(null);
  };

  if (guide.materials.length === 0) return null;
  return (
    <div class={page.card} data-testid="materials-section">
      <h2 class={styles.sectionTitle} id="materials-title">
        申请材料
      </h2>
      <MaterialsSummary guide={guide} materials={materials} />
      <p class={styles.sectionLead}>每份材料拍清楚：四个角都拍进去，字能看清。多页的一页拍一张。</p>
      <StorageMeter space={space} />
      {guide.materials.map((material) => (
        <MaterialSlot
          key={material.key}
          material={material}
          entry={materialEntry(materials, material.key)}
          busy={busy[material.key] === true}
          error={errors[material.key]}
          spaceWarning={space?.level === 'full' || space?.level === 'low' ? space.warning : undefined}
          flagged={flagged.has(material.key)}
          onFiles={(files) => void attachFiles(material, files)}
          onRemovePage={(sha) => onChange((current) => removePage(current, material.key, sha))}
          onWaive={(waived) => onChange((current) => setWaived(current, material, waived))}
          onOpenLocker={() => setPicking(material)}
        />
      ))}
      {picking && (
        <LockerPicker
          material={picking}
          attached={(materialEntry(materials, picking.key)?.pages ?? []).map((p) => p.sha256)}
          {...(householdId ? { householdId } : {})}
          onPick={(item) => pick(picking, item)}
          onClose={() => setPicking(null)}
        />
      )}
    </div>
  );
}

/**
 * 还差 3 项必需材料没有拍 and a button to the first of them: the list is long
 * (eight materials is common), the person should not hunt for what is left.
 */
export function MaterialsSummary({ guide, materials, compact }: { guide: GuideDoc; materials: ApplicationMaterial[]; compact?: boolean }) {
  if (guide.materials.length === 0) return null;
  const summary = summariseMaterials(guide.materials, materials);
  const first = guide.materials.find((m) => m.key === summary.firstMissingKey);
  const taken = takenCount(guide.materials, materials);
  const jump = first && (
    <button type="button" class={styles.jump} data-testid={compact ? 'jump-to-missing-top' : 'jump-to-missing'} onClick={() => jumpToMaterial(first.key)}>
      {compact ? '去拍 ›' : `去拍：${first.name} ›`}
    </button>
  );
  if (compact) {
    // At the top of the form: one quiet line, the fields come first.
    return (
      <div class={styles.summaryTop} data-testid="materials-summary-top">
        <p class={styles.summaryText}>申请材料：{summary.missing > 0 ? `还差 ${summary.missing} 项没有拍` : '必需的都齐了'}</p>
        {jump}
      </div>
    );
  }
  return (
    <div class={`${styles.summary} ${summary.missing === 0 ? styles.summaryDone : ''}`} data-testid="materials-summary">
      <p class={styles.summaryText}>
        <strong>{summary.text}</strong>
        <span class={styles.summaryCount}>
          （已拍 {taken} 项，共 {guide.materials.length} 项）
        </span>
      </p>
      {jump}
    </div>
  );
}

/** Brings a material's row into view and moves the focus there, so a screen reader says which one. */
export function jumpToMaterial(key: string): void {
  const slot = document.querySelector<HTMLElement>(`[data-testid="material-slot-${key}"]`);
  if (!slot) return;
  slot.scrollIntoView({ block: 'center' });
  slot.setAttribute('tabindex', '-1');
  slot.focus({ preventScroll: true });
}

export function pageOf(item: LockerItemDoc): MaterialPage {
  return {
    sha256: item.sha256,
    bytes: item.bytes,
    contentType: item.contentType,
    ...(item.width ? { width: item.width } : {}),
    ...(item.height ? { height: item.height } : {}),
  };
}

function problemOf(error: unknown): string {
  if (isPhotoError(error)) return error.message;
  if (isQuotaError(error)) return QUOTA_MESSAGE;
  if (error instanceof OtherHouseholdMaterialError) return error.message + '，请给这一户重新拍。';
  return '这张照片没有存上，请再拍一次。';
}

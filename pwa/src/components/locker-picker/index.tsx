import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { GuideMaterial } from '../../../../sync-protocol/index.js';
import type { LockerItemDoc } from '../../db/locker-schema.js';
import type { LockerItemView } from '../../db/locker.js';
import { useApp } from '../../lib/app-context.js';
import { formatChinaDate } from '../../lib/china-time.js';
import { useObservable } from '../../lib/use-observable.js';
import { orderForMaterial } from '../../model/application-materials.js';
import styles from './locker-picker.module.css';

interface Props {
  material: GuideMaterial;
  /** Pages already attached to this material, shown as such. */
  attached: readonly string[];
  /** Filing for a household: only the photos taken for it are offered. */
  householdId?: string;
  onPick(item: LockerItemDoc): void;
  onClose(): void;
}

/**
 * 用以前拍过的照片 (the 材料柜, named plainly on the form): photos kept from earlier applications, to attach again without
 * taking them again. Photos taken for the same material come first.
 */
export function LockerPicker({ material, attached, householdId, onPick, onClose }: Props) {
  const { data } = useApp();
  const views = useObservable(() => data.lockerItems$({ kind: 'photo', ...(householdId ? { householdId } : {}) }), [data, householdId]);
  const ordered = useMemo(
    () =>
      orderForMaterial(
        (views ?? []).map((v) => ({ ...v, ...v.item })),
        material.key,
      ),
    [views, material.key],
  );
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);

  return (
    <div class={styles.backdrop} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div class={styles.dialog} role="dialog" aria-modal="true" aria-labelledby="locker-title" data-testid="locker-picker">
        <h2 id="locker-title" class={styles.title}>
          用以前拍过的照片：{material.name}
        </h2>
        <p class={styles.lead}>
          {householdId ? '这里只有以前给这一户拍过的照片（别的户的照片不会出现在这里），点「用这张」就不用再拍。' : '这部手机以前拍过的材料照片都在这里，点「用这张」就不用再拍。'}
        </p>
        {views === undefined && <p class={styles.lead}>正在打开…</p>}
        {views !== undefined && ordered.length === 0 && (
          <p class={styles.empty}>{householdId ? '还没有给这一户拍过照片。' : '还没有以前拍过的照片。'}这次拍的照片会留在手机上（「材料柜」里），下次办事可以直接用。</p>
        )}
        <ul class={styles.items}>
          {ordered.map((view) => (
            <LockerRow key={view.sha256} view={view} sameMaterial={view.materialKey === material.key} attached={attached.includes(view.sha256)} onPick={() => onPick(view.item)} />
          ))}
        </ul>
        <button ref={close} type="button" class={styles.close} data-testid="locker-close" onClick={onClose}>
          关闭
        </button>
      </div>
    </div>
  );
}

function LockerRow({ view, sameMaterial, attached, onPick }: { view: LockerItemView; sameMaterial: boolean; attached: boolean; onPick(): void }) {
  const url = useMemo(() => (view.thumbnail ? URL.createObjectURL(view.thumbnail) : null), [view.thumbnail]);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  return (
    <li class={styles.item} data-testid="locker-item" data-sha256={view.item.sha256}>
      {url ? <img class={styles.thumb} src={url} alt={view.item.label} /> : <span class={styles.thumb} />}
      <div class={styles.info}>
        <strong>{view.item.label}</strong>
        {sameMaterial && <span class={styles.same}>同一种材料</span>}
        <span class={styles.date}>{formatChinaDate(view.item.createdAt)}拍的</span>
        <button type="button" class={styles.pick} disabled={attached} data-testid="locker-pick" onClick={onPick}>
          {attached ? '已经用上了' : '用这张'}
        </button>
      </div>
    </li>
  );
}

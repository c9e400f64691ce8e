import { useEffect, useState } from 'preact/hooks';
import type { GuideMaterial } from '../../../../sync-protocol/index.js';
import { describeForms, materialMarks } from '../../model/guide-text.js';
import styles from './guide-checklist.module.css';

export interface GuideChecklistProps {
  materials: GuideMaterial[];
  /** Keys of the materials already ticked off. */
  ticked: string[];
  onToggle(key: string, ticked: boolean): void;
}

/**
 * What to bring, as a list to tick off while gathering the papers: each
 * material with originals or copies and how many, 必需 / 可容缺, and its
 * sample image on demand (images are fetched only when asked for).
 */
export function GuideChecklist({ materials, ticked, onToggle }: GuideChecklistProps) {
  const [sample, setSample] = useState<string | null>(null);
  const done = materials.filter((m) => ticked.includes(m.key)).length;
  return (
    <div>
      <p class={styles.progress} data-testid="checklist-progress">
        已准备 <b>{done}</b> / {materials.length} 样{done === materials.length && materials.length > 0 ? '，都齐了' : ''}
      </p>
      <ul class={styles.list}>
        {materials.map((m) => {
          const checked = ticked.includes(m.key);
          return (
            <li key={m.key} class={`${styles.item} ${checked ? styles.done : ''}`} data-testid="checklist-item" data-key={m.key} data-checked={checked}>
              <label class={styles.row}>
                <input type="checkbox" class={styles.box} checked={checked} data-testid="checklist-checkbox" onChange={(e) => onToggle(m.key, e.currentTarget.checked)} />
                <span class={styles.text}>
                  <span class={styles.name} data-testid="material-item">
                    {m.name}
                  </span>
                  <span class={styles.marks}>
                    <span class={styles.forms}>{describeForms(m)}</span>
                    {materialMarks(m).map((mark) => (
                      <span key={mark} class={`${styles.mark} ${mark === '必需' ? styles.required : mark === '可容缺' ? styles.waivable : ''}`}>
                        {mark}
                      </span>
                    ))}
                  </span>
                  {m.source && <span class={styles.note}>从哪里来：{m.source}</span>}
                  {m.notes && <span class={styles.note}>{m.notes}</span>}
                </span>
              </label>
              {m.sampleUrl && (
                <button
                  type="button"
                  class={styles.sampleButton}
                  data-testid="sample-button"
                  aria-expanded={sample === m.key}
                  onClick={() => setSample(sample === m.key ? null : m.key)}
                >
                  {sample === m.key ? '收起样例' : '看样例'}
                </button>
              )}
              {sample === m.key && m.sampleUrl && <Sample url={m.sampleUrl} name={m.name} />}
            </li>
          );
        })}
      </ul>
      {materials.some((m) => m.waivable) && <p class={styles.note}>「可容缺」：暂时缺这份材料，也可以先受理，之后补交。</p>}
    </div>
  );
}

/** A sample image; without a connection one never opened before cannot show, and says so. */
function Sample({ url, name }: { url: string; name: string }) {
  const [failed, setFailed] = useState(false);
  useEffect(() => setFailed(false), [url]);
  if (failed)
    return (
      <p class={styles.note} data-testid="sample-unavailable">
        样例图片要联网才能第一次打开，打开过的没网也能看。
      </p>
    );
  return <img class={styles.sample} src={url} alt={`${name}的样例`} data-testid="sample-image" onError={() => setFailed(true)} />;
}

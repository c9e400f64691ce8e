import type { GuideChangeNotice as Notice } from '../../db/guide-marks.js';
import { describeForms } from '../../model/guide-text.js';
import styles from './guide-change-notice.module.css';

const WHY = { saved: '您收藏', started: '您开始申请' } as const;

/** 材料有变化: what changed in the material list since the person saved the guide or applied with it. */
export function GuideChangeNotice({ notice, onAcknowledge }: { notice: Notice; onAcknowledge(): void }) {
  const { added, removed, changed } = notice.diff;
  return (
    <section class={styles.notice} role="status" data-testid="guide-change-notice">
      <h2 class={styles.title}>要带的材料有变化</h2>
      <p class={styles.lead}>
        在{notice.reasons.map((r) => WHY[r]).join('、')}以后，这项指南更新了（第{notice.fromVersion}版 → 第{notice.toVersion}版）：
      </p>
      <ul class={styles.changes}>
        {added.map((m) => (
          <li key={`a-${m.key}`} data-testid="change-added">
            <b class={styles.added}>新增</b>
            {m.name}（{describeForms(m)}
            {m.required ? '，必需' : ''}）
          </li>
        ))}
        {removed.map((m) => (
          <li key={`r-${m.key}`} data-testid="change-removed">
            <b class={styles.removed}>不用再带</b>
            {m.name}
          </li>
        ))}
        {changed.map((c) => (
          <li key={`c-${c.key}`} data-testid="change-changed">
            <b class={styles.changed}>有变化</b>
            {c.name}：{c.changes.join('；')}
          </li>
        ))}
      </ul>
      <button type="button" class={styles.ack} data-testid="guide-change-ack" onClick={onAcknowledge}>
        我知道了
      </button>
    </section>
  );
}

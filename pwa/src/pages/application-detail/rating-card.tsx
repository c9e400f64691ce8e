import { useState } from 'preact/hooks';
import { MAX_RATING_COMMENT, type ApplicationDoc } from '../../../../sync-protocol/index.js';
import { useApp } from '../../lib/app-context.js';
import page from '../page.module.css';
import styles from './application-detail.module.css';

/** 好差评 words, from 1 to 5 stars, as the national evaluation system names them. */
const SCORE_WORDS = ['非常不满意', '不满意', '基本满意', '满意', '非常满意'];

/** 好差评: after 办结 the applicant rates the service once; it reaches the province with the next sync. */
export function RatingCard({ app }: { app: ApplicationDoc }) {
  const { data, actions } = useApp();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [saving, setSaving] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  if (app.rating) {
    return (
      <div class={page.card} data-testid="rating-given">
        <p class={styles.cardTitle}>您的评价</p>
        <p class={styles.stars} aria-label={`${app.rating.score}星，${SCORE_WORDS[app.rating.score - 1]}`}>
          {'★'.repeat(app.rating.score)}
          <span class={styles.starOff}>{'★'.repeat(5 - app.rating.score)}</span> {SCORE_WORDS[app.rating.score - 1]}
        </p>
        {app.rating.comment && <p class={styles.stepLine}>{app.rating.comment}</p>}
        <p class={styles.stepTime}>谢谢！评价会发送给办理部门。</p>
      </div>
    );
  }

  async function save() {
    setSaving(true);
    setFailed(null);
    try {
      await actions.write(() => data.rateApplication(app.id, { score, ...(comment.trim() ? { comment } : {}) }));
    } catch (error) {
      setFailed(error instanceof Error ? error.message : '没有保存下来，请再试一次');
    } finally {
      setSaving(false);
    }
  }

  return (
    <div class={page.card} data-testid="rating-form">
      <p class={styles.cardTitle}>给这次办事打个分（好差评）</p>
      <div class={styles.scoreRow} role="radiogroup" aria-label="评分">
        {SCORE_WORDS.map((word, i) => (
          <button
            key={word}
            type="button"
            role="radio"
            aria-checked={score === i + 1}
            aria-label={`${i + 1}星，${word}`}
            class={`${styles.scoreButton} ${score >= i + 1 ? styles.scoreOn : ''}`}
            data-testid={`score-${i + 1}`}
            onClick={() => setScore(i + 1)}
          >
            ★
          </button>
        ))}
      </div>
      <p class={styles.scoreWord}>{score ? SCORE_WORDS[score - 1] : '请点星星打分'}</p>
      <label class={styles.commentLabel}>
        想说的话（可以不填）
        <textarea class={styles.comment} rows={3} maxLength={MAX_RATING_COMMENT} value={comment} data-testid="rating-comment" onInput={(e) => setComment(e.currentTarget.value)} />
      </label>
      <button type="button" class={page.primary} disabled={!score || saving} data-testid="send-rating" onClick={() => void save()}>
        {saving ? '正在保存…' : '提交评价'}
      </button>
      {failed && (
        <p class={page.error} role="alert">
          {failed}
        </p>
      )}
    </div>
  );
}

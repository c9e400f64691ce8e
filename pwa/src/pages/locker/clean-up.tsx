import { useEffect, useRef, useState } from 'preact/hooks';
import { removeLockerItems } from '../../db/locker-clean-up.js';
import { useApp } from '../../lib/app-context.js';
import {
  describeCleanUpOffer,
  describeCleanUpOutcome,
  describeCleanUpProgress,
  describeCleanUpQuestion,
  planSentCleanUp,
  type CleanUpOutcome,
  type CleanUpPlan,
} from '../../model/locker-clean-up.js';
import type { LockerEntry } from '../../model/locker-usage.js';
import page from '../page.module.css';
import styles from './locker.module.css';

/**
 * 清理已送达的照片: the offer above the list, when some photos already
 * reached the county. `highlighted` (opened from a low-storage warning)
 * scrolls it into view and frames it, and says so when there is nothing to
 * clean, so the tap that led here is never answered by silence.
 */
export function CleanUpCard({ entries, highlighted, onCleaned }: { entries: readonly LockerEntry[]; highlighted: boolean; onCleaned(): void }) {
  const card = useRef<HTMLDivElement>(null);
  const [asking, setAsking] = useState<CleanUpPlan | null>(null);
  const plan = planSentCleanUp(entries);
  const offer = describeCleanUpOffer(plan);
  useEffect(() => {
    if (highlighted) card.current?.scrollIntoView({ block: 'start' });
  }, [highlighted]);
  if (!offer && !highlighted && !asking) return null;
  return (
    <div ref={card} class={`${page.card} ${styles.cleanUp} ${highlighted ? styles.cleanUpHighlighted : ''}`} data-testid="locker-clean-up">
      <h2 class={styles.cleanUpTitle}>清理已送达的照片</h2>
      {offer ? (
        <>
          <p class={styles.cleanUpText} data-testid="locker-clean-up-offer">
            {offer}
          </p>
          <button type="button" class={styles.cleanUpButton} data-testid="locker-clean-up-start" onClick={() => setAsking(plan)}>
            清理 {plan.sha256s.length} 张已送达的照片
          </button>
        </>
      ) : (
        <p class={styles.cleanUpText} data-testid="locker-clean-up-none">
          现在没有县里已经收到的照片可以清理。还可以删掉下面没用到的照片，或者清理手机里别的照片、视频和应用。
        </p>
      )}
      {asking && <CleanUpDialog plan={asking} entries={entries} onClose={() => setAsking(null)} onCleaned={onCleaned} />}
    </div>
  );
}

type Step = { kind: 'asking' } | { kind: 'running'; done: number } | { kind: 'done'; outcome: CleanUpOutcome };

/** The question, then 正在删除 3/23…, then what came of it. 不删了 has the focus, so a stray tap loses nothing. */
function CleanUpDialog({ plan, entries, onClose, onCleaned }: { plan: CleanUpPlan; entries: readonly LockerEntry[]; onClose(): void; onCleaned(): void }) {
  const { data, actions } = useApp();
  const [step, setStep] = useState<Step>({ kind: 'asking' });
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), [step.kind]);
  const total = plan.sha256s.length;

  const run = async () => {
    setStep({ kind: 'running', done: 0 });
    const bytesOf = new Map(entries.map((e) => [e.item.sha256, e.item.storedBytes]));
    const outcome = await removeLockerItems(
      plan.sha256s.map((sha256) => ({ sha256, bytes: bytesOf.get(sha256) ?? 0 })),
      { remove: (sha) => actions.write(() => data.removeLockerItem(sha)), onProgress: (done) => setStep({ kind: 'running', done }) },
    );
    setStep({ kind: 'done', outcome });
    onCleaned();
  };

  return (
    <div class={styles.backdrop} onKeyDown={(e) => e.key === 'Escape' && step.kind !== 'running' && onClose()}>
      <div
        class={styles.dialog}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="locker-clean-up-title"
        aria-describedby="locker-clean-up-text"
        data-testid="locker-clean-up-dialog"
      >
        <h2 id="locker-clean-up-title" class={styles.dialogTitle}>
          {step.kind === 'done' ? '清理好了' : '清理已送达的照片？'}
        </h2>
        {step.kind === 'asking' && (
          <>
            <p id="locker-clean-up-text" class={styles.dialogText} data-testid="locker-clean-up-question">
              {describeCleanUpQuestion(plan)}
            </p>
            <div class={styles.dialogButtons}>
              <button ref={first} type="button" class={styles.keep} data-testid="locker-clean-up-cancel" onClick={onClose}>
                不删了
              </button>
              <button type="button" class={styles.confirm} data-testid="locker-clean-up-confirm" onClick={() => void run()}>
                删除 {total} 张
              </button>
            </div>
          </>
        )}
        {step.kind === 'running' && (
          <div id="locker-clean-up-text" role="status">
            <p class={styles.dialogText} data-testid="locker-clean-up-progress">
              {describeCleanUpProgress(step.done, total)}
            </p>
            <progress class={styles.cleanUpProgress} max={total} value={step.done} />
          </div>
        )}
        {step.kind === 'done' && (
          <>
            <p id="locker-clean-up-text" class={styles.dialogText} role="status" data-testid="locker-clean-up-outcome">
              {describeCleanUpOutcome(step.outcome)}
            </p>
            <div class={styles.dialogButtons}>
              <button ref={first} type="button" class={styles.keep} data-testid="locker-clean-up-close" onClick={onClose}>
                好的
              </button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}

import { useApp } from '../../lib/app-context.js';
import { hrefOf } from '../../lib/routes.js';
import { useObjectUrl } from '../../lib/use-object-url.js';
import { blockedHint, blockedReason, describeTakenAt, useStateLabel, type LockerEntry } from '../../model/locker-usage.js';
import { formatBytes } from '../../model/storage-space.js';
import styles from './locker.module.css';

/** One locker item: its thumbnail (tap for larger), what it is, where it is used, and 删除 or why not. */
export function LockerRow({ entry, onView, onDelete }: { entry: LockerEntry; onView(): void; onDelete(): void }) {
  const { item, names, uses } = entry;
  const reason = blockedReason(entry);
  const title = names.join('、');
  return (
    <li class={styles.item} data-testid="locker-entry" data-sha256={item.sha256}>
      <div class={styles.top}>
        <button type="button" class={styles.thumbButton} aria-label={`看大图：${title}`} data-testid="locker-thumb" onClick={onView}>
          <Thumb sha256={item.sha256} />
          <span class={styles.zoom} aria-hidden="true">
            看大图
          </span>
        </button>
        <div class={styles.facts}>
          <strong class={styles.name} data-testid="locker-name">
            {title}
          </strong>
          <span class={styles.meta}>{describeTakenAt(item)}</span>
          <span class={styles.meta} data-testid="locker-size">
            约 {formatBytes(item.storedBytes)}
          </span>
        </div>
      </div>
      {uses.length > 0 ? (
        <div class={styles.uses}>
          <span class={styles.usesTitle}>用在这些申请里：</span>
          <ul class={styles.useList}>
            {uses.map((use) => (
              <li key={use.applicationId}>
                <a
                  class={styles.use}
                  data-testid="locker-use"
                  data-id={use.applicationId}
                  href={hrefOf(use.lifecycle === 'draft' ? { name: 'edit-application', id: use.applicationId } : { name: 'application', id: use.applicationId })}
                >
                  <span class={styles.useWho}>{use.applicantName}</span>
                  <span class={styles.useWhat}>{use.guideName}</span>
                  <span class={`${styles.useState} ${styles[use.state]}`}>{useStateLabel(use.state)}</span>
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p class={styles.unused}>没有用在任何申请里</p>
      )}
      {reason ? (
        <div class={styles.blocked} data-testid="locker-blocked">
          <p class={styles.reason}>{reason}</p>
          <p class={styles.hint}>{blockedHint(entry)}</p>
        </div>
      ) : (
        <button type="button" class={styles.delete} data-testid="locker-delete" onClick={onDelete}>
          删除这张照片
        </button>
      )}
    </li>
  );
}

/** The thumbnail of an item, read when its row shows. */
export function Thumb({ sha256, large = false }: { sha256: string; large?: boolean }) {
  const { data } = useApp();
  const url = useObjectUrl(sha256, (sha) => (large ? data.getMaterialBlob(sha) : data.getMaterialThumbnail(sha)));
  return url ? <img class={large ? styles.large : styles.thumb} src={url} alt="" /> : <span class={large ? styles.large : styles.thumb} />;
}

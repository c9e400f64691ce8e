import { useEffect, useMemo, useState } from 'preact/hooks';
import { StorageMeter } from '../../components/storage-meter/index.js';
import { useApp } from '../../lib/app-context.js';
import { hrefOf, type Route } from '../../lib/routes.js';
import { useObservable } from '../../lib/use-observable.js';
import { useStorageSpace } from '../../lib/use-storage-space.js';
import { describeLockerTotals, filterLockerEntries, lockerFilterOptions, sameFilter, type LockerEntry, type LockerFilter } from '../../model/locker-usage.js';
import type { PageProps } from '../index.js';
import page from '../page.module.css';
import { CleanUpCard } from './clean-up.js';
import { DeleteDialog } from './delete-dialog.js';
import styles from './locker.module.css';
import { LockerRow } from './locker-row.js';
import { PhotoViewer } from './photo-viewer.js';

/** The browser may count freed room a moment after the delete: the storage line is read once more then. */
const SECOND_READ_MS = 3000;

/**
 * 我的材料柜: every photo and signature kept on this phone, what it is, which
 * applications use it; a larger view; deleting what nothing needs any more,
 * to give the phone room back, one by one or all the photos the county
 * already holds at once.
 */
export function Page({ route }: PageProps<Extract<Route, { name: 'locker' }>>) {
  const { data } = useApp();
  const entries = useObservable(() => data.lockerEntries$, [data]);
  const { space, refresh } = useStorageSpace();
  const [filter, setFilter] = useState<LockerFilter>({ kind: 'all' });
  const [viewing, setViewing] = useState<LockerEntry | null>(null);
  const [deleting, setDeleting] = useState<LockerEntry | null>(null);
  const [deletedAt, setDeletedAt] = useState(0);

  const options = useMemo(() => lockerFilterOptions(entries ?? []), [entries]);
  // A filter whose applicant has gone (their last item deleted) falls back to 全部.
  const active = options.some((o) => sameFilter(o.filter, filter)) ? filter : { kind: 'all' as const };
  const shown = useMemo(() => filterLockerEntries(entries ?? [], active), [entries, active]);

  useEffect(() => {
    if (deletedAt === 0) return undefined;
    refresh();
    const again = setTimeout(refresh, SECOND_READ_MS);
    return () => clearTimeout(again);
  }, [deletedAt]);

  return (
    <div class={page.page}>
      <h1 class={page.heading}>我的材料柜</h1>
      <p class={page.lead}>拍过的材料照片都存在这部手机上，下次办事可以直接用。不再用的可以删掉，腾出手机空间。</p>
      <div class={`${page.card} ${styles.space}`}>
        <StorageMeter space={space} offerCleanUp={false} />
        {entries && entries.length > 0 && (
          <p class={styles.totals} data-testid="locker-totals">
            {describeLockerTotals(entries)}
          </p>
        )}
      </div>
      {entries && <CleanUpCard entries={entries} highlighted={route.show === 'clean-up'} onCleaned={() => setDeletedAt(Date.now())} />}
      {entries === undefined && <p class={page.empty}>正在打开…</p>}
      {entries?.length === 0 && (
        <div class={`${page.empty} ${styles.empty}`} data-testid="locker-empty">
          <p class={styles.emptyTitle}>材料柜是空的</p>
          <p>办事时拍的身份证、营业执照等材料照片会自动放到这里。下次给同一个人办事，可以直接选用，不用再拍。</p>
          <a class={page.secondary} href={hrefOf({ name: 'guides' })}>
            去办事指南选一项开始办理
          </a>
        </div>
      )}
      {options.length > 0 && (
        <div class={styles.filters} role="group" aria-label="按申请人看" data-testid="locker-filters">
          <span class={styles.filtersLabel}>按申请人看：</span>
          {options.map((o) => {
            const on = sameFilter(o.filter, active);
            return (
              <button
                key={o.label}
                type="button"
                class={`${styles.filter} ${on ? styles.filterOn : ''}`}
                aria-pressed={on}
                data-testid="locker-filter"
                onClick={() => setFilter(o.filter)}
              >
                {o.label} <span class={styles.filterCount}>{o.count}张</span>
              </button>
            );
          })}
        </div>
      )}
      <ul class={styles.list}>
        {shown.map((entry) => (
          <LockerRow key={entry.item.sha256} entry={entry} onView={() => setViewing(entry)} onDelete={() => setDeleting(entry)} />
        ))}
      </ul>
      {viewing && <PhotoViewer entry={viewing} onClose={() => setViewing(null)} />}
      {deleting && (
        <DeleteDialog
          entry={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setDeleting(null);
            setDeletedAt(Date.now());
          }}
        />
      )}
    </div>
  );
}

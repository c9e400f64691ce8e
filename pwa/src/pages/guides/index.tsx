import { useApp } from '../../lib/app-context.js';
import { hrefOf } from '../../lib/routes.js';
import { useObservable } from '../../lib/use-observable.js';
import { describeTimeLimit } from '../../model/guide-text.js';
import page from '../page.module.css';
import styles from './guides.module.css';

/** Every service guide on the phone, readable offline. */
export function Page() {
  const { data, state } = useApp();
  const guides = useObservable(() => data.guides$, [data]);

  return (
    <div class={page.page}>
      <h1 class={page.heading}>办事指南</h1>
      {guides === undefined && <p class={page.empty}>正在打开…</p>}
      {guides?.length === 0 && (
        <p class={page.empty} data-testid="guides-empty">
          {state.connection.value === 'offline'
            ? '手机上还没有办事指南。请连上网络，打开本页后会自动下载，以后没网也能看。'
            : '正在下载办事指南，请稍等…'}
        </p>
      )}
      <ul class={styles.list}>
        {guides?.map((guide) => (
          <li key={guide.id}>
            <a class={`${page.card} ${styles.item}`} href={hrefOf({ name: 'guide', id: guide.id })} data-testid="guide-item">
              <span class={styles.name}>{guide.name}</span>
              <span class={styles.meta}>{guide.department}{guide.areaName ? ` · ${guide.areaName}` : ''}</span>
              <span class={styles.facts}>
                <span>承诺时限：<b>{describeTimeLimit(guide.timeLimit.promisedDays)}</b></span>
                <span>收费：<b>{guide.fee}</b></span>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

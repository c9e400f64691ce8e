import { useMemo, useState } from 'preact/hooks';
import { combineLatest } from 'rxjs';
import { SyncStateBadge } from '../../components/sync-state-badge/index.js';
import { useApp } from '../../lib/app-context.js';
import { hrefOf } from '../../lib/routes.js';
import { useObservable } from '../../lib/use-observable.js';
import { householdTitle } from '../../model/household-applicant.js';
import { groupByVillage, searchHouseholds, type HouseholdEntry } from '../../model/households-list.js';
import { REVISIT_LABELS, revisitList, type RevisitItem } from '../../model/revisit.js';
import page from '../page.module.css';
import styles from './households.module.css';

/** 农户: a village agent's households by village, with what needs a visit (待回访) first, and a search. */
export function Page() {
  const { data } = useApp();
  const loaded = useObservable(() => combineLatest([data.households$, data.applications$]), [data]);
  const [query, setQuery] = useState('');
  const groups = useMemo(() => (loaded ? groupByVillage(loaded[0], loaded[1]) : []), [loaded]);
  const shown = useMemo(() => searchHouseholds(groups, query), [groups, query]);
  const revisit = useMemo(() => (loaded ? revisitList(loaded[0], loaded[1]) : []), [loaded]);

  return (
    <div class={page.page}>
      <h1 class={page.heading}>我代办的农户</h1>
      <a class={page.primary} href={hrefOf({ name: 'new-household' })} data-testid="new-household">
        + 登记一户新农户
      </a>
      {loaded === undefined && <p class={page.empty}>正在打开…</p>}
      {revisit.length > 0 && <RevisitSection items={revisit} />}
      {loaded && loaded[0].length > 0 && (
        <div class={styles.search}>
          <label for="household-search" class={styles.searchLabel}>
            找一户
          </label>
          <p id="household-search-hint" class={styles.meta}>
            输入姓名、身份证后四位或查询码
          </p>
          <input
            id="household-search"
            type="search"
            class={styles.searchInput}
            aria-describedby="household-search-hint"
            value={query}
            data-testid="household-search"
            onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
      )}
      {loaded && loaded[0].length === 0 && (
        <div class={page.empty} data-testid="households-empty">
          <p>还没有登记农户。</p>
          <p>先登记一户（户主和家里人的姓名、身份证号码），以后给这户办事就不用再填。</p>
        </div>
      )}
      {loaded && loaded[0].length > 0 && shown.length === 0 && <p class={page.empty}>没有找到“{query}”。</p>}
      {shown.map((group) => (
        <section key={group.village} class={styles.village} aria-label={group.village}>
          <h2 class={styles.villageName}>
            {group.village}
            <span class={styles.count}>{group.households.length} 户</span>
          </h2>
          <ul class={styles.list}>
            {group.households.map((entry) => (
              <HouseholdCard key={entry.household.id} entry={entry} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function HouseholdCard({ entry }: { entry: HouseholdEntry }) {
  const { household, applications } = entry;
  const others = household.members.length - 1;
  return (
    <li>
      <a class={`${page.card} ${styles.household}`} href={hrefOf({ name: 'household', id: household.id })} data-testid="household-item" data-id={household.id}>
        <span class={styles.title}>{householdTitle(household)}</span>
        <span class={styles.meta}>
          {others > 0 ? `户主和家里 ${others} 人` : '只登记了户主'}
          {household.address ? ` · ${household.address}` : ''}
        </span>
        {applications.length === 0 && <span class={styles.meta}>还没有代办的事</span>}
        {applications.map((view) => (
          <span key={view.application.id} class={styles.app}>
            <span class={styles.appName}>{view.application.guideName}</span>
            <SyncStateBadge state={view.stage} />
          </span>
        ))}
      </a>
    </li>
  );
}

/** 待回访: who needs the agent at their door again, and why, by village. */
function RevisitSection({ items }: { items: RevisitItem[] }) {
  const { data, actions } = useApp();
  return (
    <section class={`${page.card} ${styles.revisit}`} data-testid="revisit-list" aria-labelledby="revisit-title">
      <h2 id="revisit-title" class={styles.revisitTitle}>
        要再上门的（{items.length}）
      </h2>
      <ol class={styles.list}>
        {items.map((item) => (
          <li key={item.view.application.id} class={styles.revisitItem} data-testid="revisit-item" data-reason={item.reason}>
            <span class={styles.title}>
              {item.household.village.name} · {householdTitle(item.household)}
            </span>
            <span>
              {item.view.application.applicant.name ? `${item.view.application.applicant.name}：` : ''}
              {item.view.application.guideName}
            </span>
            <span class={styles[`reason-${item.reason}`]}>
              {REVISIT_LABELS[item.reason]}
              {item.materials.length > 0 ? `：${item.materials.join('、')}` : ''}
            </span>
            {item.reason === 'deliver' ? (
              <button
                type="button"
                class={page.secondary}
                data-testid="mark-delivered"
                onClick={() => void actions.write(() => data.markResultDelivered(item.household.id, item.view.application.id))}
              >
                已把结果送到这户
              </button>
            ) : (
              <a class={page.secondary} href={hrefOf({ name: 'application', id: item.view.application.id })}>
                {item.reason === 'supplement' ? '去补材料' : '查看这件事'}
              </a>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

import { useMemo, useState } from 'preact/hooks';
import { combineLatest } from 'rxjs';
import { useApp } from '../../lib/app-context.js';
import { hrefOf } from '../../lib/routes.js';
import { useObservable } from '../../lib/use-observable.js';
import { householdTitle } from '../../model/household-applicant.js';
import { idNumberTail } from '../../model/household-form.js';
import { groupByVillage, searchHouseholds } from '../../model/households-list.js';
import page from '../page.module.css';
import styles from './household-chooser.module.css';

/** 为谁办理: a village agent picks the household and the member an application is for, before its form. */
export function HouseholdChooser({ guideId }: { guideId: string }) {
  const { data, state } = useApp();
  const loaded = useObservable(() => combineLatest([data.guide$(guideId), data.households$]), [data, guideId]);
  const [query, setQuery] = useState('');
  const chosen = state.filingFor.value?.householdId;
  const groups = useMemo(() => (loaded ? groupByVillage(loaded[1], []) : []), [loaded]);
  const shown = useMemo(() => {
    const found = searchHouseholds(groups, query);
    return chosen && !query ? found.map((g) => ({ ...g, households: g.households.filter((e) => e.household.id === chosen) })).filter((g) => g.households.length > 0) : found;
  }, [groups, query, chosen]);
  if (loaded === undefined) return <p class={page.empty}>正在打开…</p>;
  const [guide, households] = loaded;
  if (!guide) return <p class={page.empty}>手机上没有这项办事指南。</p>;
  return (
    <div class={page.page} data-testid="household-chooser">
      <h1 class={page.heading}>代办：{guide.name}</h1>
      <p class={page.lead}>先选给哪一户的哪一位办。姓名、身份证号码和住址会从这户的登记信息里自动填好。</p>
      {households.length === 0 && (
        <div class={page.empty}>
          <p>还没有登记农户。先登记这户，再回来办。</p>
        </div>
      )}
      {households.length > 3 && (
        <input
          type="search"
          class={styles.search}
          aria-label="找一户"
          placeholder="姓名或身份证后四位"
          value={query}
          onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
        />
      )}
      {shown.map((group) => (
        <section key={group.village} aria-label={group.village}>
          <h2 class={styles.village}>{group.village}</h2>
          {group.households.map(({ household }) => (
            <div key={household.id} class={page.card} data-testid="chooser-household" data-id={household.id}>
              <p class={styles.title}>{householdTitle(household)}</p>
              {household.members.map((member) => (
                <a
                  key={member.id}
                  class={`${page.secondary} ${styles.member}`}
                  data-testid="choose-member"
                  href={hrefOf({ name: 'apply-for', guideId, householdId: household.id, memberId: member.id })}
                  onClick={() => (state.filingFor.value = { householdId: household.id, memberId: member.id })}
                >
                  为{member.name}办（{member.relation}
                  {member.idNumber ? `，尾号${idNumberTail(member.idNumber)}` : ''}）
                </a>
              ))}
            </div>
          ))}
        </section>
      ))}
      {chosen && !query && households.length > 1 && (
        <button type="button" class={page.secondary} onClick={() => (state.filingFor.value = null)}>
          换一户
        </button>
      )}
      <a class={`${page.secondary} ${styles.new}`} href={hrefOf({ name: 'new-household' })}>
        + 登记一户新农户
      </a>
    </div>
  );
}

import { useEffect } from 'preact/hooks';
import { combineLatest, map } from 'rxjs';
import type { HouseholdDoc, HouseholdMember } from '../../../../sync-protocol/index.js';
import { SyncStateBadge } from '../../components/sync-state-badge/index.js';
import type { ApplicationView } from '../../db/data-api.js';
import { useApp } from '../../lib/app-context.js';
import { formatChinaMonthDayTime } from '../../lib/china-time.js';
import { hrefOf, type Route } from '../../lib/routes.js';
import { useObservable } from '../../lib/use-observable.js';
import { householdTitle } from '../../model/household-applicant.js';
import { idNumberTail } from '../../model/household-form.js';
import type { PageProps } from '../index.js';
import page from '../page.module.css';
import styles from './household.module.css';

/** One household: who lives there, what was filed for each of them, and 为TA办一件事. */
export function Page({ route }: PageProps<Extract<Route, { name: 'household' }>>) {
  const { data } = useApp();
  const loaded = useObservable(
    () => combineLatest([data.household$(route.id), data.applications$.pipe(map((views) => views.filter((v) => v.application.householdId === route.id)))]),
    [data, route.id],
  );
  if (loaded === undefined) return <p class={page.empty}>正在打开…</p>;
  const [household, applications] = loaded;
  if (!household) return <p class={page.empty}>手机上没有这户的信息。</p>;
  return <Household household={household} applications={applications} />;
}

function Household({ household, applications }: { household: HouseholdDoc; applications: ApplicationView[] }) {
  const { state, actions } = useApp();
  // Arriving from a long profile form or list: the household's name comes first.
  useEffect(() => window.scrollTo(0, 0), [household.id]);
  const fileFor = (member: HouseholdMember) => {
    state.filingFor.value = { householdId: household.id, memberId: member.id };
    actions.navigate({ name: 'guides' });
  };
  return (
    <div class={page.page}>
      <h1 class={page.heading} data-testid="household-title">
        {householdTitle(household)}
      </h1>
      <p class={page.lead}>
        {household.village.name}
        {household.address ? ` · ${household.address}` : ''}
      </p>
      <ul class={styles.members}>
        {household.members.map((member) => (
          <li key={member.id} class={`${page.card} ${styles.member}`} data-testid="household-member">
            <span class={styles.name}>
              {member.name}
              <span class={styles.relation}>{member.relation}</span>
            </span>
            <span class={styles.meta}>
              {member.idNumber ? `身份证尾号 ${idNumberTail(member.idNumber)}` : '身份证号码没有登记'}
              {member.phone ? ` · ${member.phone}` : ''}
            </span>
            <button type="button" class={page.secondary} data-testid="file-for-member" onClick={() => fileFor(member)}>
              为{member.name}办一件事
            </button>
          </li>
        ))}
      </ul>
      <a class={page.secondary} href={hrefOf({ name: 'edit-household', id: household.id })} data-testid="edit-household">
        修改这户的信息
      </a>
      {household.notes && <p class={`${page.card} ${styles.notes}`}>备注：{household.notes}</p>}
      <h2 class={styles.sectionTitle}>给这户办的事</h2>
      {applications.length === 0 && <p class={page.empty}>还没有给这户办过事。</p>}
      <ul class={styles.members}>
        {applications.map(({ application: app, stage }) => (
          <li key={app.id}>
            <a
              class={`${page.card} ${styles.app}`}
              href={hrefOf(app.lifecycle === 'draft' ? { name: 'edit-application', id: app.id } : { name: 'application', id: app.id })}
              data-testid="household-application"
            >
              <span class={styles.appTop}>
                <span class={styles.appName}>{app.guideName}</span>
                <SyncStateBadge state={stage} />
              </span>
              <span class={styles.meta}>
                申请人：{app.applicant.name ?? '（还没填）'} · {formatChinaMonthDayTime(app.submittedAt ?? app.createdAt)}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

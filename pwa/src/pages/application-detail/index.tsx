import type { ApplicationView } from '../../db/data-api.js';
import { SyncStateBadge } from '../../components/sync-state-badge/index.js';
import { useApp } from '../../lib/app-context.js';
import { formatChinaDateTime } from '../../lib/china-time.js';
import { hrefOf, type Route } from '../../lib/routes.js';
import { useObservable } from '../../lib/use-observable.js';
import { applicantLabel } from '../../model/application-summary.js';
import { latestStatus } from '../../model/application-stage.js';
import { buildTimeline, acceptanceNumberOf, type TimelineEntry } from '../../model/status-timeline.js';
import { currentSupplementRequest } from '../../model/supplement-request.js';
import type { PageProps } from '../index.js';
import page from '../page.module.css';
import styles from './application-detail.module.css';
import { RatingCard } from './rating-card.js';
import { SupplementCard } from './supplement-card.js';

/** 办理进度: one application, its state and every step the gateway and the province reported. */
export function Page({ route }: PageProps<Extract<Route, { name: 'application' }>>) {
  const { data } = useApp();
  const view = useObservable(() => data.application$(route.id), [data, route.id]);
  if (view === undefined) return <p class={page.empty}>正在打开…</p>;
  if (view === null) return <p class={page.empty}>手机上没有这份申请。</p>;
  return <Detail view={view} />;
}

function Detail({ view }: { view: ApplicationView }) {
  const { application: app, stage, statuses } = view;
  const timeline = buildTimeline(app, statuses);
  const acceptanceNumber = acceptanceNumberOf(statuses);
  const supplementRequest = currentSupplementRequest(app, statuses);
  // 办结 or 不予受理: what the department said (where to fetch the licence, why not) comes first, not at the timeline's end.
  const outcome = stage === 'completed' || stage === 'rejected' ? latestStatus(statuses.filter((s) => s.state === stage))?.message : undefined;
  return (
    <div class={page.page} data-testid="application-detail" data-id={app.id}>
      <h1 class={page.heading}>办理进度</h1>
      <div class={page.card}>
        <div class={styles.header}>
          <p class={styles.name}>{app.guideName}</p>
          <SyncStateBadge state={stage} />
        </div>
        <dl class={styles.facts}>
          <dt>申请人</dt>
          <dd>{applicantLabel(app)}</dd>
          {app.trackingCode && (
            <>
              <dt>查询码</dt>
              <dd class={styles.groups}>
                {app.trackingCode.split('-').map((group, i) => (
                  <span key={i} class={styles.nowrap}>
                    {i > 0 ? '-' : ''}
                    {group}
                  </span>
                ))}
              </dd>
            </>
          )}
          {acceptanceNumber && (
            <>
              <dt>受理编号</dt>
              <dd class={`${styles.groups} ${styles.number}`} data-testid="acceptance-number">
                {acceptanceNumber.split('-').map((group, i) => (
                  <span key={i} class={styles.nowrap}>
                    {i > 0 ? '-' : ''}
                    {group}
                  </span>
                ))}
              </dd>
            </>
          )}
        </dl>
        {outcome && (
          <p class={`${styles.outcome} ${stage === 'rejected' ? styles.outcomeBad : ''}`} data-testid="application-outcome">
            <b>{stage === 'completed' ? '办理结果：' : '没有受理的原因：'}</b>
            {outcome}
          </p>
        )}
      </div>
      {supplementRequest && <SupplementCard app={app} request={supplementRequest} />}
      {stage === 'completed' && <RatingCard app={app} />}
      <div class={page.card}>
        {timeline.length === 0 ? (
          <p>还没有提交，只保存在这部手机上。</p>
        ) : (
          <ol class={styles.timeline} data-testid="timeline">
            {timeline.map((entry) => (
              <Step key={entry.key} entry={entry} />
            ))}
          </ol>
        )}
      </div>
      <div class={styles.actions}>
        {stage === 'draft' && (
          <a class={page.primary} href={hrefOf({ name: 'edit-application', id: app.id })}>
            继续填写并提交
          </a>
        )}
        {app.trackingCode && (
          <a class={page.secondary} href={hrefOf({ name: 'receipt', id: app.id })}>
            查看回执
          </a>
        )}
        <a class={page.secondary} href={hrefOf({ name: 'applications' })}>
          返回我的申请
        </a>
      </div>
    </div>
  );
}

function Step({ entry }: { entry: TimelineEntry }) {
  return (
    <li class={`${styles.step} ${styles[entry.tone] ?? ''}`} data-testid="timeline-step" data-title={entry.title}>
      <p class={styles.stepTitle}>{entry.title}</p>
      <p class={styles.stepTime}>
        {formatChinaDateTime(entry.at)}
        {entry.clock === 'device' ? '（手机时间）' : ''}
      </p>
      {entry.lines.map((line, i) => (
        <p key={i} class={styles.stepLine}>
          <Line text={line} />
        </p>
      ))}
      {entry.materials.length > 0 && (
        <ul class={styles.asked} data-testid="supplement-request">
          {entry.materials.map((m, i) => (
            <li key={i}>
              <span class={styles.askedName}>{m.name}</span>：{m.reason}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** A line of the timeline; a number after "：" (受理编号：浙331123-2026-000001) never breaks inside. */
function Line({ text }: { text: string }) {
  const match = /^(受理编号：)(.+)$/.exec(text);
  if (!match) return <>{text}</>;
  return (
    <>
      {match[1]}
      <span class={styles.nowrap}>{match[2]}</span>
    </>
  );
}

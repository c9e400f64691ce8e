import type { ApplicationDoc } from '../../../../sync-protocol/index.js';
import type { ApplicationView } from '../../db/data-api.js';
import { KeepOpenNotice } from '../../components/keep-open-notice/index.js';
import { StorageMeter } from '../../components/storage-meter/index.js';
import { SyncStateBadge } from '../../components/sync-state-badge/index.js';
import { useApp } from '../../lib/app-context.js';
import { formatChinaMonthDayTime } from '../../lib/china-time.js';
import { hrefOf } from '../../lib/routes.js';
import { useObjectUrl } from '../../lib/use-object-url.js';
import { useObservable } from '../../lib/use-observable.js';
import { useStorageSpace } from '../../lib/use-storage-space.js';
import { applicantLabel, describePhotos, draftAdvice, firstPhoto, lacksName } from '../../model/application-summary.js';
import { describeStatus } from '../../model/status-text.js';
import { isUnsent } from '../../model/sync-state.js';
import { applicationProgress, describeOverall, describeSending, overallProgress } from '../../model/transfer-progress.js';
import page from '../page.module.css';
import styles from './applications.module.css';

/** 我的申请: every application on this phone and how far it got. */
export function Page() {
  const { data } = useApp();
  const views = useObservable(() => data.applications$, [data]);
  const { space } = useStorageSpace();
  return (
    <div class={page.page}>
      <h1 class={page.heading}>我的申请</h1>
      <StorageMeter space={space} />
      <p>
        <a class={page.secondary} href={hrefOf({ name: 'locker' })} data-testid="locker-link">
          我的材料柜（拍过的照片）
        </a>
      </p>
      {views === undefined && <p class={page.empty}>正在打开…</p>}
      {views?.length === 0 && (
        <div class={page.empty} data-testid="applications-empty">
          <p>还没有申请。</p>
          <a class={page.secondary} href={hrefOf({ name: 'guides' })}>
            去办事指南选一项开始办理
          </a>
        </div>
      )}
      {views && <OverallProgress views={views} />}
      {views && <KeepOpenNotice unsent={views.filter((v) => isUnsent(v.syncState)).length} />}
      <ul class={styles.list}>
        {views?.map((view) => (
          <ApplicationItem key={view.application.id} view={view} />
        ))}
      </ul>
    </div>
  );
}

/** 正在发送 2 份申请的 7 张照片，已完成 45%: shown while any application's photos are on their way. */
function OverallProgress({ views }: { views: ApplicationView[] }) {
  const { state } = useApp();
  const sending = views.filter((v) => v.syncState === 'sending').map((v) => v.application);
  if (sending.length === 0) return null;
  const progress = overallProgress(sending, state.transfer.value);
  // Without a network nothing moves: say so, rather than 正在发送 beside a bar that stands still.
  const offline = state.connection.value === 'offline';
  return (
    <div class={`${page.card} ${styles.overall}`} data-testid="transfer-overall" role="status">
      <p class={styles.explain}>
        {offline
          ? `没有网络，暂停发送：${progress.applications} 份申请的 ${progress.photos} 张照片已完成 ${progress.percent}%，有网后从断开的地方接着发。`
          : describeOverall(progress)}
      </p>
      <progress class={styles.bar} max={100} value={progress.percent} />
    </div>
  );
}

function ApplicationItem({ view }: { view: ApplicationView }) {
  const { data, actions, state } = useApp();
  const { application: app, syncState, stage, issue, acceptanceNumber } = view;
  const latestStatus = view.statuses[view.statuses.length - 1];
  const progress = syncState === 'sending' ? applicationProgress(app, state.transfer.value) : null;
  return (
    <li class={`${page.card} ${styles.item}`} data-testid="application-item" data-id={app.id}>
      <div class={styles.top}>
        <span class={styles.name}>{app.guideName}</span>
        <SyncStateBadge state={stage} label={progress && stage === 'sending' ? describeSending(progress) : undefined} />
      </div>
      {progress && <progress class={styles.bar} data-testid="application-progress" max={100} value={progress.percent} />}
      {syncState === 'draft' ? (
        <DraftContents app={app} />
      ) : (
        <div class={styles.meta}>
          申请人：{applicantLabel(app)} · {formatChinaMonthDayTime(app.submittedAt ?? app.createdAt)}
        </div>
      )}
      {/* Once the province answered, its answer is what matters; the server's receipt is old news. */}
      {!latestStatus && <p class={styles.explain}>{explain(view)}</p>}
      {issue && (
        // The field's name is a code (applicant.idNumber): the message says what to change.
        <p class={styles.issue} role="alert">
          没有发送成功：{issue.message}
        </p>
      )}
      {latestStatus && (
        <p class={`${styles.status} ${styles[`tone-${stage}`] ?? ''}`} data-testid="application-status">
          办理进度：{describeStatus(latestStatus)}
        </p>
      )}
      {acceptanceNumber && (
        <p class={styles.number}>
          受理编号：<span class={styles.nowrap}>{acceptanceNumber}</span>
        </p>
      )}
      {syncState === 'draft' && (
        // A draft is submitted from its form, so it is checked before it goes.
        <a class={page.primary} data-testid="continue-draft" href={hrefOf({ name: 'edit-application', id: app.id })}>
          继续填写并提交
        </a>
      )}
      {syncState === 'refused' && (
        <button type="button" class={page.primary} data-testid="submit-draft" onClick={() => void actions.write(() => data.submitApplication(app.id))}>
          再发送一次
        </button>
      )}
      {app.lifecycle === 'submitted' && (
        <a class={stage === 'supplement_required' ? page.primary : page.secondary} data-testid="progress-link" href={hrefOf({ name: 'application', id: app.id })}>
          {stage === 'supplement_required' ? '查看要补交的材料' : '查看办理进度'}
        </a>
      )}
      {app.trackingCode && (
        <a class={page.secondary} data-testid="receipt-link" href={hrefOf({ name: 'receipt', id: app.id })}>
          查看回执
        </a>
      )}
    </li>
  );
}

/**
 * What a draft holds so far: a draft saved before the name was typed is told
 * apart by its first photo (often the ID card) and how many were taken.
 */
function DraftContents({ app }: { app: ApplicationDoc }) {
  const { data } = useApp();
  const photo = useObjectUrl(firstPhoto(app), (sha) => data.getMaterialThumbnail(sha));
  const photos = describePhotos(app);
  return (
    <div class={styles.draft} data-testid="draft-contents">
      {photo && <img class={styles.thumb} src={photo} alt="" />}
      <div class={styles.meta}>
        <div>
          申请人：<span class={lacksName(app) ? styles.missing : undefined}>{applicantLabel(app)}</span>
        </div>
        {photos && <div>{photos}</div>}
        <div>
          保存于 <span class={styles.nowrap}>{formatChinaMonthDayTime(app.updatedAt)}</span>
        </div>
      </div>
    </div>
  );
}

function explain({ syncState, application }: ApplicationView): string {
  switch (syncState) {
    case 'draft':
      return draftAdvice(application);
    case 'pending':
      return '已提交，保存在手机上。有网络时会自动发送，不用再点。';
    case 'sending':
      return '表格已到服务器，照片正在发送。网络断了也不要紧，有网后从断开的地方接着发。';
    case 'at-gateway':
      return `已送达（${formatChinaMonthDayTime(application.server?.receivedAt ?? '')}），正在转交办理部门。`;
    default:
      return '请按下面的提示修改后再发送。';
  }
}

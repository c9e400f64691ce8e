import type { ApplicationView } from '../../db/data-api.js';
import { SyncStateBadge } from '../../components/sync-state-badge/index.js';
import { useApp } from '../../lib/app-context.js';
import { hrefOf, type Route } from '../../lib/routes.js';
import { useObservable } from '../../lib/use-observable.js';
import type { PageProps } from '../index.js';
import page from '../page.module.css';
import styles from './receipt.module.css';

/** 申请回执: proof of filing, made on the phone, readable with no connection. */
export function Page({ route }: PageProps<Extract<Route, { name: 'receipt' }>>) {
  const { data } = useApp();
  const view = useObservable(() => data.application$(route.id), [data, route.id]);
  if (view === undefined) return <p class={page.empty}>正在打开…</p>;
  if (view === null || !view.application.trackingCode) return <p class={page.empty}>手机上没有这份申请的回执。</p>;
  return <Receipt view={view} code={view.application.trackingCode} />;
}

function Receipt({ view, code }: { view: ApplicationView; code: string }) {
  const { application: app, syncState } = view;
  return (
    <div class={page.page} data-testid="receipt">
      <h1 class={page.heading}>申请回执</h1>
      <div class={page.card}>
        <p class={styles.codeLabel}>受理查询码（请记下或截图保存）</p>
        <p class={styles.code} data-testid="tracking-code" aria-label={code.split('').join(' ')}>
          {code.split('-').map((group, i) => (
            <span key={i} class={styles.group}>{i > 0 && <span class={styles.dash}>-</span>}{group}</span>
          ))}
        </p>
        <p class={styles.saved}>没有网络也已保存在手机上，有网后自动发送</p>
      </div>
      <div class={page.card}>
        <dl class={styles.rows}>
          <dt>办理事项</dt>
          <dd>{app.guideName}</dd>
          <dt>申请人</dt>
          <dd>{app.applicant.name}</dd>
          <dt>提交时间</dt>
          <dd>{formatDateTime(app.submittedAt ?? app.updatedAt)}</dd>
          <dt>发送情况</dt>
          <dd class={styles.state}><SyncStateBadge state={view.stage} />{describeSync(view)}</dd>
        </dl>
      </div>
      <div class={styles.actions}>
        <a class={page.primary} href={hrefOf({ name: 'applications' })}>查看我的申请</a>
        <a class={page.secondary} href={hrefOf({ name: 'guides' })}>返回办事指南</a>
      </div>
    </div>
  );
}

function describeSync({ syncState }: ApplicationView): string {
  switch (syncState) {
    case 'pending':
      return '等网络，会自动发送';
    case 'at-gateway':
      return '服务器已收到';
    case 'refused':
      return '服务器没有收下，请到我的申请查看';
    default:
      return '';
  }
}

function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

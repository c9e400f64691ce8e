import { useEffect, useMemo, useState } from 'preact/hooks';
import { of } from 'rxjs';
import type { ApplicationDoc } from '../../../../sync-protocol/index.js';
import type { ApplicationView } from '../../db/data-api.js';
import { KeepOpenNotice } from '../../components/keep-open-notice/index.js';
import { SyncStateBadge } from '../../components/sync-state-badge/index.js';
import { useApp } from '../../lib/app-context.js';
import { formatChinaDateTime } from '../../lib/china-time.js';
import { hrefOf, type Route } from '../../lib/routes.js';
import { useObservable } from '../../lib/use-observable.js';
import { qrSvg } from '../../lib/qr-code.js';
import { DEFAULT_SUPPLY_DAYS } from '../../model/application-materials.js';
import { householdTitle } from '../../model/household-applicant.js';
import { owedMaterials } from '../../model/revisit.js';
import { isUnsent } from '../../model/sync-state.js';
import type { PageProps } from '../index.js';
import page from '../page.module.css';
import { drawReceiptImage } from './receipt-image.js';
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
  const { data } = useApp();
  const { application: app, syncState } = view;
  const household = useObservable(() => (app.householdId ? data.household$(app.householdId) : of(null)), [data, app.householdId]);
  const handOver = Boolean(app.authorisation);
  const qr = useMemo(() => qrSvg(code, `查询码 ${code} 的二维码`), [code]);
  const submittedAt = formatChinaDateTime(app.submittedAt ?? app.updatedAt);
  // Arriving from a long form scrolled to its submit button: the code and QR come first.
  useEffect(() => window.scrollTo(0, 0), []);
  return (
    <div class={`${page.page} ${styles.sheet}`} data-testid="receipt">
      <h1 class={page.heading}>{handOver ? `代办回执（交给${app.applicant.name ?? '申请人'}）` : '申请回执'}</h1>
      {handOver && <FullScreenButton />}
      <div class={page.card}>
        <p class={styles.codeLabel}>查询码（请记下或截图保存）</p>
        <p class={styles.code} data-testid="tracking-code" aria-label={code.split('').join(' ')}>
          {code.split('-').map((group, i) => (
            <span key={i} class={styles.group}>
              {i > 0 && <span class={styles.dash}>-</span>}
              {group}
            </span>
          ))}
        </p>
        <div class={styles.qr} data-testid="receipt-qr" dangerouslySetInnerHTML={{ __html: qr }} />
        <p class={`${styles.saved} ${syncState === 'refused' ? styles.notSaved : ''}`} data-testid="receipt-sent-state">
          {savedLine(syncState)}
        </p>
        <KeepOpenNotice unsent={isUnsent(syncState) ? 1 : 0} />
      </div>
      <div class={page.card}>
        <dl class={styles.rows}>
          <dt>办理事项</dt>
          <dd>{app.guideName}</dd>
          <dt>申请人</dt>
          <dd>{app.applicant.name}</dd>
          {household && (
            <>
              <dt>农户</dt>
              <dd>
                {householdTitle(household)}（{household.village.name}）
              </dd>
            </>
          )}
          {app.authorisation && (
            <>
              <dt>代办员</dt>
              <dd data-testid="receipt-agent">{app.authorisation.agent.name}</dd>
            </>
          )}
          <dt>提交时间</dt>
          <dd>{submittedAt}</dd>
          <dt>发送情况</dt>
          <dd class={styles.state}>
            <SyncStateBadge state={view.stage} />
            {describeSync(view)}
          </dd>
        </dl>
      </div>
      <SubmittedMaterials app={app} />
      {app.authorisation && <FollowWithoutApp app={app} agentName={app.authorisation.agent.name} />}
      <KeepReceipt app={app} code={code} submittedAt={submittedAt} />
      <div class={`${styles.actions} ${styles.noPrint}`}>
        {household ? (
          <a class={page.primary} href={hrefOf({ name: 'household', id: household.id })}>
            回到{householdTitle(household)}
          </a>
        ) : (
          <a class={page.primary} href={hrefOf({ name: 'applications' })}>
            查看我的申请
          </a>
        )}
        <a class={page.secondary} href={hrefOf({ name: 'guides' })}>
          返回办事指南
        </a>
      </div>
    </div>
  );
}

/** What was handed in: pages per material, and the ones promised for later. */
function SubmittedMaterials({ app }: { app: ApplicationDoc }) {
  const materials = app.materials ?? [];
  if (materials.length === 0) return null;
  const pages = materials.reduce((n, m) => n + m.pages.length, 0);
  return (
    <div class={page.card} data-testid="receipt-materials">
      <h2 class={styles.subheading}>提交的材料（共{pages}页）</h2>
      <ul class={styles.materials}>
        {materials.map((m) => (
          <li key={m.key}>
            <span>{m.name}</span>
            {m.waived ? <strong class={styles.waived}>暂缺，承诺后补</strong> : <strong>{m.pages.length}页</strong>}
          </li>
        ))}
      </ul>
      {app.commitment && (
        <p class={styles.promise} data-testid="receipt-commitment">
          已签承诺书：请在收到受理通知后{promisedDays(app.commitment.text)}个工作日内补交暂缺的材料。
        </p>
      )}
    </div>
  );
}

/**
 * For a household without a smartphone: what is still owed, and how to
 * follow the case with only this paper (the code, the agent, the station).
 */
function FollowWithoutApp({ app, agentName }: { app: ApplicationDoc; agentName: string }) {
  const owed = owedMaterials(app);
  return (
    <div class={page.card} data-testid="receipt-hand-over">
      <h2 class={styles.subheading}>没有手机也能查</h2>
      {owed.length > 0 && (
        <p class={styles.promise} data-testid="receipt-owed">
          还要交：{owed.join('、')}
        </p>
      )}
      <p class={styles.follow}>办得怎么样了，可以问代办员{agentName}；也可以带着这张回执（或报上面的查询码）到村便民服务站、乡镇便民服务中心查询。</p>
      <p class={styles.follow}>办好以后，代办员会把结果送到家里。</p>
    </div>
  );
}

/** 全屏给农户看: the receipt alone on the screen, large, to show at the door. */
function FullScreenButton() {
  if (!document.fullscreenEnabled) return null;
  return (
    <button
      type="button"
      class={`${page.secondary} ${styles.noPrint} ${styles.fullScreen}`}
      data-testid="receipt-full-screen"
      onClick={() =>
        void document
          .querySelector('[data-testid="receipt"]')
          ?.requestFullscreen()
          .catch(() => undefined)
      }
    >
      全屏给农户看
    </button>
  );
}

/** 保存图片 (a PNG for the album) and 打印 (the browser's print, which also saves a PDF). */
function KeepReceipt({ app, code, submittedAt }: { app: ApplicationDoc; code: string; submittedAt: string }) {
  const [problem, setProblem] = useState<string | null>(null);
  const saveImage = async () => {
    try {
      const blob = await drawReceiptImage({ ...app, trackingCode: code }, submittedAt);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `申请回执-${code}.png`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setProblem(null);
    } catch (error) {
      console.error('drawing the receipt failed', error);
      setProblem('图片没有保存成功，请直接截图保存这个页面。');
    }
  };
  return (
    <div class={`${styles.keep} ${styles.noPrint}`}>
      <p class={styles.keepHint}>请保存回执，以后凭查询码查看办理进度：</p>
      <div class={styles.keepButtons}>
        <button type="button" class={page.secondary} data-testid="save-receipt-image" onClick={() => void saveImage()}>
          保存图片
        </button>
        <button type="button" class={page.secondary} data-testid="print-receipt" onClick={() => window.print()}>
          打印
        </button>
      </div>
      {problem && (
        <p class={page.error} role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

/** The days promised, as written in the signed text (the text is what was agreed to). */
function promisedDays(text: string): number {
  const match = /(\d+)个工作日内/.exec(text);
  return match ? Number(match[1]) : DEFAULT_SUPPLY_DAYS;
}

/** The line under the QR code: what happened to the application, true at every stage. */
function savedLine(syncState: ApplicationView['syncState']): string {
  switch (syncState) {
    case 'pending':
      return '没有网络也已保存在手机上，有网后自动发送';
    case 'sending':
      return '表格已送达，照片正在发送，有网就会接着发';
    case 'refused':
      return '没有发送成功，请到我的申请查看怎么改';
    default:
      return '已送达，以后凭查询码查看办理进度';
  }
}

function describeSync({ syncState }: ApplicationView): string {
  switch (syncState) {
    case 'pending':
      return '等网络，会自动发送';
    case 'at-gateway':
      return '已送达，等待受理';
    case 'refused':
      return '没有发送成功，请到我的申请查看';
    default:
      return '';
  }
}

import type { ComponentChildren } from 'preact';
import type { GuideDoc } from '../../../../sync-protocol/index.js';
import { GuideChangeNotice } from '../../components/guide-change-notice/index.js';
import { GuideChecklist } from '../../components/guide-checklist/index.js';
import { ReadAloud } from '../../components/read-aloud/index.js';
import { useApp } from '../../lib/app-context.js';
import { hrefOf, type Route } from '../../lib/routes.js';
import { useObservable } from '../../lib/use-observable.js';
import { describeFreshness } from '../../model/freshness.js';
import { describeTimeLimit } from '../../model/guide-text.js';
import { readAloudText } from '../../model/read-aloud-text.js';
import type { FilingFor } from '../../state/app-state.js';
import type { PageProps } from '../index.js';
import page from '../page.module.css';
import styles from './guide-detail.module.css';

/** One guide in full: what to bring, how long, how much, where; then the details. */
export function Page({ route }: PageProps<Extract<Route, { name: 'guide' }>>) {
  const { data } = useApp();
  const guide = useObservable(() => data.guide$(route.id), [data, route.id]);
  if (guide === undefined) return <p class={page.empty}>正在打开…</p>;
  if (guide === null) {
    return (
      <div class={page.page}>
        <p class={page.empty}>手机上没有这项办事指南。可能它不属于您选的地区，或者已经停止办理。</p>
        <a class={page.secondary} href={hrefOf({ name: 'guides' })}>
          回到办事指南
        </a>
      </div>
    );
  }
  return <GuideDetail guide={guide} />;
}

function GuideDetail({ guide }: { guide: GuideDoc }) {
  const { data, state, actions } = useApp();
  const agent = state.session.value?.user.role === 'agent';
  const ticked = useObservable(() => data.checklist$(guide.id), [data, guide.id]) ?? [];
  const saved = useObservable(() => data.isSaved$(guide.id), [data, guide.id]) ?? false;
  const notice = useObservable(() => data.guideChange$(guide), [data, guide]);
  const freshness = describeFreshness(guide.updatedAt, new Date(Date.now() + state.serverClockOffsetMs.value));

  return (
    <article class={page.page}>
      <h1 class={page.heading}>{guide.name}</h1>
      <p class={styles.lead}>
        {guide.department}
        {freshness && (
          <span class={styles.freshness} data-testid="freshness">
            {freshness}
          </span>
        )}
      </p>

      {notice && <GuideChangeNotice notice={notice} onAcknowledge={() => void actions.write(() => data.acknowledgeGuideChange(guide))} />}

      <div class={styles.actions}>
        <button
          type="button"
          class={`${styles.save} ${saved ? styles.saved : ''}`}
          aria-pressed={saved}
          data-testid="save-guide-button"
          onClick={() => void actions.write(() => (saved ? data.unsaveGuide(guide.id) : data.saveGuide(guide)))}
        >
          {saved ? '已收藏' : '收藏'}
        </button>
        <ReadAloud text={readAloudText(guide)} />
      </div>

      <div class={styles.glance}>
        <div class={styles.tile} data-testid="glance-time">
          <span class={styles.tileLabel}>要多久</span>
          <b>{describeTimeLimit(guide.timeLimit.promisedDays)}</b>
          <span class={styles.tileNote}>法定时限 {describeTimeLimit(guide.timeLimit.statutoryDays)}</span>
        </div>
        <div class={styles.tile} data-testid="glance-fee">
          <span class={styles.tileLabel}>要花钱吗</span>
          <b>{guide.fee}</b>
        </div>
      </div>
      {guide.timeLimit.note && <p class={styles.note}>{guide.timeLimit.note}</p>}

      <Section title={`要带什么（${guide.materials.length} 样）`} testId="materials">
        <GuideChecklist materials={guide.materials} ticked={ticked} onToggle={(key, on) => void actions.write(() => data.setChecklistItem(guide.id, key, on))} />
      </Section>

      <Section title="去哪里办" testId="where">
        {guide.place && <Fact label="地点" value={guide.place} />}
        {guide.hours && <Fact label="时间" value={guide.hours} />}
        {guide.phone && (
          <div class={styles.fact}>
            <span class={styles.factLabel}>电话</span>
            <a class={styles.phone} href={`tel:${guide.phone.replace(/[^\d+-]/g, '')}`} data-testid="guide-phone">
              {guide.phone}
            </a>
          </div>
        )}
        <Fact label="怎么办" value={guide.channels.join('、')} />
        <Fact label="怎么拿结果" value={guide.delivery.join('、')} />
      </Section>

      <Details title="办理条件" items={guide.conditions} />
      <Details title="办理流程" items={guide.steps ?? []} />
      <Details title="办理依据" items={guide.legalBasis ?? []} />
      <p class={styles.note}>
        {guide.areaName ?? ''} · {guide.itemType} · 第{guide.version}版
      </p>

      <div class={styles.applyBar}>
        <a class={page.primary} href={hrefOf(applyRoute(guide.id, agent ? state.filingFor.value : null))} data-testid="apply-button">
          {agent ? '为农户代办' : '开始申请'}
        </a>
      </div>
    </article>
  );
}

/** 开始申请: an agent who chose a member of a household first goes straight to the form; otherwise the household is asked. */
function applyRoute(guideId: string, filingFor: FilingFor | null): Route {
  return filingFor?.memberId ? { name: 'apply-for', guideId, householdId: filingFor.householdId, memberId: filingFor.memberId } : { name: 'apply', guideId };
}

function Section({ title, testId, children }: { title: string; testId: string; children: ComponentChildren }) {
  return (
    <section class={page.card} data-testid={`section-${testId}`}>
      <h2 class={styles.sectionTitle}>{title}</h2>
      {children}
    </section>
  );
}

function Details({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <details class={`${page.card} ${styles.details}`}>
      <summary class={styles.summary}>{title}</summary>
      <ol class={styles.list}>
        {items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ol>
    </details>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div class={styles.fact}>
      <span class={styles.factLabel}>{label}</span>
      <span>{value}</span>
    </div>
  );
}

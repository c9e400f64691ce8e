import type { ComponentChildren } from 'preact';
import type { GuideDoc } from '../../../../sync-protocol/index.js';
import { useApp } from '../../lib/app-context.js';
import { hrefOf, type Route } from '../../lib/routes.js';
import { useObservable } from '../../lib/use-observable.js';
import { describeForms, describeTimeLimit, materialMarks } from '../../model/guide-text.js';
import type { PageProps } from '../index.js';
import page from '../page.module.css';
import styles from './guide-detail.module.css';

/** One guide in full: what is needed, how long, how much, where, and the way to apply. */
export function Page({ route }: PageProps<Extract<Route, { name: 'guide' }>>) {
  const { data } = useApp();
  const guide = useObservable(() => data.guide$(route.id), [data, route.id]);
  if (guide === undefined) return <p class={page.empty}>正在打开…</p>;
  if (guide === null) {
    return (
      <div class={page.page}>
        <p class={page.empty}>手机上没有这项办事指南。</p>
        <a class={page.secondary} href={hrefOf({ name: 'guides' })}>回到办事指南</a>
      </div>
    );
  }
  return <GuideDetail guide={guide} />;
}

function GuideDetail({ guide }: { guide: GuideDoc }) {
  return (
    <article class={page.page}>
      <h1 class={page.heading}>{guide.name}</h1>
      <p class={page.lead}>{guide.department}{guide.areaName ? ` · ${guide.areaName}` : ''} · {guide.itemType}</p>

      <Section title="办理时限和收费">
        <Fact label="承诺时限" value={describeTimeLimit(guide.timeLimit.promisedDays)} />
        <Fact label="法定时限" value={describeTimeLimit(guide.timeLimit.statutoryDays)} />
        {guide.timeLimit.note && <p class={styles.note}>{guide.timeLimit.note}</p>}
        <Fact label="收费" value={guide.fee} />
      </Section>

      <Section title="办理条件">
        <ol class={styles.list}>{guide.conditions.map((c, i) => <li key={i}>{c}</li>)}</ol>
      </Section>

      <Section title={`申请材料（${guide.materials.length}项）`}>
        <ul class={styles.materials}>
          {guide.materials.map((m) => (
            <li key={m.key} class={styles.material} data-testid="material-item">
              <div class={styles.materialName}>{m.name}</div>
              <div class={styles.marks}>
                <span class={styles.forms}>{describeForms(m)}</span>
                {materialMarks(m).map((mark) => (
                  <span key={mark} class={`${styles.mark} ${mark === '必需' ? styles.required : mark === '可容缺' ? styles.waivable : ''}`}>{mark}</span>
                ))}
              </div>
              {m.source && <div class={styles.note}>来源：{m.source}</div>}
              {m.notes && <div class={styles.note}>{m.notes}</div>}
            </li>
          ))}
        </ul>
        {guide.materials.some((m) => m.waivable) && <p class={styles.note}>「可容缺」：暂时缺这份材料也可以先受理，之后补交。</p>}
      </Section>

      {guide.steps && guide.steps.length > 0 && (
        <Section title="办理流程">
          <ol class={styles.list}>{guide.steps.map((s, i) => <li key={i}>{s}</li>)}</ol>
        </Section>
      )}

      <Section title="在哪里办">
        {guide.place && <Fact label="办理地点" value={guide.place} />}
        {guide.hours && <Fact label="办公时间" value={guide.hours} />}
        {guide.phone && (
          <div class={styles.fact}>
            <span class={styles.factLabel}>咨询电话</span>
            <a class={styles.phone} href={`tel:${guide.phone.replace(/[^\d+-]/g, '')}`}>{guide.phone}</a>
          </div>
        )}
        <Fact label="办理渠道" value={guide.channels.join('、')} />
        <Fact label="结果送达" value={guide.delivery.join('、')} />
      </Section>

      <div class={styles.applyBar}>
        <a class={page.primary} href={hrefOf({ name: 'apply', guideId: guide.id })} data-testid="apply-button">在线申请</a>
      </div>
    </article>
  );
}

function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class={page.card}>
      <h2 class={styles.sectionTitle}>{title}</h2>
      {children}
    </section>
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

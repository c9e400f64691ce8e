import { useEffect, useState } from 'preact/hooks';
import { of } from 'rxjs';
import type { ApplicationDoc } from '../../../../sync-protocol/index.js';
import { useApp } from '../../lib/app-context.js';
import { hrefOf, type Route } from '../../lib/routes.js';
import { useObservable } from '../../lib/use-observable.js';
import type { PageProps } from '../index.js';
import page from '../page.module.css';
import { ApplicationForm } from './application-form.js';

type FormRoute = Extract<Route, { name: 'apply' } | { name: 'edit-application' }>;

/** The application form generated from the guide: a new one, or a draft continued. Saves on the phone, sends when online. */
export function Page({ route }: PageProps<FormRoute>) {
  return route.name === 'apply' ? <NewApplication guideId={route.guideId} /> : <ContinueDraft id={route.id} />;
}

function NewApplication({ guideId }: { guideId: string }) {
  const { data } = useApp();
  const guide = useObservable(() => data.guide$(guideId), [data, guideId]);
  if (guide === undefined) return <p class={page.empty}>正在打开…</p>;
  if (guide === null) return <p class={page.empty}>手机上没有这项办事指南。</p>;
  return <ApplicationForm guide={guide} draft={null} />;
}

function ContinueDraft({ id }: { id: string }) {
  const { data } = useApp();
  const view = useObservable(() => data.application$(id), [data, id]);
  // The draft is read once: the form owns the values from then on, autosave writes them back.
  const [draft, setDraft] = useState<ApplicationDoc | null | undefined>(undefined);
  useEffect(() => {
    if (draft === undefined && view !== undefined) setDraft(view?.application ?? null);
  }, [view, draft]);
  const guide = useObservable(() => (draft ? data.guide$(draft.guideId) : of(null)), [data, draft?.guideId]);
  if (draft === undefined || (draft && guide === undefined)) return <p class={page.empty}>正在打开…</p>;
  if (draft === null) return <p class={page.empty}>手机上没有这份申请。</p>;
  if (draft.lifecycle !== 'draft') {
    return (
      <p class={page.empty}>
        这份申请已经提交。<a href={hrefOf({ name: 'receipt', id: draft.id })}>查看回执</a>
      </p>
    );
  }
  if (!guide) return <p class={page.empty}>手机上没有这项办事指南，请联网后再继续填写。</p>;
  return <ApplicationForm guide={guide} draft={draft} />;
}

import { useEffect, useState } from 'preact/hooks';
import { combineLatest, of } from 'rxjs';
import type { ApplicationDoc, GuideDoc, HouseholdDoc } from '../../../../sync-protocol/index.js';
import { useApp } from '../../lib/app-context.js';
import { hrefOf, type Route } from '../../lib/routes.js';
import { useObservable } from '../../lib/use-observable.js';
import { memberOf } from '../../model/household-applicant.js';
import type { PageProps } from '../index.js';
import page from '../page.module.css';
import { ApplicationForm } from './application-form.js';
import { HouseholdChooser } from './household-chooser.js';

type FormRoute = Extract<Route, { name: 'apply' } | { name: 'apply-for' } | { name: 'edit-application' }>;

/**
 * The application form generated from the guide: a new one, or a draft
 * continued. Saves on the phone, sends when online. A village agent first
 * says whom it is for (household and member).
 */
export function Page({ route }: PageProps<FormRoute>) {
  const { state } = useApp();
  const agent = state.session.value?.user.role === 'agent';
  if (route.name === 'edit-application') return <ContinueDraft id={route.id} />;
  if (route.name === 'apply-for') return <NewApplication guideId={route.guideId} householdId={route.householdId} memberId={route.memberId} />;
  return agent ? <HouseholdChooser guideId={route.guideId} /> : <NewApplication guideId={route.guideId} />;
}

function NewApplication({ guideId, householdId, memberId }: { guideId: string; householdId?: string; memberId?: string }) {
  const { data } = useApp();
  const loaded = useObservable(() => combineLatest([data.guide$(guideId), householdId ? data.household$(householdId) : of(null)]), [data, guideId, householdId]);
  if (loaded === undefined) return <p class={page.empty}>正在打开…</p>;
  const [guide, household] = loaded;
  if (guide === null) return <p class={page.empty}>手机上没有这项办事指南。</p>;
  if (householdId && !household) return <p class={page.empty}>手机上没有这户的信息。</p>;
  return <Form guide={guide} draft={null} household={household} memberId={memberId} />;
}

function ContinueDraft({ id }: { id: string }) {
  const { data } = useApp();
  const view = useObservable(() => data.application$(id), [data, id]);
  // The draft is read once: the form owns the values from then on, autosave writes them back.
  const [draft, setDraft] = useState<ApplicationDoc | null | undefined>(undefined);
  useEffect(() => {
    if (draft === undefined && view !== undefined) setDraft(view?.application ?? null);
  }, [view, draft]);
  const loaded = useObservable(
    () => combineLatest([draft ? data.guide$(draft.guideId) : of(null), draft?.householdId ? data.household$(draft.householdId) : of(null)]),
    [data, draft?.guideId, draft?.householdId],
  );
  if (draft === undefined || (draft && loaded === undefined)) return <p class={page.empty}>正在打开…</p>;
  if (draft === null) return <p class={page.empty}>手机上没有这份申请。</p>;
  if (draft.lifecycle !== 'draft') {
    return (
      <p class={page.empty}>
        这份申请已经提交。<a href={hrefOf({ name: 'receipt', id: draft.id })}>查看回执</a>
      </p>
    );
  }
  const [guide, household] = loaded ?? [null, null];
  if (!guide) return <p class={page.empty}>手机上没有这项办事指南，请联网后再继续填写。</p>;
  if (draft.householdId && !household) return <p class={page.empty}>手机上没有这户的信息，请先在「农户」里登记这户。</p>;
  return <Form guide={guide} draft={draft} household={household} memberId={draft.memberId} />;
}

function Form({ guide, draft, household, memberId }: { guide: GuideDoc; draft: ApplicationDoc | null; household: HouseholdDoc | null; memberId?: string }) {
  if (!household) return <ApplicationForm guide={guide} draft={draft} />;
  return <ApplicationForm guide={guide} draft={draft} filing={{ household, member: memberOf(household, memberId) }} />;
}

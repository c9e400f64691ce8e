import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { of } from 'rxjs';
import type { ApplicationDoc, GuideDoc, GuideFormField } from '../../../../sync-protocol/index.js';
import { FormField } from '../../components/form-field/index.js';
import { useApp } from '../../lib/app-context.js';
import { DraftSaver } from '../../lib/draft-saver.js';
import { hrefOf, type Route } from '../../lib/routes.js';
import { useObservable } from '../../lib/use-observable.js';
import { checkField, checkForm, formFieldsFor, toApplicationParts, valuesOf, type FormErrors, type FormValues } from '../../model/application-form.js';
import type { PageProps } from '../index.js';
import page from '../page.module.css';
import styles from './new-application.module.css';

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

function ApplicationForm({ guide, draft }: { guide: GuideDoc; draft: ApplicationDoc | null }) {
  const { data, actions, state } = useApp();
  const fields = useMemo(() => formFieldsFor(guide), [guide]);
  const [values, setValues] = useState<FormValues>(() => (draft ? valuesOf(draft) : {}));
  const [errors, setErrors] = useState<FormErrors>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const saver = useDraftSaver(guide, draft);

  const setValue = (key: string, value: string) => {
    setValues((v) => {
      const next = { ...v, [key]: value };
      saver.schedule(next);
      return next;
    });
    if (errors[key]) setErrors(({ [key]: _, ...rest }) => rest);
  };
  // On blur only what was typed is judged: an empty field is not scolded before submit.
  const checkOnBlur = (field: GuideFormField, value: string) => {
    const problem = value.trim() === '' ? null : checkField(field, value);
    setErrors(({ [field.key]: _, ...rest }) => (problem ? { ...rest, [field.key]: problem } : rest));
  };
  const attention = Object.keys(errors).length;

  async function save(submit: boolean) {
    const problems = submit ? checkForm(fields, values) : draftProblems(values);
    setErrors(problems);
    const first = Object.keys(problems)[0];
    if (first) {
      document.getElementById(`field-${first}`)?.focus();
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      saver.schedule(values);
      const id = await saver.flush();
      if (!id) throw new Error('the draft was not saved');
      if (submit) {
        await actions.write(() => data.submitApplication(id));
        actions.navigate({ name: 'receipt', id });
      } else {
        actions.navigate({ name: 'applications' });
      }
    } catch (error) {
      console.error('saving the application failed', error);
      setFailure('没有保存成功，请检查填写的内容后再试一次。');
      setSaving(false);
    }
  }

  const offline = state.connection.value === 'offline';
  return (
    <form class={page.page} noValidate onSubmit={(e) => { e.preventDefault(); void save(true); }}>
      <h1 class={page.heading}>申请：{guide.name}</h1>
      <p class={page.lead}>
        {offline ? '现在没有网络也可以填写和提交，内容先保存在手机上，有网后自动发送。' : '填好后点「提交」，内容会保存在手机上并自动发送。'}
        填写的内容会随时存为草稿。
      </p>
      <div class={page.card}>
        {fields.map((field) => (
          <FormField key={field.key} field={field} value={values[field.key] ?? ''} error={errors[field.key]} onInput={(v) => setValue(field.key, v)} onBlur={(v) => checkOnBlur(field, v)} />
        ))}
      </div>
      {attention > 0 && <p class={page.error} role="alert">还有{attention}处没有填好，请看红色提示。</p>}
      {failure && <p class={page.error} role="alert">{failure}</p>}
      <div class={styles.actions}>
        <button class={page.primary} type="submit" data-testid="submit-application" disabled={saving}>{saving ? '正在保存…' : attention > 0 ? `提交（还有${attention}处要改）` : '提交'}</button>
        <button class={page.secondary} type="button" data-testid="save-draft" disabled={saving} onClick={() => void save(false)}>先存为草稿</button>
        <a class={styles.cancel} href={hrefOf({ name: 'guide', id: guide.id })}>返回办事指南</a>
      </div>
    </form>
  );
}

/**
 * One draft saver for the form's life: it writes after each pause in typing,
 * and at once when the page is hidden (tab closed, app switched, update
 * reload) or the form is left.
 */
function useDraftSaver(guide: GuideDoc, draft: ApplicationDoc | null): DraftSaver {
  const { data, actions } = useApp();
  const saver = useRef<DraftSaver | null>(null);
  if (!saver.current) {
    saver.current = new DraftSaver({
      id: draft?.id ?? null,
      save: (id, values) => actions.write(() => saveDraft(data, guide, id, values)),
    });
  }
  useEffect(() => {
    const current = saver.current!;
    const flush = () => void current.flush().catch(() => undefined);
    const flushWhenHidden = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    document.addEventListener('visibilitychange', flushWhenHidden);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('visibilitychange', flushWhenHidden);
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, []);
  return saver.current;
}

/**
 * Writes the typed values as a draft. The schema needs a name, so nothing is
 * written before one is typed (the name is the form's first field).
 */
async function saveDraft(data: ReturnType<typeof useApp>['data'], guide: GuideDoc, id: string | null, values: FormValues): Promise<string | null> {
  const parts = toApplicationParts(guide, values);
  if (!parts.applicant.name) return id;
  if (id) {
    await data.updateDraft(id, parts);
    return id;
  }
  // The draft is found again in 我的申请 (继续填写). The address is not rewritten to it:
  // with history.replaceState here, the next link click in the e2e run changed the
  // address but not the screen (no hashchange seen); not understood yet, so left out.
  const app = await data.createApplication({ guide, ...parts });
  return app.id;
}

/** A draft only needs a name (the schema requires one); the rest can wait. */
function draftProblems(values: FormValues): FormErrors {
  return (values.applicantName ?? '').trim() ? {} : { applicantName: '存草稿也请先填写申请人姓名' };
}
